/**
 * The scans taken from the scan folder whose link to a dossier has not happened yet (see UnlinkedInboxImport in
 * attachment-service.ts), kept in the desk's database (migration 020) so that a restart — a power cut, the app
 * closed at lunch, a crash — does not lose them: the receptions being typed and those set aside that hold them
 * survive in the renderer's IndexedDB, and a scan taken off one of them must still go back to the folder.
 *
 * The rows hold file names and paths (which may contain a citizen's name), like `attachments.original_name`: they
 * stay in the database and its backups and never go to a log.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open-database';

export interface UnlinkedInboxImport {
  sha256: string;
  /** The name the scan was imported under (its name in the folder); with the SHA-256, the key. */
  fileName: string;
  /** Where in the scan folder it came from, and goes back to. */
  inboxFile: string;
  /**
   * Where it was set aside to (`imported/` beside it); null when it could not be moved (still open in the scanner's
   * software). Written before the move: after a crash between the two, the file is still at `inboxFile`.
   */
  setAsideTo: string | null;
  /** This import wrote the attachments row / the blob file (the same pages may have been stored before). */
  newRow: boolean;
  newBlob: boolean;
  /** The desk clock's instant of the import, in ms (for forgetting the abandoned ones). */
  importedMs: number;
}

interface Row {
  sha256: string;
  file_name: string;
  inbox_file: string;
  set_aside_to: string | null;
  new_row: number;
  new_blob: number;
  imported_ms: number;
}

/**
 * How long a scan picked and never linked nor put back is remembered. Such a row is an abandoned pick: a form
 * thrown away while the renderer could not reach the desk, a reception set aside and never finished, a renderer
 * that was reset. Nothing removes it otherwise, so each open of the desk forgets those older than this, and the
 * table holds at most a few weeks of abandoned picks (a handful a day) rather than growing for the desk's life.
 * Sixty days is far longer than any real wait of a set-aside reception (a citizen fetching a missing paper, across
 * Tết's week of closure and a supplement request or two), so a clerk who does come back still gets the scan back
 * in the folder. A forgotten scan stays where it is — its file in `imported/`, its attachments row and blob in the
 * store — exactly as an unlinked scan stayed after a restart before the table existed: nothing of the citizen's
 * papers is deleted by the desk on its own, and a file reappearing in the folder weeks later would only invite
 * attaching it to the wrong citizen. A later putBack of it answers `offeredAgain: false`.
 */
export const FORGET_UNLINKED_AFTER_MS = 60 * 24 * 60 * 60 * 1000;

const toImport = (r: Row): UnlinkedInboxImport => ({
  sha256: r.sha256,
  fileName: r.file_name,
  inboxFile: r.inbox_file,
  setAsideTo: r.set_aside_to,
  newRow: r.new_row === 1,
  newBlob: r.new_blob === 1,
  importedMs: r.imported_ms,
});

export class UnlinkedInboxImports {
  private readonly getStmt: Statement<[string, string], Row>;
  private readonly putStmt: Statement<[string, string, string, string | null, number, number, number]>;
  private readonly notSetAsideStmt: Statement<[string, string]>;
  private readonly forgetStmt: Statement<[string, string]>;
  private readonly wantedStmt: Statement<[string], number>;
  private readonly linkedStmt: Statement<[string]>;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare('SELECT * FROM unlinked_inbox_imports WHERE sha256 = ? AND file_name = ?');
    // The same key again (the file could not be set aside and was picked once more, or an undo stopped by a crash
    // after the file went back): the later pick takes the earlier's place, and takes over the row and blob the
    // earlier had created (the later one finds them stored), so that its undo removes them.
    this.putStmt = db.prepare(
      `INSERT INTO unlinked_inbox_imports (sha256, file_name, inbox_file, set_aside_to, new_row, new_blob, imported_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sha256, file_name) DO UPDATE SET inbox_file = excluded.inbox_file, set_aside_to = excluded.set_aside_to,
         new_row = max(new_row, excluded.new_row), new_blob = max(new_blob, excluded.new_blob), imported_ms = excluded.imported_ms`,
    );
    this.notSetAsideStmt = db.prepare('UPDATE unlinked_inbox_imports SET set_aside_to = NULL WHERE sha256 = ? AND file_name = ?');
    this.forgetStmt = db.prepare('DELETE FROM unlinked_inbox_imports WHERE sha256 = ? AND file_name = ?');
    this.wantedStmt = db.prepare<[string], number>('SELECT 1 FROM unlinked_inbox_imports WHERE sha256 = ? LIMIT 1').pluck();
    this.linkedStmt = db.prepare('UPDATE unlinked_inbox_imports SET new_row = 0, new_blob = 0 WHERE sha256 = ?');
  }

  get(sha256: string, fileName: string): UnlinkedInboxImport | undefined {
    const row = this.getStmt.get(sha256, fileName);
    return row ? toImport(row) : undefined;
  }

  put(u: UnlinkedInboxImport): void {
    this.putStmt.run(u.sha256, u.fileName, u.inboxFile, u.setAsideTo, u.newRow ? 1 : 0, u.newBlob ? 1 : 0, u.importedMs);
  }

  /** The move to `imported/` did not happen (the file is open in the scanner's software): it is in the folder. */
  notSetAside(sha256: string, fileName: string): void {
    this.notSetAsideStmt.run(sha256, fileName);
  }

  forget(sha256: string, fileName: string): void {
    this.forgetStmt.run(sha256, fileName);
  }

  /** The same pages are still picked under another name: their row and blob are still wanted. */
  stillWanted(sha256: string): boolean {
    return this.wantedStmt.get(sha256) !== undefined;
  }

  /** Linked now: no later undo of the same pages (picked under another name) may remove their row or blob. */
  linked(sha256: string): void {
    this.linkedStmt.run(sha256);
  }

  /** Forgets the picks older than FORGET_UNLINKED_AFTER_MS (see there); returns how many. */
  forgetAbandoned(nowMs: number): number {
    return this.db.prepare('DELETE FROM unlinked_inbox_imports WHERE imported_ms < ?').run(nowMs - FORGET_UNLINKED_AFTER_MS).changes;
  }
}
