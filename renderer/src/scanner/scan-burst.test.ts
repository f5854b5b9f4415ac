import { describe, expect, it } from 'vitest';
import { dossierCodeOfScan } from '../../../shared/domain/lookup-link';
import { ScanBurstDetector } from './scan-burst';
import { readScan } from './use-barcode-scanner';

const CODE = '000.00.06.H56-231027-1001';
const read = dossierCodeOfScan;

/** What each key press completed: the code a scan stands for, or null. */
function feed(detector: ScanBurstDetector<string>, keys: string[], gapMs: number, start = 1000): (string | null)[] {
  return keys.map((k, i) => detector.key(k, start + i * gapMs)?.reading ?? null);
}

describe('telling a barcode scanner from a clerk', () => {
  it('reads a dossier code typed in a burst and ended by Enter', () => {
    const out = feed(new ScanBurstDetector({ read }), [...CODE, 'Enter'], 5);
    expect(out.at(-1)).toBe(CODE);
    expect(out.slice(0, -1).every((x) => x === null)).toBe(true);
  });

  it('ignores the same code typed at a person’s speed', () => {
    expect(feed(new ScanBurstDetector({ read }), [...CODE, 'Enter'], 120).at(-1)).toBeNull();
  });

  it('ignores a fast burst that is not a dossier code', () => {
    expect(feed(new ScanBurstDetector({ read }), [...'8934567890123', 'Enter'], 5).at(-1)).toBeNull();
  });

  it('starts a new burst after a pause, so slow typing before a scan does not spoil it', () => {
    const d = new ScanBurstDetector({ read });
    feed(d, [...'Hoàng'], 150, 0);
    expect(feed(d, [...CODE, 'Enter'], 4, 5000).at(-1)).toBe(CODE);
  });

  it('breaks the burst on a navigation key but not on Shift', () => {
    const d = new ScanBurstDetector({ read });
    expect(feed(d, ['0', '0', 'ArrowLeft', ...CODE.slice(2), 'Enter'], 5).at(-1)).toBeNull();
    expect(feed(new ScanBurstDetector({ read }), [...CODE.slice(0, 10), 'Shift', ...CODE.slice(10), 'Enter'], 5).at(-1)).toBe(CODE);
  });

  it('finds a scan that starts within milliseconds of the clerk’s last key, and returns only the code', () => {
    const d = new ScanBurstDetector({ read });
    feed(d, [...'Hoàng'], 150, 0);
    // The scanner's first character arrives 10 ms after the clerk's "g": one burst "g000.00…", the code at its end.
    expect(feed(d, [...CODE, 'Enter'], 4, 610).at(-1)).toBe(CODE);
  });

  it('treats a time stamp that runs backwards as a break, not as a fast key', () => {
    const d = new ScanBurstDetector({ read });
    feed(d, [...'8934'], 5, 10_000);
    expect(feed(d, [...CODE, 'Enter'], 5, 1_000).at(-1)).toBe(CODE);
    expect(d.pending).toBe('');
  });

  it('reads the receipt QR of a desk with a lookup address: the whole link is the scan, the code is what it opens', () => {
    const link = `https://dichvucong.example.gov.vn/tra-cuu?ma=${CODE}`;
    const d = new ScanBurstDetector({ read });
    feed(d, [...'Hoàng'], 150, 0);
    const keys = [...link, 'Enter'];
    const scans = keys.map((k, i) => d.key(k, 610 + i * 4));
    expect(scans.at(-1)).toEqual({ typed: link, reading: CODE });
    // A scanner with Caps Lock on flips the case; a link to somewhere without a dossier code opens nothing.
    expect(feed(new ScanBurstDetector({ read }), [...link.toUpperCase(), 'Enter'], 5).at(-1)).toBe(CODE);
    expect(feed(new ScanBurstDetector({ read }), [...'https://example.gov.vn/tra-cuu?ma=12345', 'Enter'], 5).at(-1)).toBeNull();
  });

  it('reads a căn cước card’s QR line, pipes and Vietnamese letters included, even right after the clerk’s typing', () => {
    const card = '030201001234||Nguyễn Thị Lan|15081990|Nữ|Xã Tân Hưng, Tỉnh Hải Dương|10062021';
    const d = new ScanBurstDetector({ read: readScan });
    const keys = [...'Ho', ...card, 'Enter'];
    const scans = keys.map((k, i) => d.key(k, 1000 + i * 5));
    expect(scans.at(-1)).toEqual({
      typed: card,
      reading: { kind: 'idCard', card: { idNumber: '030201001234', name: 'Nguyễn Thị Lan', address: 'Xã Tân Hưng, Tỉnh Hải Dương' } },
    });
    expect(readScan('000.00.06.H56-231027-1001')).toEqual({ kind: 'dossier', code: '000.00.06.H56-231027-1001' });
  });

  it('knows a key goes on a fast burst under way, and not the first keys or a key after a pause', () => {
    const d = new ScanBurstDetector({ read });
    expect(d.continuesBurst(1000)).toBe(false);
    d.key('0', 1000);
    d.key('3', 1005);
    expect(d.continuesBurst(1010)).toBe(true);
    expect(d.continuesBurst(1200)).toBe(false);
  });
});

