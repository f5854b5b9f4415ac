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
 * Only a code the server holds counts its wrong PINs. A dossier received at a desk that was offline reaches the server
 * later; the citizen who looks it up meanwhile with the right PIN must not have locked it for the day it arrives. Every
 * lookup that finds nothing (an unknown code or a wrong PIN alike, so the limit tells nothing about which codes exist)
 * counts against the address and its network instead, whatever the code, which stops a walk through the codes:
 * - 30 in an hour per address. A citizen retrying every few minutes, or a family behind one home address mistyping,
 *   stays well under it; a script is stopped after 30 codes instead of the 720 an hour the lookup budget allows.
 * - 200 in a day per network, so an address cannot walk at 30 an hour all day (720), nor a site through its /64s. A
 *   shared address (an office, a carrier's NAT) has room for many citizens' misses; a walk through a thousand codes
 *   takes five days.
 * Past either, the address (or network) is refused every lookup, even one that would find a dossier, until it has
 * fewer misses in the window: a lookup refused before it is made costs the server nothing.
 *
 * An "address" is addressBudgetKey's: an IPv4 address or an IPv6 /64. Memory: at most MAX_TRACKED entries per map for
 * the wrong PINs, MAX_TRACKED_MISSES for the misses (one entry per address or network, each holding up to 200 times).
 * A full map is brought down to nine tenths in one pass: first the entries with nothing left in their window, then
 * those with the fewest wrong PINs (or misses), oldest first. A locked code is never written to again (no more wrong
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
  /** Lookups finding nothing, whatever the code, one address may make in `missWindowMs` before it is refused. */
  missesPerAddress: number;
  missWindowMs: number;
  /** Lookups finding nothing, whatever the code, one network may make in `dayWindowMs` before it is refused. */
  missesPerNetworkPerDay: number;
}

export const DEFAULT_GUESS_GUARD: GuessGuardOptions = {
  perAddress: { capacity: 20, refillPerSecond: 0.2 },
  wrongPinsPerCode: 5,
  codeWindowMs: 15 * 60_000,
  wrongPinsPerCodePerDay: 10,
  wrongPinsPerCodeEveryone: 50,
  dayWindowMs: 24 * 60 * 60_000,
  missesPerAddress: 30,
  missWindowMs: 60 * 60_000,
  missesPerNetworkPerDay: 200,
};

const MAX_TRACKED = 50_000;
/** Fewer entries, longer lists: 10,000 × (30 + 200) times is 18 MB at most. The heaviest walkers are kept longest. */
const MAX_TRACKED_MISSES = 10_000;

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
  /** Times of lookups that found nothing, per address (last hour) and per network (last day). */
  private readonly missesByAddress = new Map<string, number[]>();
  private readonly missesByNetwork = new Map<string, number[]>();

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

  /** Seconds before this address may look up again after too many lookups that found nothing (0 = go ahead). */
  missesWait(address: string): number {
    const o = this.options;
    const until = Math.max(
      untilFree(this.recent(this.missesByAddress, addressBudgetKey(address), o.missWindowMs), o.missesPerAddress, o.missWindowMs),
      untilFree(this.recent(this.missesByNetwork, networkKey(address), o.dayWindowMs), o.missesPerNetworkPerDay, o.dayWindowMs),
    );
    return until > this.nowMs() ? Math.max(1, Math.ceil((until - this.nowMs()) / 1000)) : 0;
  }

  /** A lookup that found nothing, an unknown code or a wrong PIN alike: the caller does not tell which. */
  recordMiss(address: string): void {
    const o = this.options;
    this.push(this.missesByAddress, addressBudgetKey(address), o.missesPerAddress, o.missWindowMs, MAX_TRACKED_MISSES);
    this.push(this.missesByNetwork, networkKey(address), o.missesPerNetworkPerDay, o.dayWindowMs, MAX_TRACKED_MISSES);
  }

  /** Whether this address may try this code now, after wrong PINs (its own, its network's, or everyone's). */
  codeLock(address: string, code: string): CodeLock | null {
    const o = this.options;
    const locks = [
      { until: untilFree(this.recent(this.byAddress, pairKey(address, code), o.codeWindowMs), o.wrongPinsPerCode, o.codeWindowMs), forEveryone: false },
      { until: untilFree(this.recent(this.byNetwork, networkPairKey(address, code), o.dayWindowMs), o.wrongPinsPerCodePerDay, o.dayWindowMs), forEveryone: false },
      { until: untilFree(this.recent(this.byCode, code, o.dayWindowMs), o.wrongPinsPerCodeEveryone, o.dayWindowMs), forEveryone: true },
    ].filter((l) => l.until > this.nowMs());
    if (locks.length === 0) return null;
    const longest = locks.reduce((a, b) => (b.until > a.until ? b : a));
    return { seconds: Math.max(1, Math.ceil((longest.until - this.nowMs()) / 1000)), forEveryone: longest.forEveryone };
  }

  /** A wrong PIN for a code the server holds; a code it does not hold is only a miss (recordMiss). */
  recordWrongPin(address: string, code: string): void {
    // Lists never outgrow their cap: once it is reached, the code is locked and no more wrong PINs come in.
    const o = this.options;
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

const pairKey = (address: string, code: string): string => `${addressBudgetKey(address)} ${code}`;
const networkPairKey = (address: string, code: string): string => `${networkKey(address)} ${code}`;

/** An IPv4 address, or the IPv6 /48 around an address (a site's whole allocation); anything unreadable is itself. */
export const networkKey = (address: string): string => addressKey(address, 48);

/** When a list of wrong-PIN times drops below `cap` entries in the window (the past when it is below already). */
function untilFree(times: readonly number[], cap: number, windowMs: number): number {
  return times.length < cap ? 0 : times[times.length - cap]! + windowMs;
}
