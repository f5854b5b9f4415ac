/**
 * Telling a USB barcode scanner from a clerk. A scanner "types" the whole code in a burst — a few milliseconds per
 * character — and presses Enter; a person types far slower. So: keep the characters typed since the last pause,
 * and when Enter ends a burst that was fast all the way and reads as something we know (a receipt's code, a căn
 * cước's QR code), it is a scan.
 */
export interface ScanBurstOptions<T> {
  /** The longest gap between two characters of one scan. Scanners send every 1–20 ms; people rarely beat 60 ms. */
  maxGapMs?: number;
  /** Shorter bursts are ignored: a dossier code is 25 characters. */
  minLength?: number;
  /**
   * What the burst stands for, when it is something we know (a dossier code, a lookup link carrying one, a căn
   * cước's QR code); it gets the trimmed text. Null when it is not.
   */
  read: (text: string) => T | null;
}

/** A scan: the text the scanner typed (to take back out of the field it landed in) and what it stands for. */
export interface Scan<T> {
  typed: string;
  reading: T;
}

export class ScanBurstDetector<T> {
  private buffer = '';
  private lastAt = -Infinity;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(private readonly options: ScanBurstOptions<T>) {
    this.maxGapMs = options.maxGapMs ?? 40;
    this.minLength = options.minLength ?? 15;
  }

  /**
   * Feeds one key press (`key` as in KeyboardEvent.key) at `at` milliseconds. Returns the scan when this Enter
   * completes one, else null.
   */
  key(key: string, at: number): Scan<T> | null {
    const gap = at - this.lastAt;
    this.lastAt = at;
    // A gap that runs backwards (events stamped by different clocks) is a break, not a fast key.
    const fast = gap >= 0 && gap <= this.maxGapMs;
    if (key === 'Enter') {
      const text = this.buffer.trim();
      this.buffer = '';
      return fast ? this.scannedSuffix(text) : null;
    }
    if (key.length !== 1) {
      // Shift and friends arrive inside a burst too (upper-case letters); anything else breaks it.
      if (key !== 'Shift') this.buffer = '';
      return null;
    }
    this.buffer = fast ? this.buffer + key : key;
    return null;
  }

  /**
   * The scan at the end of a fast burst. A scan that starts within a few milliseconds of the clerk's last key is
   * joined to it ("Hoàng" + code), so the longest ending that reads as a scan is the scan — for a lookup link, the
   * whole link, not the code at its end.
   */
  private scannedSuffix(text: string): Scan<T> | null {
    for (let start = 0; text.length - start >= this.minLength; start++) {
      const typed = text.slice(start).trim();
      const reading = typed.length >= this.minLength ? this.options.read(typed) : null;
      if (reading !== null) return { typed, reading };
    }
    return null;
  }

  /**
   * Whether a key at `at` would go on a fast burst already under way: a scan being typed. Asked before `key`. A card's
   * line has spaces, which would tick a checkbox or press a button that has the focus.
   */
  continuesBurst(at: number): boolean {
    const gap = at - this.lastAt;
    return this.buffer.length >= 2 && gap >= 0 && gap <= this.maxGapMs;
  }

  /** The text of the burst in progress (to wipe it from the field it landed in). */
  get pending(): string {
    return this.buffer;
  }
}
