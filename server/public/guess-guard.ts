/**
 * Rate limits against guessing PINs. A PIN is 6 digits: 10^6 possibilities for each dossier code, and codes are
 * sequential, so an attacker knows which codes exist.
 *
 * - A budget of lookups per address (token bucket).
 * - Per address and code: 5 wrong PINs in 15 minutes (a citizen mistyping) and 10 in 24 hours lock that code for that
 *   address only. A lock shared by every address let one phone shut a whole commune's dossiers out of the lookup.
 * - Per code, all addresses together: 50 wrong PINs in 24 hours lock it for everyone. That bounds distributed guessing
 *   whatever the number of addresses: 50 a day is 18,250 of 10^6 PINs a year (1.8 %; 0.15 % in the month a dossier
 *   usually lives), 55 years to try them all. It takes at least 5 addresses (10 each) to reach it, so one attacker's
 *   phone cannot lock a citizen out; before, 5 wrong PINs locked the code for everyone yet allowed 480 a day.
 *
 * An "address" is addressBudgetKey's: an IPv4 address or an IPv6 /64. Memory: at most MAX_TRACKED entries per map;
 * beyond that entries with nothing in the last day go, then the oldest. Evicting a code's count to reset it takes
 * that many wrong PINs (thousands of lookups per address budget) for 50 more guesses.
 */
import { RateLimiter, addressBudgetKey } from '../rate-limit';

export { addressBudgetKey };

export interface GuessGuardOptions {
  perAddress: { capacity: number; refillPerSecond: number };
  /** Wrong PINs one address may make for one code in `codeWindowMs` before the code is locked for that address. */
  wrongPinsPerCode: number;
  codeWindowMs: number;
  /** The same in `dayWindowMs`: an address cannot keep trying a code in rounds of 5 all day. */
  wrongPinsPerCodePerDay: number;
  /** Wrong PINs for one code from all addresses together in `dayWindowMs` before it is locked for everyone. */
  wrongPinsPerCodeEveryone: number;
  dayWindowMs: number;
}

export const DEFAULT_GUESS_GUARD: GuessGuardOptions = {
  perAddress: { capacity: 20, refillPerSecond: 0.2 },
  wrongPinsPerCode: 5,
  codeWindowMs: 15 * 60_000,
  wrongPinsPerCodePerDay: 10,
  wrongPinsPerCodeEveryone: 50,
  dayWindowMs: 24 * 60 * 60_000,
};

const MAX_TRACKED = 50_000;

export interface CodeLock {
  /** Seconds until the code may be tried again. */
  seconds: number;
  /** Locked for every address (distributed guessing), not only the asking one. */
  forEveryone: boolean;
}

export class GuessGuard {
  private readonly addresses: RateLimiter;
  /** Wrong PIN times in the last day, per "address code" and per code. */
  private readonly byAddress = new Map<string, number[]>();
  private readonly byCode = new Map<string, number[]>();

  constructor(
    private readonly options: GuessGuardOptions = DEFAULT_GUESS_GUARD,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.addresses = new RateLimiter(options.perAddress, nowMs);
  }

  /** Seconds to wait before this address may look up again (0 = go ahead); takes one token when allowed. */
  takeAddress(address: string): number {
    return this.addresses.take(`public:${addressBudgetKey(address)}`);
  }

  /** Whether this address may try this code now, after wrong PINs (its own, or everyone's). */
  codeLock(address: string, code: string): CodeLock | null {
    const o = this.options;
    const mine = this.recent(this.byAddress, pairKey(address, code));
    const lastWindow = mine.filter((t) => t > this.nowMs() - o.codeWindowMs);
    const locks = [
      { until: untilFree(mine, o.wrongPinsPerCodePerDay, o.dayWindowMs), forEveryone: false },
      { until: untilFree(lastWindow, o.wrongPinsPerCode, o.codeWindowMs), forEveryone: false },
      { until: untilFree(this.recent(this.byCode, code), o.wrongPinsPerCodeEveryone, o.dayWindowMs), forEveryone: true },
    ].filter((l) => l.until > this.nowMs());
    if (locks.length === 0) return null;
    const longest = locks.reduce((a, b) => (b.until > a.until ? b : a));
    return { seconds: Math.max(1, Math.ceil((longest.until - this.nowMs()) / 1000)), forEveryone: longest.forEveryone };
  }

  recordWrongPin(address: string, code: string): void {
    // Lists never outgrow their cap: once it is reached, the code is locked and no more wrong PINs come in.
    this.push(this.byAddress, pairKey(address, code), this.options.wrongPinsPerCodePerDay);
    this.push(this.byCode, code, this.options.wrongPinsPerCodeEveryone);
  }

  private push(map: Map<string, number[]>, key: string, cap: number): void {
    const times = [...this.recent(map, key), this.nowMs()].slice(-cap);
    map.set(key, times);
    if (map.size > MAX_TRACKED) this.forgetOld(map);
  }

  private recent(map: Map<string, number[]>, key: string): number[] {
    const since = this.nowMs() - this.options.dayWindowMs;
    return (map.get(key) ?? []).filter((t) => t > since);
  }

  private forgetOld(map: Map<string, number[]>): void {
    for (const key of [...map.keys()]) if (this.recent(map, key).length === 0) map.delete(key);
    // A Map iterates in insertion order: the entries dropped are those tracked longest.
    for (const key of map.keys()) {
      if (map.size <= MAX_TRACKED) break;
      map.delete(key);
    }
  }
}

const pairKey = (address: string, code: string): string => `${addressBudgetKey(address)} ${code}`;

/** When a list of wrong-PIN times drops below `cap` entries in the window (the past when it is below already). */
function untilFree(times: readonly number[], cap: number, windowMs: number): number {
  return times.length < cap ? 0 : times[times.length - cap]! + windowMs;
}
