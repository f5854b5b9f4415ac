/**
 * Scans of a dossier's papers and of its result: imported into the blob store (type checked by content, size
 * limited), then linked to a component or to the result by a `dossier.attachment_linked` event.
 */
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { AppFailure, appFailure } from '../../../shared/result';
import type { DossierChange } from '../../../shared/api/dossier-views';
import type { Desk, DeskStore } from '../desk';
import { deskPaths } from '../paths';
import { BlobHashMismatch, BlobStore } from './blob-store';
import type { ScanDownloadSink } from './partial-scan';
import { detectScanType, type ScanMime } from './file-type';
import { scanDownloadFailures } from './scan-download-messages';
import { scanNamedByEvents } from './scan-references';
import { asidePathOf, finishSetAside, pagesBackToInbox, setAside } from './inbox-files';
import { UnlinkedInboxImports, type UnlinkedInboxImport } from './unlinked-inbox-imports';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface AttachmentInfo {
  sha256: string;
  size: number;
  mime: ScanMime;
  fileName: string;
  importedAt: string;
  alreadyStored: boolean;
}

/**
 * Brings a scan's bytes from the server into its partial file, asking only for what is not there yet (the sync
 * client's downloadScan); rejects with an AppFailure a clerk can read. Null where the desk does not sync.
 */
export type ScanDownload = ((sha256: string, into: ScanDownloadSink) => Promise<void>) | null;

/** Resumes of one download within one opening (each after a cut that still brought bytes). */
export const MAX_DOWNLOAD_RESUMES = 5;
/** The pause before a resume: a line that just reset often comes back within a second. */
const RESUME_PAUSE_MS = 1_000;

export type ImportSource =
  | { source: 'path'; path: string }
  | { source: 'inbox'; fileName: string }
  | { source: 'data'; fileName: string; dataBase64: string };

/*
 * A scan taken from the inbox (set aside to `imported/`) whose link has not happened yet: an UnlinkedInboxImport. If
 * the link fails, or the clerk takes the scan off its paper before the reception is saved (putBack), the import is
 * undone: the file goes back to the inbox, so the clerk still sees it and can attach it again, and the row and blob
 * this import created go too (nothing links them). Kept in the database (unlinked-inbox-imports.ts), not in memory:
 * the reception being typed and those set aside live in the renderer's IndexedDB and outlive a restart of the desk
 * (a power cut, the app closed at lunch, a crash), and a scan taken off one of them afterwards must still go back.
 * The files' side, found by content and never moved over another file, is in inbox-files.ts.
 *
 * A crash may come between any two steps; the order of the steps is chosen so that what it leaves is safe.
 * - import (from the inbox): (1) the blob is written (temporary name, fsync, rename); (2) ONE transaction writes the
 *   `attachments` row, the unlinked row (which already names the free path in `imported/` the file is about to go
 *   to) and the audit entry; (3) the file moves there; (4) if it could not move, the unlinked row says so.
 *   Crash after 1: the file is still in the inbox and no row names anything; the clerk still sees the scan. The blob
 *   is named by no row, so nothing can link it: some disk space (a later import of the same pages finds it stored,
 *   and does not count it as its own).
 *   Crash after 2 (before 3 or 4): the row names `imported/` while the file is still in the inbox, listed. An undo
 *   finds the pages where they are (by content), so putBack answers "offered again" and removes the row and blob; a
 *   link moves the file aside after all (finishSetAside). What cannot happen: a file moved to `imported/` that no
 *   row names (the defect this table fixes), because the row commits before the file moves.
 * - undo (putBack, failed link): (1) the pages go back to the inbox; (2) ONE transaction forgets the pick and
 *   removes the `attachments` row if this import created it and no other pick of the same pages wants it; (3) the
 *   blob file goes.
 *   Crash after 1: the pages are offered in the inbox again and the pick is still named; the renderer has dropped
 *   the scan already, so no second putBack comes. Picked again, the new pick takes over what the old one had
 *   created (UnlinkedInboxImports.put); otherwise the pick is forgotten in time (FORGET_UNLINKED_AFTER_MS) and its
 *   row and blob stay in the store, named by nothing a clerk can reach: some disk space. Crash after 2: a blob no row
 *   names, as above. The other order (rows first) would leave, on a crash, a file in `imported/` that nothing names.
 * - link: the `dossier.attachment_linked` event and the forgetting of the pick commit in ONE transaction: after a
 *   crash either the scan is linked and no longer picked, or picked and not linked (the clerk links again). Never a
 *   linked scan still named as picked, which a later putBack would move out and whose row it would delete.
 */

interface AttachmentRow {
  sha256: string;
  size: number;
  mime: ScanMime;
  original_name: string;
  imported_at: string;
}

export class AttachmentService {
  readonly blobs: BlobStore;
  /** By SHA-256 and the name imported under: the same pages may come in twice under two names. */
  private readonly unlinked: UnlinkedInboxImports;

  constructor(
    private readonly store: DeskStore,
    private readonly desk: Desk,
    readonly maxBytes: number = DEFAULT_MAX_ATTACHMENT_BYTES,
  ) {
    this.blobs = new BlobStore(deskPaths(desk.dataDir).blobs);
    this.unlinked = new UnlinkedInboxImports(store.db);
    // Picks abandoned weeks ago are forgotten when the desk opens (see FORGET_UNLINKED_AFTER_MS). Housekeeping only:
    // a store that cannot take the write now (damaged, or a restore under way) opens all the same.
    try {
      this.unlinked.forgetAbandoned(desk.clock.now().getTime());
    } catch {
      // Tried again at the next open.
    }
  }

  private tooLarge = () => {
    const mb = Math.round(this.maxBytes / (1024 * 1024));
    return appFailure(
      'attachment_too_large',
      `Tệp quá lớn: tối đa ${mb} MB. Hãy quét lại với độ phân giải thấp hơn hoặc tách thành nhiều tệp.`,
      `The file is too large: at most ${mb} MB. Scan again at a lower resolution or split it into several files.`,
      { field: 'file' },
    );
  };

  private acceptHead = (head: Buffer): ScanMime => {
    const mime = detectScanType(head);
    if (!mime) {
      throw appFailure(
        'attachment_type',
        'Chỉ nhận tệp PDF, JPEG, PNG hoặc TIFF (kiểm tra theo nội dung tệp, không theo phần mở rộng).',
        'Only PDF, JPEG, PNG or TIFF files are accepted (checked by the file content, not its extension).',
        { field: 'file' },
      );
    }
    return mime;
  };

  private fileNotFound(file: string) {
    return appFailure('file_not_found', `Không tìm thấy tệp: ${path.basename(file)}.`, `File not found: ${path.basename(file)}.`, { field: 'file' });
  }

  /** The scan inbox file a name refers to; the name may not climb out of the inbox. */
  private inboxPath(fileName: string): string {
    const dir = this.store.settings.get().scanInboxDir;
    if (!dir) {
      throw appFailure('scan_inbox_not_set', 'Chưa chọn thư mục nhận bản quét.', 'No scan inbox folder is configured.', { field: 'fileName' });
    }
    if (path.basename(fileName) !== fileName || fileName === '.' || fileName === '..') {
      throw appFailure('invalid_file_name', 'Tên tệp không hợp lệ.', 'Invalid file name.', { field: 'fileName' });
    }
    return path.join(dir, fileName);
  }

  import(input: ImportSource): AttachmentInfo {
    const user = this.desk.requireUser();
    const detected: { mime?: ScanMime } = {};
    const accept = (head: Buffer) => {
      detected.mime = this.acceptHead(head);
    };
    let stored;
    let fileName: string;
    let inboxFile: string | null = null;
    if (input.source === 'data') {
      const bytes = Buffer.from(input.dataBase64, 'base64');
      if (bytes.length > this.maxBytes) throw this.tooLarge();
      stored = this.blobs.importBytes(bytes, accept);
      fileName = input.fileName;
    } else {
      const file = input.source === 'path' ? input.path : this.inboxPath(input.fileName);
      if (input.source === 'path' && !path.isAbsolute(file)) {
        throw appFailure('invalid_path', 'Đường dẫn tệp phải là đường dẫn đầy đủ.', 'The file path must be absolute.', { field: 'path' });
      }
      if (!existsSync(file) || !statSync(file).isFile()) throw this.fileNotFound(file);
      if (statSync(file).size > this.maxBytes) throw this.tooLarge();
      stored = this.blobs.importFile(file, accept, this.maxBytes, this.tooLarge);
      fileName = path.basename(file);
      if (input.source === 'inbox') inboxFile = file;
    }
    const importedAt = this.desk.clock.iso();
    const sha256 = stored.sha256;
    // Named before the file moves there (see the crash notes above AttachmentRow).
    const setAsideTo = inboxFile ? asidePathOf(inboxFile) : null;
    this.store.db
      .transaction(() => {
        const newRow =
          this.store.db
            .prepare('INSERT OR IGNORE INTO attachments (sha256, size, mime, original_name, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
            .run(sha256, stored.size, detected.mime, fileName, importedAt, user.id).changes > 0;
        if (inboxFile) {
          this.unlinked.put({
            sha256,
            fileName,
            inboxFile,
            setAsideTo,
            newRow,
            newBlob: !stored.alreadyStored,
            importedMs: Date.parse(importedAt),
          });
        }
        // In the same transaction: nothing after the file's move may fail and leave the scan out of the clerk's sight.
        this.store.audit.record({ user, action: 'attachment.import', targetKind: 'attachment', targetId: sha256 });
      })
      .immediate();
    // Still open in the scanner's software (Windows): it stays listed; importing it again is harmless.
    if (inboxFile && setAsideTo && !setAside(inboxFile, setAsideTo)) this.unlinked.notSetAside(sha256, fileName);
    // The same pages scanned again are stored once, but this import has its own name ("ảnh chụp CCCD.png").
    return { ...this.info(stored.sha256), fileName, alreadyStored: stored.alreadyStored };
  }

  /**
   * Puts back what an inbox import did (see UnlinkedInboxImport), for a failed link or a scan taken off its paper.
   * Says whether the scan is in the inbox again. The steps' order is the one the crash notes above explain.
   */
  private undoInboxImport(undone: UnlinkedInboxImport): boolean {
    const pages = pagesBackToInbox(undone, this.blobs.pathOf(undone.sha256));
    const db = this.store.db;
    const dropRow = db
      .transaction((): boolean => {
        this.unlinked.forget(undone.sha256, undone.fileName);
        if (!undone.newRow || this.unlinked.stillWanted(undone.sha256)) return false;
        // The store may hold the only copy of the pages left (see pagesBackToInbox): then it keeps them.
        if (!pages.copyOutside) return false;
        db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(undone.sha256);
        return true;
      })
      .immediate();
    // Committed already: a blob that cannot go now (locked by an antivirus) is only disk space, the scan is back.
    if (dropRow && undone.newBlob) {
      try {
        rmSync(this.blobs.pathOf(undone.sha256), { force: true });
      } catch {
        // Named by no row: nothing can link it.
      }
    }
    return pages.inInbox;
  }

  /**
   * A scan the clerk took off a paper ("Bỏ") before the reception was saved goes back to the scan folder, to be
   * offered again in the same reception instead of being scanned again — also after the desk was restarted, since a
   * reception being typed or set aside outlives a restart. Only an import from the folder that no dossier links
   * moves: a linked scan, or a pick forgotten as abandoned (FORGET_UNLINKED_AFTER_MS), stays put.
   */
  putBack(input: { sha256: string; fileName: string }): { offeredAgain: boolean } {
    this.desk.requireUser();
    const unlinked = this.unlinked.get(input.sha256, input.fileName);
    if (!unlinked) return { offeredAgain: false };
    return { offeredAgain: this.undoInboxImport(unlinked) };
  }

  private row(sha256: string): AttachmentRow | undefined {
    return this.store.db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE sha256 = ?').get(sha256);
  }

  requireBlob(sha256: string): AttachmentRow {
    const row = this.row(sha256);
    if (!row || !this.blobs.has(sha256)) {
      throw appFailure('attachment_not_found', 'Không tìm thấy tệp đính kèm; hãy nhập tệp trước.', 'Attachment not found; import the file first.', {
        field: 'sha256',
      });
    }
    return row;
  }

  info(sha256: string): AttachmentInfo {
    const row = this.requireBlob(sha256);
    return { sha256, size: row.size, mime: row.mime, fileName: row.original_name, importedAt: row.imported_at, alreadyStored: true };
  }

  /** Links an imported scan to a paper of the dossier or to its result. */
  link(input: { dossierId: string; sha256: string; target: { componentId: string } | { result: true }; expectedVersion?: number; fileName?: string }): DossierChange {
    const row = this.requireBlob(input.sha256);
    const fileName = input.fileName ?? row.original_name;
    const fromInbox = this.unlinked.get(input.sha256, fileName);
    let change: DossierChange;
    try {
      // The link's event and the forgetting of the pick in one transaction (see the crash notes above).
      change = this.store.db
        .transaction(() => {
          this.unlinked.forget(input.sha256, fileName);
          const change = this.store.dossiers.linkAttachment(
            input.dossierId,
            { target: input.target, sha256: input.sha256, fileName, mime: row.mime, size: row.size },
            input.expectedVersion,
          );
          // Linked now: no later failed link of the same pages (imported under another name) may remove the row or blob.
          this.unlinked.linked(input.sha256);
          return change;
        })
        .immediate();
    } catch (e) {
      // The clerk is told why the link failed, whatever becomes of the undo.
      try {
        if (fromInbox) this.undoInboxImport(fromInbox);
      } catch {
        // The pick stays named: a later putBack or link finishes it.
      }
      throw e;
    }
    if (fromInbox) finishSetAside(fromInbox);
    return change;
  }

  /** Whether the scan's row and file are both on this desk. */
  isStored(sha256: string): boolean {
    return this.row(sha256) !== undefined && this.blobs.has(sha256);
  }

  /** Downloads in progress, by hash: a second click on the same scan waits for the first download. */
  private readonly downloading = new Map<string, Promise<void>>();

  /**
   * The scan's bytes for viewing, as `read`; a scan this desk's events name but whose file it lacks (a dossier
   * transferred from a commune, a scan taken at another desk of the unit, a desk restored without its scans) is first
   * downloaded from the server, checked against its hash and stored as if imported here, under the name and with
   * the type its event gives. Offline, refused or with wrong bytes, the clerk is told what to do and nothing is
   * written. A hash no event of this desk names is refused as before, without asking the server.
   */
  async readOrDownload(sha256: string, dossierId: string | undefined, download: ScanDownload): Promise<AttachmentInfo & { dataBase64: string }> {
    this.desk.requireUser();
    if (!this.isStored(sha256)) {
      let pending = this.downloading.get(sha256);
      if (!pending) {
        pending = this.downloadMissing(sha256, dossierId, download).finally(() => this.downloading.delete(sha256));
        this.downloading.set(sha256, pending);
      }
      await pending;
    }
    return this.read(sha256);
  }

  private async downloadMissing(sha256: string, dossierId: string | undefined, download: ScanDownload): Promise<void> {
    const user = this.desk.requireUser();
    const named = scanNamedByEvents(this.store.db, sha256, dossierId);
    // Not named by any event here: the desk has no business asking the server for it (the old answer).
    if (!named) {
      this.requireBlob(sha256);
      return;
    }
    if (!download) throw scanDownloadFailures.notConnected();
    const mime = await this.downloadWhole(sha256, named.size, download);
    // The row after the file (as at an import): a crash between leaves a file no row names, found again next time.
    this.store.db
      .transaction(() => {
        this.store.db
          .prepare('INSERT OR IGNORE INTO attachments (sha256, size, mime, original_name, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
          .run(sha256, named.size, mime, named.fileName, this.desk.clock.iso(), user.id);
        this.store.audit.record({ user, action: 'attachment.import', targetKind: 'attachment', targetId: sha256, detail: 'downloaded from the server' });
      })
      .immediate();
  }

  /**
   * Downloads the scan into its partial file (what an earlier attempt kept is not asked for again) and makes it the
   * scan once its size and SHA-256 are right and it is a scan by content. A wrong whole that was resumed may be the
   * kept part's fault (a power cut mid-write), so it is fetched once more from zero before the clerk is told; a wrong
   * whole fetched in one go is the server's, and is refused. Nothing wrong is ever stored as the scan.
   */
  private async downloadWhole(sha256: string, size: number, download: NonNullable<ScanDownload>): Promise<ScanMime> {
    const partial = this.blobs.partialDownload(sha256, size);
    try {
      for (;;) {
        await this.downloadResuming(sha256, partial, download);
        const resumed = partial.carried > 0;
        try {
          const stored = await this.blobs.importDownloaded(partial, (head) => {
            // The type by content, as at an import: bytes that are no scan are not kept, whatever the event says.
            if (!detectScanType(head)) throw scanDownloadFailures.mismatch();
          });
          return detectScanType(stored.head)!;
        } catch (e) {
          if (!(e instanceof BlobHashMismatch)) throw e;
          // The store dropped the partial: the next download starts from zero, so this loop runs at most twice.
          if (!resumed) throw scanDownloadFailures.mismatch();
        }
      }
    } finally {
      await partial.close();
    }
  }

  /**
   * One download, resumed at once where a flaky line broke it off while bytes were still coming: the clerk who opened
   * the scan waits for it, not for a second click. A line that broke off with nothing new, or after
   * MAX_DOWNLOAD_RESUMES resumes, is told to the clerk, what came kept for the next opening.
   */
  private async downloadResuming(sha256: string, partial: ScanDownloadSink, download: NonNullable<ScanDownload>): Promise<void> {
    for (let resumes = 0; ; resumes++) {
      const before = partial.received;
      try {
        await download(sha256, partial);
        return;
      } catch (e) {
        const progressed = partial.received > before;
        if (!(e instanceof AppFailure) || e.error.code !== 'attachment_download_interrupted' || !progressed || resumes >= MAX_DOWNLOAD_RESUMES) throw e;
      }
      await sleep(RESUME_PAUSE_MS);
    }
  }

  /** The scan's bytes, for viewing; the view is audited (a scan shows personal data). */
  read(sha256: string): AttachmentInfo & { dataBase64: string } {
    const user = this.desk.requireUser();
    const info = this.info(sha256);
    const data = readFileSync(this.blobs.pathOf(sha256));
    this.store.audit.record({ user, action: 'attachment.view', targetKind: 'attachment', targetId: sha256 });
    return { ...info, dataBase64: data.toString('base64') };
  }
}
