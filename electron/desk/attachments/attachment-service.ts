/**
 * Scans of a dossier's papers and of its result: imported into the blob store (type checked by content, size
 * limited), then linked to a component or to the result by a `dossier.attachment_linked` event.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { appFailure } from '../../../shared/result';
import type { DossierChange } from '../../../shared/api/dossier-views';
import type { Desk, DeskStore } from '../desk';
import { deskPaths } from '../paths';
import { BlobStore } from './blob-store';
import { detectScanType, type ScanMime } from './file-type';

export const DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

export interface AttachmentInfo {
  sha256: string;
  size: number;
  mime: ScanMime;
  fileName: string;
  importedAt: string;
  alreadyStored: boolean;
}

export type ImportSource =
  | { source: 'path'; path: string }
  | { source: 'inbox'; fileName: string }
  | { source: 'data'; fileName: string; dataBase64: string };

/**
 * A scan taken from the inbox (set aside to `imported/`) whose link has not happened yet. If the link fails, or the
 * clerk takes the scan off its paper before the reception is saved (putBack), the import is undone: the file goes
 * back to the inbox, so the clerk still sees it and can attach it again, and the row and blob this import created go
 * too (nothing links them). Kept in memory only: the detail screen links within the same second, and a reception
 * within minutes; after a restart an unlinked import simply stays as it is (as before this was kept).
 */
interface UnlinkedInboxImport {
  sha256: string;
  inboxFile: string;
  /** Where the file was set aside to; null when it could not be moved (still open in the scanner's software). */
  setAsideTo: string | null;
  /** This import wrote the attachments row / the blob file (the same pages may have been stored before). */
  newRow: boolean;
  newBlob: boolean;
}

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
  private readonly unlinkedInboxImports = new Map<string, UnlinkedInboxImport>();

  constructor(
    private readonly store: DeskStore,
    private readonly desk: Desk,
    readonly maxBytes: number = DEFAULT_MAX_ATTACHMENT_BYTES,
  ) {
    this.blobs = new BlobStore(deskPaths(desk.dataDir).blobs);
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
    const newRow =
      this.store.db
        .prepare('INSERT OR IGNORE INTO attachments (sha256, size, mime, original_name, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
        .run(stored.sha256, stored.size, detected.mime, fileName, importedAt, user.id).changes > 0;
    if (inboxFile) {
      this.unlinkedInboxImports.set(unlinkedKey(stored.sha256, fileName), {
        sha256: stored.sha256,
        inboxFile,
        setAsideTo: this.setAsideInboxFile(inboxFile),
        newRow,
        newBlob: !stored.alreadyStored,
      });
    }
    this.store.audit.record({ user, action: 'attachment.import', targetKind: 'attachment', targetId: stored.sha256 });
    // The same pages scanned again are stored once, but this import has its own name ("ảnh chụp CCCD.png").
    return { ...this.info(stored.sha256), fileName, alreadyStored: stored.alreadyStored };
  }

  /**
   * A scan attached from the inbox moves to its `imported` sub-folder, so the inbox lists only what is left to do
   * (and another paper cannot take it by mistake); it comes back if its link fails (undoInboxImport).
   */
  private setAsideInboxFile(file: string): string | null {
    const doneDir = path.join(path.dirname(file), 'imported');
    const done = path.join(doneDir, path.basename(file));
    mkdirSync(doneDir, { recursive: true });
    try {
      renameSync(file, done);
      return done;
    } catch {
      // Still open in the scanner's software (Windows): it stays listed; importing it again is harmless.
      return null;
    }
  }

  /**
   * Puts back what an inbox import did (see UnlinkedInboxImport), for a failed link or a scan taken off its paper.
   * Says whether the scan is in the inbox again.
   */
  private undoInboxImport(undone: UnlinkedInboxImport): boolean {
    // Not moved at import (still open in the scanner's software): it never left the inbox.
    let inInbox = undone.setAsideTo === null;
    // The scanner may have written a new file under the same name meanwhile: that one stays, ours stays aside.
    if (undone.setAsideTo && !existsSync(undone.inboxFile)) {
      try {
        renameSync(undone.setAsideTo, undone.inboxFile);
        inInbox = true;
      } catch {
        // The inbox folder has gone (drive unplugged): the scan stays in imported/, as before this was undone.
      }
    }
    const stillWanted = [...this.unlinkedInboxImports.values()].some((u) => u.sha256 === undone.sha256);
    if (!undone.newRow || stillWanted) return inInbox;
    this.store.db.prepare('DELETE FROM attachments WHERE sha256 = ?').run(undone.sha256);
    if (undone.newBlob) rmSync(this.blobs.pathOf(undone.sha256), { force: true });
    return inInbox;
  }

  /**
   * A scan the clerk took off a paper ("Bỏ") before the reception was saved goes back to the scan folder, to be
   * offered again in the same reception instead of being scanned again. Only an import from the folder that no
   * dossier links moves: a linked scan, or one the desk no longer knows as unlinked (after a restart), stays put.
   */
  putBack(input: { sha256: string; fileName: string }): { offeredAgain: boolean } {
    this.desk.requireUser();
    const key = unlinkedKey(input.sha256, input.fileName);
    const unlinked = this.unlinkedInboxImports.get(key);
    if (!unlinked) return { offeredAgain: false };
    this.unlinkedInboxImports.delete(key);
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
    const key = unlinkedKey(input.sha256, fileName);
    const fromInbox = this.unlinkedInboxImports.get(key);
    this.unlinkedInboxImports.delete(key);
    let change: DossierChange;
    try {
      change = this.store.dossiers.linkAttachment(
        input.dossierId,
        { target: input.target, sha256: input.sha256, fileName, mime: row.mime, size: row.size },
        input.expectedVersion,
      );
    } catch (e) {
      if (fromInbox) this.undoInboxImport(fromInbox);
      throw e;
    }
    // Linked now: no later failed link of the same pages (imported under another name) may remove the row or blob.
    for (const other of this.unlinkedInboxImports.values()) {
      if (other.sha256 === input.sha256) Object.assign(other, { newRow: false, newBlob: false });
    }
    return change;
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

const unlinkedKey = (sha256: string, fileName: string): string => `${sha256}/${fileName}`;
