/**
 * Rate limits against guessing PINs: a budget of lookups per address (token bucket), and per dossier code a cap
 * on wrong PINs in a window — with 10^6 PINs and 5 wrong tries per 15 minutes, guessing one code would take
 * years, whatever the number of addresses used.
 */
import ipaddr from 'ipaddr.js';
import { RateLimiter } from '../rate-limit';

export interface GuessGuardOptions {
  perAddress: { capacity: number; refillPerSecond: number };
  wrongPinsPerCode: number;
  codeWindowMs: number;
}

export const DEFAULT_GUESS_GUARD: GuessGuardOptions = {
  perAddress: { capacity: 20, refillPerSecond: 0.2 },
  wrongPinsPerCode: 5,
  codeWindowMs: 15 * 60_000,
};

export class GuessGuard {
  private readonly addresses: RateLimiter;
  private readonly failures = new Map<string, number[]>();

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

  /** Seconds until this code may be tried again after too many wrong PINs (0 = go ahead). */
  codeLockedFor(code: string): number {
    const recent = this.recent(code);
    if (recent.length < this.options.wrongPinsPerCode) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.options.codeWindowMs - this.nowMs()) / 1000));
  }

  recordWrongPin(code: string): void {
    const recent = this.recent(code);
    recent.push(this.nowMs());
    this.failures.set(code, recent);
    if (this.failures.size > 50_000) this.forgetOld();
  }

  private recent(code: string): number[] {
    const since = this.nowMs() - this.options.codeWindowMs;
    return (this.failures.get(code) ?? []).filter((t) => t > since);
  }

  private forgetOld(): void {
    for (const code of [...this.failures.keys()]) if (this.recent(code).length === 0) this.failures.delete(code);
  }
}

/**
 * Whose budget an address draws on. An IPv6 subscriber is given a whole /64 (2^64 addresses), so a budget per address
 * would be none at all: the /64 is the subscriber, as an IPv4 address is. An IPv4 client reaching an IPv6 socket
 * (`::ffff:203.0.113.8`) is that IPv4 address. Anything unreadable is its own key.
 */
export function addressBudgetKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${prefix.map((g) => g.toString(16)).join(':')}::`).toString()}/64`;
}
