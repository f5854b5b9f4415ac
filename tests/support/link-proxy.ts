/**
 * A loopback TCP proxy between a desk and the server that behaves like a bad link: a token-bucket bandwidth
 * shared by all connections (each direction on its own, like a real line), added one-way delay, and injected
 * faults — stalls and resets by probability, or a plan per connection ("every 5th connection"): cut the
 * connection after N bytes of the request or of the response, stall it, refuse it, or deliver the request a
 * second time later (a duplicated and reordered request). It counts connections and bytes each way.
 *
 * The kernel here has no netem, so this is how the tests and the benchmark emulate a 2G line. With
 * `oneRequestPerConnection` (the default) it adds `Connection: close` to each request and response, so every
 * HTTP request has its own connection and "the Nth connection" means "the Nth request".
 */
import net from 'node:net';

export type Direction = 'up' | 'down';

export type ConnectionFault =
  /** Cut both sides (TCP reset) once `afterBytes` bytes went this way: mid-request (up) or mid-response (down). */
  | { kind: 'cut'; direction: Direction; afterBytes: number }
  /** Stop forwarding this way after `afterBytes` bytes, for `ms` (default: until the client gives up). */
  | { kind: 'stall'; direction: Direction; afterBytes: number; ms?: number }
  /** Close the connection as soon as it opens. */
  | { kind: 'refuse' }
  /** Deliver the request again on a new connection `delayMs` after the first one finished (answer dropped). */
  | { kind: 'duplicate'; delayMs?: number };

export interface LinkProfile {
  /** Bytes per second each way; undefined: as fast as loopback. */
  bandwidthBytesPerSecond?: number;
  /** Token bucket size: how much may go at full speed after an idle moment. */
  burstBytes?: number;
  /** Added one-way delay, ms. */
  delayMs?: number;
  /** Share of connections that stall for good mid-transfer. */
  stallProbability?: number;
  /** Share of connections that are reset mid-transfer. */
  resetProbability?: number;
  /** For the probabilistic faults; seed it for a reproducible run. */
  random?: () => number;
}

export interface LinkCounters {
  connections: number;
  bytesUp: number;
  bytesDown: number;
  /** Response bytes after the headers (HTTP framing of chunked bodies included, a few bytes per chunk). */
  bodyBytesDown: number;
  cuts: number;
  stalls: number;
  refused: number;
  duplicates: number;
}

export interface LinkProxyOptions {
  target: { host: string; port: number };
  profile?: LinkProfile;
  /** A fault plan by connection number (1-based); return null for a healthy connection. */
  plan?: (connection: number) => ConnectionFault[] | ConnectionFault | null;
  oneRequestPerConnection?: boolean;
}

const PIECE = 4096;
const CLOSE_HEADER = Buffer.from('Connection: close\r\n', 'latin1');

/** A token bucket for one direction of the link; returns how long a piece must wait to leave. */
class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(bytes: number): number {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
    this.tokens -= bytes;
    return this.tokens < 0 ? (-this.tokens / this.rate) * 1000 : 0;
  }
}

/** One direction of one connection: an ordered queue of pieces released at their due time. */
class Lane {
  private readonly queue: { due: number; data: Buffer }[] = [];
  private timer: NodeJS.Timeout | null = null;
  forwarded = 0;
  private stalledUntil = 0;
  private headerDone = false;
  private headerScan = Buffer.alloc(0);
  private injected = false;
  closed = false;

  constructor(
    readonly direction: Direction,
    private readonly proxy: LinkProxy,
    private readonly write: (data: Buffer) => void,
    private readonly faults: ConnectionFault[],
    private readonly onFault: (fault: ConnectionFault) => void,
    private readonly onBody: (bytes: number) => void,
  ) {}

  private inject(data: Buffer): Buffer {
    if (this.injected || !this.proxy.oneRequestPerConnection) return data;
    const eol = data.indexOf('\r\n');
    if (eol < 0) return data;
    this.injected = true;
    return Buffer.concat([data.subarray(0, eol + 2), CLOSE_HEADER, data.subarray(eol + 2)]);
  }

  private countBody(data: Buffer): void {
    if (this.headerDone) {
      this.onBody(data.length);
      return;
    }
    this.headerScan = Buffer.concat([this.headerScan, data]);
    const end = this.headerScan.indexOf('\r\n\r\n');
    if (end >= 0) {
      this.headerDone = true;
      this.onBody(this.headerScan.length - (end + 4));
      this.headerScan = Buffer.alloc(0);
    }
  }

  push(raw: Buffer): void {
    const data = this.inject(raw);
    for (let offset = 0; offset < data.length; offset += PIECE) {
      const piece = data.subarray(offset, offset + PIECE);
      const wait = this.proxy.bucket(this.direction)?.take(piece.length) ?? 0;
      this.queue.push({ due: performance.now() + wait + (this.proxy.profile.delayMs ?? 0), data: piece });
    }
    this.pump();
  }

  private pump(): void {
    if (this.timer || this.closed) return;
    const head = this.queue[0];
    if (!head) return;
    const due = Math.max(head.due, this.stalledUntil);
    if (due === Infinity) return;
    const wait = due - performance.now();
    if (wait > 1) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    this.queue.shift();
    this.deliver(head.data);
    if (this.queue.length === 0 && this.onEmpty && !this.closed) {
      const then = this.onEmpty;
      this.onEmpty = null;
      then();
    }
    this.pump();
  }

  private deliver(data: Buffer): void {
    const piece = data;
    for (const fault of this.faults) {
      if (fault.kind !== 'cut' && fault.kind !== 'stall') continue;
      if (fault.direction !== this.direction) continue;
      const at = fault.afterBytes - this.forwarded;
      if (at < 0 || at >= piece.length) continue;
      // Forward up to the fault point, then fault.
      const before = piece.subarray(0, at);
      if (before.length > 0) this.emit(before);
      this.faults.splice(this.faults.indexOf(fault), 1);
      this.onFault(fault);
      if (fault.kind === 'cut') return;
      this.stalledUntil = fault.ms === undefined ? Infinity : performance.now() + fault.ms;
      this.queue.unshift({ due: 0, data: piece.subarray(at) });
      return;
    }
    this.emit(piece);
  }

  private emit(data: Buffer): void {
    this.forwarded += data.length;
    if (this.direction === 'up') this.proxy.counters.bytesUp += data.length;
    else {
      this.proxy.counters.bytesDown += data.length;
      this.countBody(data);
    }
    this.write(data);
  }

  private onEmpty: (() => void) | null = null;

  /** Runs `then` once everything queued has gone out (never, if the lane is closed first). */
  drain(then: () => void): void {
    if (this.closed) return;
    if (this.queue.length === 0) then();
    else this.onEmpty = then;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

export class LinkProxy {
  readonly counters: LinkCounters = {
    connections: 0,
    bytesUp: 0,
    bytesDown: 0,
    bodyBytesDown: 0,
    cuts: 0,
    stalls: 0,
    refused: 0,
    duplicates: 0,
  };
  target: { host: string; port: number };
  profile: LinkProfile;
  plan: LinkProxyOptions['plan'];
  readonly oneRequestPerConnection: boolean;
  private offline = false;
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private buckets: Record<Direction, TokenBucket | null> = { up: null, down: null };

  private constructor(
    private readonly server: net.Server,
    options: LinkProxyOptions,
  ) {
    this.target = options.target;
    this.profile = options.profile ?? {};
    this.plan = options.plan;
    this.oneRequestPerConnection = options.oneRequestPerConnection ?? true;
    this.setProfile(this.profile);
  }

  static async start(options: LinkProxyOptions): Promise<LinkProxy> {
    const server = net.createServer();
    const proxy = new LinkProxy(server, options);
    server.on('connection', (socket) => proxy.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  setProfile(profile: LinkProfile): void {
    this.profile = profile;
    const rate = profile.bandwidthBytesPerSecond;
    const burst = profile.burstBytes ?? 4096;
    this.buckets = rate
      ? { up: new TokenBucket(rate, burst), down: new TokenBucket(rate, burst) }
      : { up: null, down: null };
  }

  bucket(direction: Direction): TokenBucket | null {
    return this.buckets[direction];
  }

  /** The link goes down (every connection is cut and new ones are refused) or comes back. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) for (const s of this.sockets) s.destroy();
  }

  /** Faults for the Nth connection from the plan, plus the profile's random stalls and resets. */
  private faultsFor(n: number): ConnectionFault[] {
    const planned = this.plan?.(n);
    const faults = planned ? (Array.isArray(planned) ? [...planned] : [planned]) : [];
    const random = this.profile.random ?? Math.random;
    const offset = () => Math.floor(random() * 2048);
    const direction = (): Direction => (random() < 0.5 ? 'up' : 'down');
    if (this.profile.resetProbability && random() < this.profile.resetProbability) {
      faults.push({ kind: 'cut', direction: direction(), afterBytes: offset() });
    } else if (this.profile.stallProbability && random() < this.profile.stallProbability) {
      faults.push({ kind: 'stall', direction: direction(), afterBytes: offset() });
    }
    return faults;
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private accept(client: net.Socket): void {
    this.track(client);
    const n = ++this.counters.connections;
    if (this.offline) {
      this.counters.refused += 1;
      client.resetAndDestroy();
      return;
    }
    const faults = this.faultsFor(n);
    if (faults.some((f) => f.kind === 'refuse')) {
      this.counters.refused += 1;
      client.resetAndDestroy();
      return;
    }
    const duplicate = faults.find(
      (f): f is Extract<ConnectionFault, { kind: 'duplicate' }> => f.kind === 'duplicate',
    );
    const recorded: Buffer[] = [];
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    const cut = () => {
      up.close();
      down.close();
      if (!client.destroyed) client.resetAndDestroy();
      if (!upstream.destroyed) upstream.resetAndDestroy();
    };
    const onFault = (fault: ConnectionFault) => {
      if (fault.kind === 'cut') {
        this.counters.cuts += 1;
        cut();
      } else if (fault.kind === 'stall') {
        this.counters.stalls += 1;
      }
    };
    const up = new Lane(
      'up',
      this,
      (d) => upstream.write(d),
      faults,
      onFault,
      () => undefined,
    );
    const down = new Lane(
      'down',
      this,
      (d) => client.write(d),
      faults,
      onFault,
      (bytes) => (this.counters.bodyBytesDown += bytes),
    );
    client.on('data', (d: Buffer) => {
      if (duplicate) recorded.push(Buffer.from(d));
      up.push(d);
    });
    upstream.on('data', (d: Buffer) => down.push(d));
    client.on('end', () => up.drain(() => upstream.end()));
    upstream.on('end', () => down.drain(() => client.end()));
    client.on('close', () => {
      up.close();
      down.close();
      if (!upstream.destroyed) upstream.destroy();
    });
    upstream.on('close', () => {
      if (duplicate && recorded.length > 0) {
        this.later(duplicate.delayMs ?? 0, () => this.replay(Buffer.concat(recorded)));
      }
      down.drain(() => {
        down.close();
        if (!client.destroyed) client.end();
      });
    });
    upstream.on('error', () => cut());
    client.on('error', () => cut());
  }

  /** Sends a copy of a request straight to the server and throws its answer away. */
  private replay(request: Buffer): void {
    if (this.offline) return;
    this.counters.duplicates += 1;
    const copy = net.connect(this.target.port, this.target.host);
    this.track(copy);
    copy.on('data', () => undefined);
    copy.end(request);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A small seeded generator (mulberry32) for reproducible fault runs. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
