/**
 * The public lookup's budget per address: an IPv6 subscriber's whole /64 is one address, as an IPv4 one is. Wrong PINs
 * lock a code for the address that typed them; only many addresses together lock it for everyone.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUESS_GUARD, GuessGuard } from '../../server/public/guess-guard';

const guard = () => new GuessGuard({ ...DEFAULT_GUESS_GUARD, perAddress: { capacity: 3, refillPerSecond: 0.001 } }, () => 0);
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

describe('wrong PINs', () => {
  const CODE = '000.00.06.H56-230306-1001';
  const MINUTE = 60_000;

  it('from one address, tried in rounds all day, never lock the code for anyone else', () => {
    let now = 0;
    const g = new GuessGuard(DEFAULT_GUESS_GUARD, () => now);
    const rounds: (number | null)[] = [];
    // Every 15 minutes for a day, as many wrong PINs as the attacker's address is let through.
    for (; now < 24 * 60 * MINUTE; now += 15 * MINUTE) {
      let tried = 0;
      while (!g.codeLock('198.51.100.7', CODE, true)) {
        g.recordWrongPin('198.51.100.7', CODE, true);
        tried++;
      }
      rounds.push(tried);
      expect(g.codeLock('192.0.2.1', CODE, true)).toBeNull();
    }
    // 5, then 5 more after 15 minutes, then nothing until its first wrong PIN is a day old.
    expect(rounds.slice(0, 3)).toEqual([5, 5, 0]);
    expect(rounds.reduce((a, b) => a! + b!, 0)).toBe(DEFAULT_GUESS_GUARD.wrongPinsPerCodePerDay);
  });

  it('from many addresses stop at 50 a day for the code, whoever asks, and a day later it opens again', () => {
    let now = 0;
    const g = new GuessGuard(DEFAULT_GUESS_GUARD, () => now);
    let guesses = 0;
    // Each address tries until it is stopped; the next one takes over, until a fresh address is stopped too.
    for (let a = 0; a < 250 && !g.codeLock(`203.0.113.${a}`, CODE, true); a++) {
      while (!g.codeLock(`203.0.113.${a}`, CODE, true)) {
        g.recordWrongPin(`203.0.113.${a}`, CODE, true);
        guesses++;
      }
    }
    expect(guesses).toBe(50);
    const lock = g.codeLock('192.0.2.1', CODE, true);
    expect(lock).toEqual({ seconds: 24 * 3600, forEveryone: true });
    expect(g.codeLock('192.0.2.1', '000.00.06.H56-230306-1002', true)).toBeNull();
    now += 24 * 60 * MINUTE;
    expect(g.codeLock('192.0.2.1', CODE, true)).toBeNull();
  });

  it('from the many /64s of one IPv6 site stop at 10 for the code, as from one address, and lock no one else', () => {
    const g = new GuessGuard(DEFAULT_GUESS_GUARD, () => 0);
    let guesses = 0;
    // A home given a /56 (or an office a /48) has 256 or 65,536 /64s: each one a fresh "address".
    for (let sub = 0; sub < 256 && !g.codeLock(`2001:db8:7:${sub.toString(16)}::1`, CODE, true); sub++) {
      while (!g.codeLock(`2001:db8:7:${sub.toString(16)}::1`, CODE, true)) {
        g.recordWrongPin(`2001:db8:7:${sub.toString(16)}::1`, CODE, true);
        guesses++;
      }
    }
    expect(guesses).toBe(DEFAULT_GUESS_GUARD.wrongPinsPerCodePerDay);
    expect(g.codeLock('2001:db8:7:ff::1', CODE, true)).toMatchObject({ forEveryone: false });
    expect(g.codeLock('2001:db8:8::1', CODE, true)).toBeNull();
    expect(g.codeLock('192.0.2.1', CODE, true)).toBeNull();
  });

  it('keep a locked code locked while wrong PINs for 60,000 other codes pass through the bounded memory', () => {
    let now = 0;
    const g = new GuessGuard(DEFAULT_GUESS_GUARD, () => now);
    const attacked = (a: number) => `203.0.113.${a}`;
    let attackers = 0;
    for (let i = 0; i < 60_000; i++) {
      now += 1000;
      g.recordWrongPin(`198.18.${i >> 8}.${i & 255}`, `000.00.06.H56-230306-${String(i).padStart(5, '0')}`, true);
      // Every 1,000 other wrong PINs, one more address takes a turn at the code under attack, until it is locked.
      if (i % 1000 === 0 && !g.codeLock('192.0.2.1', CODE, true)) {
        for (let k = 0; k < 5; k++) g.recordWrongPin(attacked(attackers), CODE, true);
        attackers++;
      }
    }
    // Ten addresses at 5 each: the code's count was never dropped to make room for the others.
    expect(attackers).toBe(10);
    expect(g.codeLock('192.0.2.1', CODE, true)).toMatchObject({ forEveryone: true });
  });
});

describe('a code the server does not hold yet', () => {
  it('counts its wrong PINs apart: locked as any code after five, but held, it starts clean', () => {
    const CODE = '000.00.06.H56-230306-1009';
    const g = new GuessGuard();
    for (let i = 0; i < 5; i++) {
      expect(g.codeLock('198.51.100.9', CODE, false)).toBeNull();
      g.recordWrongPin('198.51.100.9', CODE, false);
    }
    expect(g.codeLock('198.51.100.9', CODE, false)).toMatchObject({ forEveryone: false });
    expect(g.codeLock('198.51.100.9', CODE, true)).toBeNull();
  });
});
