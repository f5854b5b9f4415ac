import { describe, expect, it } from 'vitest';
import { formatPin, generatePin, isValidPin, parsePin, pinSchema } from '../../shared/domain/pin';

describe('lookup PIN', () => {
  it('keeps leading zeros from the random source', () => {
    expect(generatePin(() => 42)).toBe('000042');
    expect(generatePin(() => 999_999)).toBe('999999');
  });

  it('asks the random source for exactly a million values', () => {
    let asked = 0;
    generatePin((max) => {
      asked = max;
      return 0;
    });
    expect(asked).toBe(1_000_000);
  });

  it('refuses a broken random source instead of printing a wrong PIN', () => {
    expect(() => generatePin(() => 1_000_000)).toThrow(RangeError);
    expect(() => generatePin(() => -1)).toThrow(RangeError);
    expect(() => generatePin(() => 1.5)).toThrow(RangeError);
  });

  it('is printed in two groups and read back however the citizen types it', () => {
    expect(formatPin('042917')).toBe('042 917');
    expect(parsePin('042 917')).toEqual({ ok: true, value: '042917' });
    expect(parsePin('042-917')).toEqual({ ok: true, value: '042917' });
  });

  it.each(['04291', '0429177', '04291a', '', '０４２９１７'])('rejects %j with a message', (text) => {
    expect(isValidPin(text)).toBe(false);
    expect(pinSchema.safeParse(text).success).toBe(false);
    expect(parsePin(text)).toMatchObject({
      ok: false,
      error: { code: 'invalid_pin', message: { vi: expect.stringContaining('6 chữ số') } },
    });
  });
});
