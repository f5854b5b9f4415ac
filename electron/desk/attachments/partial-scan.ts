/**
 * The bytes of one scan received from the server so far, kept in the blob store's tmp folder as `<sha256>.partial`
 * (one file per scan). A download cut off on a 2G line then asks only for the rest, also after the desk restarts
 * (sync/blob-download.ts). It is never the scan: the store moves it under the scan's name only once it is whole and
 * its size and SHA-256 are right (blob-store.ts importDownloaded), and drops it when it cannot be right.
 *
 * No fsync per piece: a power cut may leave anything at the end of the file (zeros, a torn write), and that is
 * caught by the SHA-256 of the whole, which then starts the scan over. Only the finished file is synced, before the
 * rename that makes it the scan.
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** What a download writes into (sync/blob-download.ts). */
export interface ScanDownloadSink {
  /** The scan's size, as its event gives it. */
  readonly size: number;
  /** Bytes already here: the download asks the server for the rest. */
  readonly received: number;
  /** Adds bytes at the end. Never past `size`: the caller checks (bytes past it are not the scan). */
  append(bytes: Uint8Array): Promise<void>;
  /** Forgets every byte: the server sent the whole file after all, or what is here cannot be right. */
  restart(): Promise<void>;
}

/** The finished file as read back from the disk: what the store checks before it becomes the scan. */
export interface PartialScanDigest {
  sha256: string;
  size: number;
  /** Its first bytes, to tell its type by content. */
  head: Buffer;
}

const HEAD_BYTES = 16;

/** A partial's file name: the scan's hash and this. */
export const PARTIAL_SUFFIX = '.partial';

export class PartialScan implements ScanDownloadSink {
  private handle: FileHandle | null = null;

  private constructor(
    readonly file: string,
    readonly sha256: string,
    readonly size: number,
    private kept: number,
    private fromEarlier: number,
  ) {}

  /** The partial of `sha256` in `dir` as an earlier attempt left it; one longer than the scan cannot be right and goes. */
  static open(dir: string, sha256: string, size: number): PartialScan {
    const file = path.join(dir, `${sha256}${PARTIAL_SUFFIX}`);
    let kept = 0;
    try {
      kept = statSync(file).size;
    } catch {
      kept = 0;
    }
    if (kept > size) {
      rmSync(file, { force: true });
      kept = 0;
    }
    return new PartialScan(file, sha256, size, kept, kept);
  }

  get received(): number {
    return this.kept;
  }

  /** Bytes an earlier attempt left that are still here: a wrong whole may then be their fault, not the server's. */
  get carried(): number {
    return this.fromEarlier;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (this.kept + bytes.length > this.size)
      throw new Error('a partial scan never grows past the scan’s size');
    try {
      // Opened on the first byte, so an attempt that receives nothing leaves no file behind.
      this.handle ??= await open(this.file, 'a+');
      await this.handle.appendFile(bytes);
    } catch (e) {
      // A full or failing disk: how much of the piece is on it is unknown, so nothing of it is trusted.
      await this.restart();
      throw e;
    }
    this.kept += bytes.length;
  }

  async restart(): Promise<void> {
    await this.closeHandle();
    await rm(this.file, { force: true });
    this.kept = 0;
    this.fromEarlier = 0;
  }

  /** Syncs the file and reads it back whole: its SHA-256, size and first bytes. Closes it (it may be renamed next). */
  async digest(): Promise<PartialScanDigest> {
    this.handle ??= await open(this.file, 'a+');
    const file = this.handle;
    try {
      await file.sync();
      const hash = createHash('sha256');
      const chunk = Buffer.alloc(1 << 20);
      let head: Buffer | null = null;
      let size = 0;
      for (;;) {
        const { bytesRead } = await file.read(chunk, 0, chunk.length, size);
        if (bytesRead === 0) break;
        head ??= Buffer.from(chunk.subarray(0, Math.min(bytesRead, HEAD_BYTES)));
        hash.update(chunk.subarray(0, bytesRead));
        size += bytesRead;
      }
      return { sha256: hash.digest('hex'), size, head: head ?? Buffer.alloc(0) };
    } finally {
      await this.closeHandle();
    }
  }

  /** The file now is the scan (renamed by the store): nothing of it is partial any more. */
  committed(): void {
    this.kept = 0;
    this.fromEarlier = 0;
  }

  /** Ends this attempt; what came stays on the disk for the next. An attempt that kept nothing leaves no file. */
  async close(): Promise<void> {
    await this.closeHandle();
    if (this.kept === 0) await rm(this.file, { force: true });
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }
}
