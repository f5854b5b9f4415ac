/**
 * Rate limits against guessing PINs. A PIN is 6 digits: 10^6 possibilities for each dossier code, and codes are
 * sequential, so an attacker knows which codes exist.
 *
 * - A budget of lookups per address (token bucket).
 * - Per address and code: 5 wrong PINs in 15 minutes (a citizen mistyping) lock that code for that address only. A
 *   lock shared by every address let one phone shut a whole commune's dossiers out of the lookup.
 * - Per network and code: 10 wrong PINs in 24 hours lock it for that network, so an address cannot try a code in
 *   rounds of 5 all day. A network is an IPv4 address or an IPv6 /48: a home or office is given a /48 or a /56, whose
 *   65,536 or 256 /64s would each have had 10 tries of their own.
 * - Per code, all networks together: 50 wrong PINs in 24 hours lock it for everyone. That bounds distributed guessing
 *   whatever the number of addresses: 50 a day is 18,250 of 10^6 PINs a year (1.8 %; 0.15 % in the month a dossier
 *   usually lives), 55 years to try them all. Reaching it takes 5 networks; any cap over all addresses can be reached
 *   by whoever holds enough of them, and the page then sends the citizen to the desk, which can tell the status.
 *
 * A code the server does not hold yet counts its wrong PINs apart from the same code once held. A dossier received
 * at a desk that was offline reaches the server later: the citizen who looks it up meanwhile with the right PIN meets
 * the same locks as for any code (so six tries do not tell which codes exist), but the dossier arrives with a clean
 * count. The lock is checked after the lookup, on the count the lookup's answer names, and refuses a right PIN too:
 * a lock that let the right PIN through would only tell the guesser when they had it. No limit counts lookups that
 * find nothing across codes: a commune office or a carrier's NAT puts thousands of citizens behind one IPv4 address,
 * and one phone's junk must not shut them out; the lookup budget bounds a walk through the codes.
 *
 * An "address" is addressBudgetKey's: an IPv4 address or an IPv6 /64. Memory: at most MAX_TRACKED entries per map.
 * A full map is brought down to nine tenths in one pass: first the entries with nothing left in their window, then
 * those with the fewest wrong PINs, oldest first. A locked code is never written to again (no more wrong
 * PINs come in), so an order by age alone let a flood of single wrong PINs on other codes unlock it; evicting it now
 * takes 45,000 entries with as many wrong PINs as it has.
 */
import { RateLimiter, addressBudgetKey, addressKey } from '../rate-limit';

export { addressBudgetKey };

export interface GuessGuardOptions {
  perAddress: { capacity: number; refillPerSecond: number };
  /** Wrong PINs one address may make for one code in `codeWindowMs` before the code is locked for that address. */
  wrongPinsPerCode: number;
  codeWindowMs: number;
  /** Wrong PINs one network (IPv4 address, IPv6 /48) may make for one code in `dayWindowMs`. */
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
  /** Wrong PIN times per "address code" (last 15 minutes), per "network code" and per code (last day). */
  private readonly byAddress = new Map<string, number[]>();
  private readonly byNetwork = new Map<string, number[]>();
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

  /**
   * Whether this address may have an answer for this code now, after wrong PINs (its own, its network's, or
   * everyone's), counted apart for a code the server holds (`held`) and the same code before it did.
   */
  codeLock(address: string, code: string, held: boolean): CodeLock | null {
    const o = this.options;
    code = countedAs(code, held);
    const locks = [
      { until: untilFree(this.recent(this.byAddress, pairKey(address, code), o.codeWindowMs), o.wrongPinsPerCode, o.codeWindowMs), forEveryone: false },
      { until: untilFree(this.recent(this.byNetwork, networkPairKey(address, code), o.dayWindowMs), o.wrongPinsPerCodePerDay, o.dayWindowMs), forEveryone: false },
      { until: untilFree(this.recent(this.byCode, code, o.dayWindowMs), o.wrongPinsPerCodeEveryone, o.dayWindowMs), forEveryone: true },
    ].filter((l) => l.until > this.nowMs());
    if (locks.length === 0) return null;
    const longest = locks.reduce((a, b) => (b.until > a.until ? b : a));
    return { seconds: Math.max(1, Math.ceil((longest.until - this.nowMs()) / 1000)), forEveryone: longest.forEveryone };
  }

  /** A lookup of this code that found nothing: a wrong PIN, or a code the server does not hold (yet). */
  recordWrongPin(address: string, code: string, held: boolean): void {
    // Lists never outgrow their cap: once it is reached, the code is locked and no more wrong PINs come in.
    const o = this.options;
    code = countedAs(code, held);
    this.push(this.byAddress, pairKey(address, code), o.wrongPinsPerCode, o.codeWindowMs);
    this.push(this.byNetwork, networkPairKey(address, code), o.wrongPinsPerCodePerDay, o.dayWindowMs);
    this.push(this.byCode, code, o.wrongPinsPerCodeEveryone, o.dayWindowMs);
  }

  private push(map: Map<string, number[]>, key: string, cap: number, windowMs: number, maxTracked = MAX_TRACKED): void {
    const times = [...this.recent(map, key, windowMs), this.nowMs()].slice(-cap);
    // Deleted first so the key moves to the end: among entries with as many wrong PINs, the oldest written go first.
    map.delete(key);
    map.set(key, times);
    if (map.size > maxTracked) this.forgetLeastTried(map, windowMs, Math.floor(maxTracked * 0.9));
  }

  /** One count per entry and a stable sort: the fewest first and, among as many, the oldest written first. */
  private forgetLeastTried(map: Map<string, number[]>, windowMs: number, target: number): void {
    const counted = [...map.keys()].map((key) => ({ key, count: this.recent(map, key, windowMs).length }));
    counted.sort((a, b) => a.count - b.count);
    for (const { key } of counted.slice(0, map.size - target)) map.delete(key);
  }

  private recent(map: Map<string, number[]>, key: string, windowMs: number): number[] {
    const since = this.nowMs() - windowMs;
    return (map.get(key) ?? []).filter((t) => t > since);
  }
}

/** A code not held yet is counted under another key, so the dossier arrives with none of its wrong PINs. */
const countedAs = (code: string, held: boolean): string => (held ? code : `not-held ${code}`);
const pairKey = (address: string, code: string): string => `${addressBudgetKey(address)} ${code}`;
const networkPairKey = (address: string, code: string): string => `${networkKey(address)} ${code}`;

/** An IPv4 address, or the IPv6 /48 around an address (a site's whole allocation); anything unreadable is itself. */
export const networkKey = (address: string): string => addressKey(address, 48);

/** When a list of wrong-PIN times drops below `cap` entries in the window (the past when it is below already). */
function untilFree(times: readonly number[], cap: number, windowMs: number): number {
  return times.length < cap ? 0 : times[times.length - cap]! + windowMs;
}
