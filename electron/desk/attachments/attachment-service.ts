/**
 * Scans of a dossier's papers and of its result: imported into the blob store (type checked by content, size
 * limited), then linked to a component or to the result by a `dossier.attachment_linked` event.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
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

interface AttachmentRow {
  sha256: string;
  size: number;
  mime: ScanMime;
  original_name: string;
  imported_at: string;
}

export class AttachmentService {
  readonly blobs: BlobStore;

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
      if (input.source === 'inbox') this.setAsideInboxFile(file);
    }
    const importedAt = this.desk.clock.iso();
    this.store.db
      .prepare('INSERT OR IGNORE INTO attachments (sha256, size, mime, original_name, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(stored.sha256, stored.size, detected.mime, fileName, importedAt, user.id);
    this.store.audit.record({ user, action: 'attachment.import', targetKind: 'attachment', targetId: stored.sha256 });
    // The same pages scanned again are stored once, but this import has its own name ("ảnh chụp CCCD.png").
    return { ...this.info(stored.sha256), fileName, alreadyStored: stored.alreadyStored };
  }

  /** A scan attached from the inbox moves to its `imported` sub-folder, so the inbox lists only what is left to do. */
  private setAsideInboxFile(file: string): void {
    const doneDir = path.join(path.dirname(file), 'imported');
    mkdirSync(doneDir, { recursive: true });
    try {
      renameSync(file, path.join(doneDir, path.basename(file)));
    } catch {
      // Still open in the scanner's software (Windows): it stays listed; importing it again is harmless.
    }
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
    return this.store.dossiers.linkAttachment(
      input.dossierId,
      { target: input.target, sha256: input.sha256, fileName: input.fileName ?? row.original_name, mime: row.mime, size: row.size },
      input.expectedVersion,
    );
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
