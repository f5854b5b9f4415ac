/**
 * Per-device token buckets: a desk catching up after a week offline sends many batches quickly, which is
 * fine; a runaway loop or a stolen secret hammering the server is not. The clock is injected for tests.
 */
import ipaddr from 'ipaddr.js';

export interface RateLimitOptions {
  /** Requests a client may make in a burst. */
  capacity: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { capacity: 120, refillPerSecond: 20 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly nowMs: () => number,
  ) {}

  /** Takes one token for `key`; returns 0 when allowed, else the seconds to wait before the next try. */
  take(key: string): number {
    const bucket = this.refilled(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(bucket.at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.secondsToOne(bucket.tokens);
  }

  private refilled(key: string): { tokens: number; at: number } {
    const now = this.nowMs();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    bucket.tokens = Math.min(
      this.options.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond,
    );
    bucket.at = now;
    return bucket;
  }

  private secondsToOne(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.options.refillPerSecond));
  }

  /** Keeps memory bounded when many keys (e.g. addresses hitting enrolment) pass by: full buckets carry no state. */
  private forgetFull(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.options.refillPerSecond >= this.options.capacity)
        this.buckets.delete(key);
    }
  }
}

/**
 * Failed authentications (device secret, administrator or portal token) per address. The secrets are 256 bits, so
 * this is not about guessing them: a client that keeps sending a wrong one (a desk restored from an old backup, a
 * script with a stale token, a scanner) fills the log. 10 failures in a burst, then one more every 6 s: a desk
 * retrying on its own schedule never reaches it; past it, failures are answered 429 and logged once a window. Only
 * failures are counted and only failures are refused: a good secret from the same address is always served.
 */
export const DEFAULT_AUTH_FAILURES: RateLimitOptions = { capacity: 10, refillPerSecond: 10 / 60 };

export class AuthFailureLimiter {
  private readonly failures: RateLimiter;
  /** When each address's last "refusing" line was written: one a window, however hard it hammers. */
  private readonly reported = new Map<string, number>();
  private readonly windowMs: number;

  constructor(
    options: RateLimitOptions = DEFAULT_AUTH_FAILURES,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.failures = new RateLimiter(options, nowMs);
    // The time an empty bucket takes to fill again: a minute with the defaults.
    this.windowMs = (options.capacity / options.refillPerSecond) * 1000;
  }

  /** Counts one failure; the seconds this address should wait when it is past its budget, else 0. */
  recordFailure(address: string): number {
    return this.failures.take(addressBudgetKey(address));
  }

  /** True the first time an address is refused in a window: the caller writes its one log line then. */
  firstRefusalInWindow(address: string): boolean {
    const key = addressBudgetKey(address);
    const now = this.nowMs();
    const last = this.reported.get(key);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.reported.set(key, now);
    if (this.reported.size > 10_000) {
      for (const [k, at] of this.reported) if (now - at >= this.windowMs) this.reported.delete(k);
      // Still full: forgetting costs at most one more line per address, never a refusal.
      if (this.reported.size > 10_000) this.reported.clear();
    }
    return true;
  }
}

/**
 * Whose budget an address draws on. An IPv6 subscriber is given a whole /64 (2^64 addresses), so a budget per address
 * would be none at all: the /64 is the subscriber, as an IPv4 address is. An IPv4 client reaching an IPv6 socket
 * (`::ffff:203.0.113.8`) is that IPv4 address. Anything unreadable is its own key.
 */
export const addressBudgetKey = (address: string): string => addressKey(address, 64);

/** An IPv4 address as itself, an IPv6 address as the prefix of `ipv6PrefixBits` around it (a multiple of 16). */
export function addressKey(address: string, ipv6PrefixBits: 48 | 64): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, ipv6PrefixBits / 16);
  return `${ipaddr.IPv6.parse(`${prefix.map((g) => g.toString(16)).join(':')}::`).toString()}/${ipv6PrefixBits}`;
}
