/**
 * Scans come down on demand: a scan this desk's events name but its blob store lacks (a dossier a commune transferred
 * to the district, a scan taken at another desk of the unit) is asked of the server when the clerk opens it, as
 * `GET v1/blobs/:sha256` through the same transport as the upload (protocol header, device credentials, the worker
 * fetch, a time limit). The server gives a scan only to a unit that holds it or that sees a dossier a holder attached
 * it to, and answers 404 as for no file otherwise (blob-upload.ts). The size is checked here; the SHA-256 by the blob
 * store before anything is written (attachments/blob-store.ts importExpected).
 *
 * Errors become what the clerk is told (attachments/scan-download-messages.ts); the hash, never the file's name (it
 * often holds the citizen's), is all that identifies the scan in a log.
 */
import { AppFailure } from '../../../shared/result';
import { scanDownloadFailures } from '../attachments/scan-download-messages';
import { SyncHttpError, SyncNetworkError, type DeviceCredentials, type SyncTransport } from './transport';

/**
 * The slowest line a download is given time for: about 64 kbit/s, a poor 2G (EDGE) line. A 2 MB scan then gets
 * about 4 minutes on top of the ordinary request limit, the largest (25 MB) about 50.
 */
export const SLOWEST_LINE_BYTES_PER_SECOND = 8 * 1024;

/** Longest wait for a scan of `size` bytes: the ordinary request limit plus its bytes at the slowest line's rate. */
export function downloadTimeoutMs(size: number, requestTimeoutMs: number): number {
  return requestTimeoutMs + Math.ceil((size / SLOWEST_LINE_BYTES_PER_SECOND) * 1000);
}

/** A failure of the wire turned into the words a clerk reads; anything else is passed on as it is. */
export function scanDownloadFailure(e: unknown): unknown {
  if (e instanceof AppFailure) return e;
  if (e instanceof SyncNetworkError) return e.kind === 'timeout' ? scanDownloadFailures.timeout() : scanDownloadFailures.offline();
  if (e instanceof SyncHttpError) {
    if (e.status === 404) return scanDownloadFailures.notOnServer();
    if (e.status === 401 || e.status === 403) return scanDownloadFailures.refused(e.text);
    return scanDownloadFailures.serverError();
  }
  return e;
}

export interface BlobDownloadSpec {
  sha256: string;
  /** The size the dossier's event gives: bytes of another length are refused without hashing them. */
  size: number;
  timeoutMs: number;
}

/** The scan's bytes from the server, of the expected size (their hash is checked where they are stored). */
export async function downloadBlob(
  transport: SyncTransport,
  credentials: DeviceCredentials,
  spec: BlobDownloadSpec,
): Promise<Uint8Array> {
  let body: ArrayBuffer;
  try {
    const answer = await transport.requestBytes({
      method: 'GET',
      path: `v1/blobs/${spec.sha256}`,
      credentials,
      timeoutMs: spec.timeoutMs,
    });
    body = answer.body;
  } catch (e) {
    throw scanDownloadFailure(e);
  }
  if (body.byteLength !== spec.size) throw scanDownloadFailures.mismatch();
  return new Uint8Array(body);
}
