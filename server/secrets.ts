/** Secrets the server hands out and checks: enrolment codes, device secrets, tokens, passwords. */
import { createHash, hash, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * sha256, lowercase hex. `crypto.hash` does it in one call, about half the time of createHash/update/digest, which
 * an import of a year (seven hashes per dossier) notices.
 */
export const sha256Hex = (data: string | Buffer): string => hash('sha256', data, 'hex');

/** Compares two secrets in time that does not depend on where they first differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

/** A device secret or an API token: 32 random bytes, URL-safe. High entropy, so a plain sha256 is a fit store. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

// No 0/O, 1/I/L: the code is read out over the phone and typed by a clerk.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time enrolment code such as `K7QMX-3XPAT-9TRWB`: three groups of five (about 74 bits). */
export function newEnrolmentCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < 3; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Codes are compared case- and separator-insensitively: clerks type them by hand. */
export const normaliseEnrolmentCode = (code: string): string => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const enrolmentCodeHash = (code: string): string => sha256Hex(`enrol:${normaliseEnrolmentCode(code)}`);

/** scrypt with a random salt; stored as `scrypt$N$salt$hash`. */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: 8,
    p: 1,
  });
  return timingSafeEqual(expected, actual);
}
