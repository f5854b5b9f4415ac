/** The import's sha256 texts, made for volume: two stand-in scan hashes and five chain hashes per dossier. */
import * as crypto from 'node:crypto';

// `crypto.hash` (Node ≥ 20.12) hashes a short text in one call, about half the time of createHash/update/digest.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** sha256 of a text (as UTF-8), lowercase hex. */
export const sha256OfText: (text: string) => string = oneShot
  ? (text) => oneShot('sha256', text, 'hex')
  : (text) => crypto.createHash('sha256').update(text).digest('hex');
