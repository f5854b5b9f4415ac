/**
 * What the QR code on the back of a chip căn cước / CCCD card holds, read so that a scan at the counter fills the
 * applicant instead of the clerk typing 12 digits, a name with its diacritics and an address. The card's QR is one
 * line of fields separated by "|":
 *
 *   personal number (12 digits) | old 9-digit CMND number (often empty) | full name | birth date ddMMyyyy |
 *   sex | permanent address | issue date ddMMyyyy [| more fields on newer cards]
 *
 * Only what the applicant's form has is taken: the number, the name and the address. The birth date and the rest are
 * checked (they tell a card from any other text with pipes in it) and then dropped: the dossier has no place for them
 * and personal data is kept only where a form needs it.
 */
import { CCCD_PATTERN } from './applicant';
import { normaliseNfc } from '../text/fold';

export interface IdCardReading {
  /** The 12-digit personal identification number. */
  idNumber: string;
  /**
   * The full name as printed on the card, or null when the scanner could not type it (a scanner not set up for
   * Unicode sends other characters for Vietnamese letters): the number is still taken and the name typed by hand.
   */
  name: string | null;
  /** The permanent address, or null when the card has none or it came through garbled. */
  address: string | null;
}

const DATE = /^(\d{2})(\d{2})(\d{4})$/;
/** Only the year of birth known (or the month and year): zeros for what is not, or the year alone. */
const PARTIAL_DATE = /^(?:00(?:00|0[1-9]|1[0-2]))?(\d{4})$/;
/**
 * A name is letters (any script, diacritics included), spaces and the odd apostrophe (straight or curly, as in
 * "H’Hen Niê"), hyphen or dot.
 */
const NAME = /^[\p{L}\p{M}][\p{L}\p{M} '’.-]*$/u;
/**
 * Garbling shows as control or replacement characters, as Latin-1 symbols no Vietnamese text has, or as UTF-8 read as
 * Latin-1 ("LÃª" for "Lê": a capital with a tilde, ring or circumflex followed by a character of 0x80–0xBF).
 */
const GARBLED = /[\p{Cc}\uFFFD¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿×÷]|[ÂÃÄÅÆ][\u0080-\u00BF]/u;

function isBirthDate(text: string): boolean {
  const yearOnly = PARTIAL_DATE.exec(text)?.[1];
  if (yearOnly !== undefined) return Number(yearOnly) >= 1900;
  const m = DATE.exec(text);
  if (!m) return false;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Runs of spaces made one, as the card prints them; NFC so the name compares and searches as if typed. */
const tidy = (text: string): string => normaliseNfc(text.replace(/\s+/g, ' ').trim());

/**
 * The applicant a scanned text stands for when it is a căn cước's QR code, else null. Lenient where cards differ
 * (an empty old number, fields added at the end by newer cards, spaces around a field), strict where a wrong reading
 * would put someone else's number on a dossier: 12 digits, then a birth date in the fourth field (a real day, or
 * the year alone, with zeros for the day and month, for a citizen whose day of birth is not known).
 */
export function readIdCardQr(text: string): IdCardReading | null {
  const fields = text.trim().split('|').map((f) => f.trim());
  if (fields.length < 6) return null;
  const [idNumber, oldNumber, rawName, birthDate, , rawAddress] = fields as [string, string, string, string, string, string];
  if (!CCCD_PATTERN.test(idNumber)) return null;
  if (oldNumber !== '' && !/^\d{9}$|^\d{12}$/.test(oldNumber)) return null;
  if (!isBirthDate(birthDate)) return null;
  const name = tidy(rawName);
  const address = tidy(rawAddress);
  return {
    idNumber,
    name: NAME.test(name) && !GARBLED.test(name) ? name : null,
    address: address !== '' && !GARBLED.test(address) ? address : null,
  };
}
