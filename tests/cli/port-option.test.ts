/** The port option every command reads (cli/options.ts): digits from 0 (any free port) to 65535, or the default. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../cli/command';
import { parseOptions, portOption } from '../../cli/options';

describe('portOption', () => {
  it('takes a port in digits, 0 meaning any free port, and the default when the option is not given', () => {
    expect(portOption('--port', '0', 8470)).toBe(0);
    expect(portOption('--port', '8470', 0)).toBe(8470);
    expect(portOption('--port', '65535', 0)).toBe(65535);
    expect(portOption('--port', undefined, 8470)).toBe(8470);
  });

  it.each(['', ' 80', '80 ', '0x50', '1e3', '80.0', '+80', '-1', '65536', 'x'])('refuses %j', (text) => {
    expect(() => portOption('--server-port', text, 0)).toThrow(UsageError);
  });
});

describe('a value after an option that starts with a dash', () => {
  it('is said in both languages, with how to write it, not in Node’s English words', () => {
    let refusal: unknown;
    try {
      parseOptions(['--port', '-1'], { port: { type: 'string' } });
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(UsageError);
    const words = refusal as UsageError;
    expect(words.vi).toBe('giá trị sau --port bắt đầu bằng dấu trừ: nếu đó là giá trị, hãy viết liền --port=GIÁ_TRỊ.');
    expect(words.en).toBe('the value after --port starts with a dash: if it is the value, write it as --port=VALUE.');
  });
});
