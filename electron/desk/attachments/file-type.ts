/**
 * What a scanned file really is, from its first bytes: a renamed .exe is not a PDF because its name says so.
 * Only the formats scanners produce are accepted.
 */
export type ScanMime = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/tiff';

const SIGNATURES: { mime: ScanMime; bytes: number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] }, // little-endian "II*\0"
  { mime: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // big-endian "MM\0*"
];

/** Bytes needed to recognise any accepted format. */
export const SIGNATURE_BYTES = 8;

export function detectScanType(head: Uint8Array): ScanMime | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => head[i] === b))?.mime ?? null;
}
