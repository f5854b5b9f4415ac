/**
 * Which part of a stored file a GET asks for (RFC 9110 §14): one `Range: bytes=first-` or `bytes=first-last`, sent
 * only if the desk's copy is the same file (`If-Range` with its entity tag). A desk resuming a scan cut off on a 2G
 * line asks for the rest this way (electron/desk/sync/blob-download.ts).
 *
 * The standard lets a server answer any Range it does not serve with the whole file, so the forms no desk sends
 * (several ranges, the last N bytes, other units) get the whole file rather than a refusal: a client that sends them
 * still ends up with the right bytes.
 */

export type ByteRange =
  /** No usable Range (or an If-Range for another file): 200 and the whole file. */
  | { kind: 'whole' }
  /** 206 with bytes `start` to `end` inclusive. */
  | { kind: 'part'; start: number; end: number }
  /** 416: the range starts at or after the end of the file. */
  | { kind: 'unsatisfiable' };

const SINGLE_RANGE = /^bytes\s*=\s*(\d+)\s*-\s*(\d*)\s*$/i;

/** The part of a file of `size` bytes, tagged `etag` (a strong tag), that the request's headers ask for. */
export function requestedRange(
  range: string | undefined,
  ifRange: string | undefined,
  size: number,
  etag: string,
): ByteRange {
  if (range === undefined) return { kind: 'whole' };
  // Strong comparison only: a weak tag or a date never proves the desk holds the first part of these very bytes.
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'whole' };
  const match = SINGLE_RANGE.exec(range);
  if (!match) return { kind: 'whole' };
  const start = Number(match[1]);
  const last = match[2] === '' ? Infinity : Number(match[2]);
  // "5-3" is not a range at all: ignored like any other header the server does not understand.
  if (last < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(last, size - 1) };
}
