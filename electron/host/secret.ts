/**
 * The per-launch secret that keeps other local programs and web pages from driving the desk over loopback.
 * A new one is made at every start, so a leaked value dies with the process.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET_BYTES = 32;

/** 32 random bytes as base64url: safe in a URL path, a header and a cookie without escaping. */
export const newLaunchSecret = (): string => randomBytes(SECRET_BYTES).toString('base64url');

/**
 * Constant-time comparison. Both sides are hashed first so the comparison always runs over 32 bytes and neither the
 * content nor the length of the expected secret leaks through timing.
 */
export function secretMatches(expected: string, candidate: string | undefined): boolean {
  if (candidate === undefined || candidate.length === 0) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(candidate, 'utf8').digest();
  return timingSafeEqual(a, b);
}
