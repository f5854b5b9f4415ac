/**
 * Content-addressed storage of scans: `blobs/ab/cdef…` named by SHA-256. A file is written to a temporary name,
 * fsynced, then renamed, so a power cut leaves either nothing or a whole file whose name is its hash.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open as openAsync, rm as rmAsync } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { syncDirectory } from './durable-file';

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
   * Stores bytes that must be the file named `sha256` (a scan downloaded from the server): they are hashed first and
   * refused with BlobHashMismatch, nothing written, when they are not. The write and its fsync run off the main
   * thread (the clerk keeps working while a 25 MB scan goes to an old disk); the rename is as for an import.
   */
  async importExpected(sha256: string, bytes: Uint8Array): Promise<StoredBlob> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new BlobHashMismatch();
    const temp = this.newTemp();
    try {
      const file = await openAsync(temp, 'w');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
    } catch (e) {
      await rmAsync(temp, { force: true });
      throw e;
    }
    return this.commit(temp, sha256, bytes.length, Buffer.from(bytes.subarray(0, 16)));
  }

  /** A new file's name in the store's own tmp folder: on the same disk, so the commit's rename is atomic. */
  private newTemp(): string {
    const tempDir = path.join(this.dir, 'tmp');
    mkdirSync(tempDir, { recursive: true });
    return path.join(tempDir, randomUUID());
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
