import { describe, expect, it } from 'vitest';
import { fromVnLocal, parseInstant, toVnIso, vnDateKey, vnParts } from '../../shared/calendar/vn-time';

describe('Vietnam time', () => {
  it('writes an instant in Vietnam time with +07:00, whatever offset it was read with', () => {
    const read = parseInstant('2026-11-27T02:32:00Z');
    expect(read.ok && toVnIso(read.value)).toBe('2026-11-27T09:32:00+07:00');
    const fromNewYork = parseInstant('2026-11-26T21:32:00-05:00');
    expect(fromNewYork.ok && toVnIso(fromNewYork.value)).toBe('2026-11-27T09:32:00+07:00');
  });

  it('puts 17:00 UTC on the next Vietnam day (00:00 +07:00)', () => {
    const instant = new Date('2026-12-31T17:00:00Z');
    expect(vnDateKey(instant)).toBe('2027-01-01');
    expect(vnParts(instant)).toMatchObject({
      year: 2027,
      month: 1,
      day: 1,
      weekday: 5,
      hour: 0,
      minutesOfDay: 0,
    });
    expect(vnDateKey(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  });

  it('builds instants from a Vietnam wall clock', () => {
    expect(fromVnLocal(2026, 11, 27, 9, 32).toISOString()).toBe('2026-11-27T02:32:00.000Z');
    expect(toVnIso(fromVnLocal(2026, 2, 17, 0, 0))).toBe('2026-02-17T00:00:00+07:00');
  });

  it('keeps seconds and milliseconds', () => {
    const read = parseInstant('2026-11-27T09:32:07.25+07:00');
    expect(read.ok && toVnIso(read.value)).toBe('2026-11-27T09:32:07.250+07:00');
  });

  it('refuses a time without an offset, with the reason in Vietnamese and English', () => {
    const read = parseInstant('2026-11-27T09:32:00');
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error.code).toBe('instant.no_offset');
      expect(read.error.message.vi).toContain('thiếu múi giờ');
      expect(read.error.message.en).toContain('no UTC offset');
    }
  });

  it.each([
    '2026-02-30T09:00:00+07:00',
    '2026-11-27T24:00:00+07:00',
    'tomorrow',
    '2026-11-27',
    '2026-11-27T09:32+25:00',
  ])('refuses %s', (text) => {
    const read = parseInstant(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error.code).toBe('instant.format');
  });
});
