/**
 * Is the server still there while the desk has nothing to send? A clerk reads the indicator whether or not work is
 * waiting: "online" must stop being claimed within seconds of the server going away, not at the next minute's poll.
 * While the desk is online, the server is asked its time (the link probe's tiny request: no credentials, a few
 * hundred bytes each way on a kept-alive connection, a short limit) whenever nothing has been heard from it for one
 * interval. Any round's answer counts as hearing from it, so a desk that is syncing anyway is not asked again.
 */
import type { SyncTransport } from './transport';

/** The tiny request that tells whether the server answers: its time, without credentials, within a short limit. */
export async function probeLink(transport: SyncTransport, timeoutMs: number): Promise<void> {
  await transport.request({ method: 'GET', path: 'v1/time', credentials: null, timeoutMs });
}

/** One beat `everyMs` after the server last answered; the client restarts it on every answer while it is online. */
export class LinkWatch {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly beat: () => void,
  ) {}

  /** The server just answered: the next beat is a whole interval from now. */
  restart(): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.beat();
    }, this.everyMs);
    // Like the round timer, it does not keep an otherwise finished process alive.
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
