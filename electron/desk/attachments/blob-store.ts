/**
 * Content-addressed storage of scans: `blobs/ab/cdef…` named by SHA-256. A file is written to a temporary name,
 * fsynced, then renamed, so a power cut leaves either nothing or a whole file whose name is its hash.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { syncDirectory } from './durable-file';
import { PARTIAL_SUFFIX, PartialScan } from './partial-scan';

/** How long an unfinished download's bytes wait for the scan to be opened again. */
export const STALE_PARTIAL_MS = 30 * 24 * 3_600_000;
/** How long a temporary file of an import may be left (only a crash leaves one). */
export const STALE_TEMP_MS = 24 * 3_600_000;

export interface StoredBlob {
  sha256: string;
  size: number;
  head: Buffer;
  alreadyStored: boolean;
}

/** Bytes offered under a hash they do not have: nothing was stored. */
export class BlobHashMismatch extends Error {
  constructor() {
    super('blob bytes do not match their hash');
    this.name = 'BlobHashMismatch';
  }
}

export class BlobStore {
  constructor(private readonly dir: string) {}

  pathOf(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256.slice(2));
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /** Copies a file in while hashing it; `accept(head)` may refuse it (wrong type) before anything is kept. */
  importFile(source: string, accept: (head: Buffer) => void, maxBytes: number, tooLarge: () => Error): StoredBlob {
    const temp = this.newTemp();
    const hash = createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    let head: Buffer | null = null;
    let size = 0;
    const input = openSync(source, 'r');
    const output = openSync(temp, 'w');
    try {
      for (;;) {
        const n = readSync(input, chunk, 0, chunk.length, null);
        if (n === 0) break;
        if (!head) {
          head = Buffer.from(chunk.subarray(0, Math.min(n, 16)));
          accept(head);
        }
        hash.update(chunk.subarray(0, n));
        writeSync(output, chunk, 0, n);
        size += n;
        // The scanner may still be writing: the size checked before reading is not the last word.
        if (size > maxBytes) throw tooLarge();
      }
      if (!head) accept(Buffer.alloc(0));
      fsyncSync(output);
    } catch (e) {
      closeSync(output);
      rmSync(temp, { force: true });
      throw e;
    } finally {
      closeSync(input);
    }
    closeSync(output);
    return this.commit(temp, hash.digest('hex'), size, head ?? Buffer.alloc(0));
  }

  /** Stores bytes already in memory (a scan sent over the loopback host). */
  importBytes(bytes: Buffer, accept: (head: Buffer) => void): StoredBlob {
    accept(bytes.subarray(0, 16));
    const temp = this.newTemp();
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return this.commit(temp, createHash('sha256').update(bytes).digest('hex'), bytes.length, bytes.subarray(0, 16));
  }

  /**
   * Where a download of the scan `sha256` of `size` bytes keeps what it received (partial-scan.ts): in the tmp folder,
   * on the same disk as the store, so the commit's rename is atomic. What an earlier attempt left is there to resume.
   */
  partialDownload(sha256: string, size: number, now = Date.now()): PartialScan {
    this.sweepStaleTemps(now, sha256);
    return PartialScan.open(this.tempDir(), sha256, size);
  }

  /**
   * Drops what the tmp folder has held too long: the partial of a scan nobody opened again for a month (up to a scan's
   * 25 MB each, on a commune PC's small disk), and a day-old temporary file, which only a crash mid-import leaves (an
   * import in progress writes its file within seconds). Run when a download starts, the one time the folder grows.
   */
  private sweepStaleTemps(now: number, resuming: string): void {
    const dir = this.tempDir();
    for (const name of readdirSync(dir)) {
      // The scan about to be resumed keeps its bytes, however old: the server's entity tag proves them right.
      if (name === `${resuming}${PARTIAL_SUFFIX}`) continue;
      const file = path.join(dir, name);
      try {
        const age = now - statSync(file).mtimeMs;
        if (age > (name.endsWith(PARTIAL_SUFFIX) ? STALE_PARTIAL_MS : STALE_TEMP_MS)) rmSync(file, { force: true });
      } catch {
        // Gone meanwhile (a commit renamed it): nothing to sweep.
      }
    }
  }

  /**
   * Makes a finished download the file named by its hash (a scan downloaded from the server): read back from the
   * disk, it must have the scan's size and SHA-256 (a partial kept across a restart may hold anything), then
   * `accept(head)` may refuse it (not a scan). Wrong or refused, the partial is dropped and nothing is stored
   * (BlobHashMismatch for wrong bytes). Right, it is synced and renamed as an import is.
   */
  async importDownloaded(partial: PartialScan, accept: (head: Buffer) => void): Promise<StoredBlob> {
    const whole = await partial.digest();
    if (whole.sha256 !== partial.sha256 || whole.size !== partial.size) {
      await partial.restart();
      throw new BlobHashMismatch();
    }
    try {
      accept(whole.head);
    } catch (e) {
      await partial.restart();
      throw e;
    }
    const stored = this.commit(partial.file, partial.sha256, partial.size, whole.head);
    partial.committed();
    return stored;
  }

  /** A new file's name in the store's own tmp folder: on the same disk, so the commit's rename is atomic. */
  private newTemp(): string {
    return path.join(this.tempDir(), randomUUID());
  }

  private tempDir(): string {
    const tempDir = path.join(this.dir, 'tmp');
    mkdirSync(tempDir, { recursive: true });
    return tempDir;
  }

  private commit(temp: string, sha256: string, size: number, head: Buffer): StoredBlob {
    const target = this.pathOf(sha256);
    if (existsSync(target) && statSync(target).size === size) {
      rmSync(temp, { force: true });
      return { sha256, size, head, alreadyStored: true };
    }
    mkdirSync(path.dirname(target), { recursive: true });
    renameSync(temp, target);
    // The rename itself must survive a power cut: sync the directory entry.
    syncDirectory(path.dirname(target));
    return { sha256, size, head, alreadyStored: false };
  }
}
