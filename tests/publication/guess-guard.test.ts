/** The public lookup's budget per address: an IPv6 subscriber's whole /64 is one address, as an IPv4 one is. */
import { describe, expect, it } from 'vitest';
import { GuessGuard } from '../../server/public/guess-guard';

const guard = () =>
  new GuessGuard({ perAddress: { capacity: 3, refillPerSecond: 0.001 }, wrongPinsPerCode: 5, codeWindowMs: 60_000 }, () => 0);
const spend = (g: GuessGuard, addresses: string[]) => addresses.map((a) => g.takeAddress(a));

describe('the lookup budget per address', () => {
  it('is shared by every address of one IPv6 /64, however it is written', () => {
    const g = guard();
    const mine = ['2001:db8:1:2::1', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:0DB8:0001:0002:0:0:0:9'];
    expect(spend(g, mine)).toEqual([0, 0, 0]);
    expect(g.takeAddress('2001:db8:1:2::abcd')).toBeGreaterThan(0);
    // The neighbouring /64 is another subscriber.
    expect(g.takeAddress('2001:db8:1:3::1')).toBe(0);
  });

  it('counts an IPv4 client on an IPv6 socket as its IPv4 address', () => {
    const g = guard();
    expect(spend(g, ['203.0.113.8', '::ffff:203.0.113.8', '::FFFF:203.0.113.8'])).toEqual([0, 0, 0]);
    expect(g.takeAddress('203.0.113.8')).toBeGreaterThan(0);
    expect(g.takeAddress('203.0.113.9')).toBe(0);
  });
});
