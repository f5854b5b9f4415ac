/**
 * Scans come down on demand: a scan this desk's events name but its blob store lacks (a dossier a commune transferred
 * to the district, a scan taken at another desk of the unit) is asked of the server when the clerk opens it, as
 * `GET v1/blobs/:sha256` through the same transport as the upload (protocol header, device credentials, a time
 * limit). The server gives a scan only to a unit that holds it or that sees a dossier a holder attached it to, and
 * answers 404 as for no file otherwise (server/routes/blob-routes.ts).
 *
 * On a 2G line a 3 MB scan takes minutes, and a line that breaks off must not cost them again: the bytes go into the
 * scan's partial file as they arrive (attachments/partial-scan.ts), and an attempt that finds some there asks only
 * for the rest (`Range: bytes=N-`), on condition that the server's file is the one they came from (`If-Range` with
 * the hash, the file's entity tag). A whole-file answer starts the partial over; bytes past the scan's size, or a
 * part that is not the one asked for, drop it. The SHA-256 of the whole is checked by the blob store before anything
 * becomes the scan (attachments/blob-store.ts importDownloaded).
 *
 * Errors become what the clerk is told (attachments/scan-download-messages.ts); the hash, never the file's name (it
 * often holds the citizen's), is all that identifies the scan in a log.
 */
import { AppFailure } from '../../../shared/result';
import { blobEntityTag } from '../../../shared/sync/messages';
import type { ScanDownloadSink } from '../attachments/partial-scan';
import { scanDownloadFailures } from '../attachments/scan-download-messages';
import {
  SyncHttpError,
  SyncNetworkError,
  type DeviceCredentials,
  type SyncTransport,
  type TransportStream,
} from './transport';

/**
 * The slowest line a download is given time for: about 64 kbit/s, a poor 2G (EDGE) line. A 2 MB scan then gets
 * about 4 minutes on top of the ordinary request limit, the largest (25 MB) about 50.
 */
export const SLOWEST_LINE_BYTES_PER_SECOND = 8 * 1024;

/** Longest wait for `bytes` bytes of a scan: the ordinary request limit plus those bytes at the slowest line's rate. */
export function downloadTimeoutMs(bytes: number, requestTimeoutMs: number): number {
  return requestTimeoutMs + Math.ceil((bytes / SLOWEST_LINE_BYTES_PER_SECOND) * 1000);
}

/** A failure of the wire turned into the words a clerk reads; anything else is passed on as it is. */
export function scanDownloadFailure(e: unknown): unknown {
  if (e instanceof AppFailure) return e;
  if (e instanceof SyncNetworkError)
    return e.kind === 'timeout' ? scanDownloadFailures.timeout() : scanDownloadFailures.offline();
  if (e instanceof SyncHttpError) {
    if (e.status === 404) return scanDownloadFailures.notOnServer();
    if (e.status === 401 || e.status === 403) return scanDownloadFailures.refused(e.text);
    return scanDownloadFailures.serverError();
  }
  return e;
}

export interface BlobDownloadSpec {
  sha256: string;
  /** The ordinary request limit; the download gets more for the bytes it still needs. */
  requestTimeoutMs: number;
}

export interface BlobDownloadReport {
  /** Where this attempt started: bytes an earlier one had kept (0 when it started over). */
  from: number;
  /** Bytes this attempt received. */
  fetched: number;
}


/**
 * Fills `into` up to the scan's size (`into.size`, from the dossier's event) from the server. Rejects with what the
 * clerk is told; a line that broke off leaves what came in `into`.
 */
export async function downloadBlob(
  transport: SyncTransport,
  credentials: DeviceCredentials,
  spec: BlobDownloadSpec,
  into: ScanDownloadSink,
): Promise<BlobDownloadReport> {
  // Whole already (an attempt ended between its last byte and the commit): the store checks it; nothing to ask.
  if (into.received === into.size) return { from: into.size, fetched: 0 };
  const asked = into.received;
  let answer: TransportStream;
  try {
    answer = await transport.requestStream({
      method: 'GET',
      path: `v1/blobs/${spec.sha256}`,
      credentials,
      // The file's own bytes, asked plainly: a range counts them, and scans do not shrink.
      headers: {
        'accept-encoding': 'identity',
        ...(asked > 0 ? { range: `bytes=${asked}-`, 'if-range': blobEntityTag(spec.sha256) } : {}),
      },
      // 416: the server's file ends before the bytes kept here, so it is not the file the event names.
      acceptStatus: [416],
      timeoutMs: downloadTimeoutMs(into.size - asked, spec.requestTimeoutMs),
    });
  } catch (e) {
    throw failureKeeping(e, into);
  }
  let from: number;
  try {
    from = await startOf(answer, asked, into);
  } catch (e) {
    await answer.cancel();
    throw e;
  }
  const before = into.received;
  try {
    for await (const piece of answer.body) {
      if (into.received + piece.length > into.size) {
        // More bytes than the scan has: not the scan, and nothing of this answer can be trusted.
        await into.restart();
        throw scanDownloadFailures.mismatch();
      }
      await into.append(piece);
    }
  } catch (e) {
    throw failureKeeping(e, into);
  }
  // The server closed the body early without a network error (a proxy ending it): resumable like a cut.
  if (into.received < into.size) throw failureKeeping(new SyncNetworkError('network'), into);
  return { from, fetched: into.received - before };
}

/**
 * Where the answer's bytes go in the file: 0 for the whole file (the partial starts over), `asked` for the part
 * asked for. Any other answer drops the partial: its bytes cannot be placed.
 */
async function startOf(answer: TransportStream, asked: number, into: ScanDownloadSink): Promise<number> {
  // A part a proxy compressed anyway comes decoded by fetch: its bytes are the part's, checked by Content-Range here
  // and by the whole's SHA-256 at the end.
  if (answer.status === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(answer.headers.get('content-range') ?? '');
    if (
      range &&
      Number(range[1]) === asked &&
      Number(range[2]) === into.size - 1 &&
      Number(range[3]) === into.size
    ) {
      return asked;
    }
  } else if (answer.status === 200 && (wholeLength(answer) ?? into.size) === into.size) {
    // The whole file: the server ignored the range, or its file is not the one the kept bytes came from.
    if (into.received > 0) await into.restart();
    return 0;
  }
  await into.restart();
  throw scanDownloadFailures.mismatch();
}

/**
 * The length a whole-file answer declares, so a file of another size is refused before its bytes come (a 2G line's
 * minutes); null when it declares none or counts encoded bytes (a proxy that compressed it): the bytes tell.
 */
function wholeLength(answer: TransportStream): number | null {
  const declared = answer.headers.get('content-length');
  if (declared === null || answer.headers.get('content-encoding') !== null) return null;
  return Number(declared);
}

/** What the clerk is told, saying so when part of the scan came and is kept for the next attempt. */
function failureKeeping(e: unknown, into: ScanDownloadSink): unknown {
  if (e instanceof SyncNetworkError && into.received > 0)
    return scanDownloadFailures.interrupted(into.received, into.size);
  return scanDownloadFailure(e);
}
