/**
 * The 6-digit PIN printed on the receipt: with the dossier code it opens the public status lookup, so a code
 * alone (which is guessable: unit, date, sequence) does not reveal a dossier. shared/ has no crypto, so the caller
 * supplies the random source (node:crypto's `randomInt` on the desk).
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../result';
import { msg } from './messages';

export const PIN_LENGTH = 6;
const PIN_SPACE = 10 ** PIN_LENGTH;
const PIN_PATTERN = /^\d{6}$/;

export const pinSchema = z.string().regex(PIN_PATTERN, msg('pin.format'));
export const isValidPin = (text: string): boolean => PIN_PATTERN.test(text);

/** A uniformly random PIN, given a uniform integer source `randomInt(max) ∈ [0, max)`. Leading zeros kept. */
export function generatePin(randomInt: (maxExclusive: number) => number): string {
  const n = randomInt(PIN_SPACE);
  if (!Number.isInteger(n) || n < 0 || n >= PIN_SPACE) {
    throw new RangeError(`randomInt(${PIN_SPACE}) returned ${n}, outside [0, ${PIN_SPACE})`);
  }
  return String(n).padStart(PIN_LENGTH, '0');
}

/** As printed on the receipt: two groups of three, easier to read aloud over the phone. */
export const formatPin = (pin: string): string => `${pin.slice(0, 3)} ${pin.slice(3)}`;

/** What a citizen typed, forgiving the spaces and dashes the printed form suggests. */
export function parsePin(input: string): Result<string> {
  const pin = input.replace(/[\s-]/g, '');
  if (!isValidPin(pin)) {
    return fail(
      'invalid_pin',
      'Mã tra cứu phải gồm đúng 6 chữ số, in trên phiếu hẹn.',
      'The lookup PIN must be exactly 6 digits, as printed on the receipt.',
      { field: 'pin' },
    );
  }
  return ok(pin);
}
