/**
 * The pages of one pull, asked for one after another as each answer arrives rather than as each is taken to be
 * written. A first pull's pages come faster than the desk writes them only some of the time: when the desk asked
 * for the next page only as it began writing one, the next page's answer, its decompression and its reading in the
 * worker all had to fit into that one write, and on two cores shared with those workers the main thread waited for
 * pages 4.4 s of a 21 s pull (52,772 dossiers, traced). Now the next page is asked for as soon as an answer arrives,
 * while up to PAGES_AHEAD read pages wait to be written.
 *
 * Never more than one request is in flight, so a slow link carries the same requests as before, back to back; a
 * page asks from the end of the page before it, which is only used once that page is committed (a pull that fails
 * drops the pages behind it unread). Each page's size follows how long the page before it took on the link.
 */
import type { PulledPage } from './pull-page';

/** Read pages that may wait to be written while the next one is asked for. */
export const PAGES_AHEAD = 2;

export interface StreamedPage extends PulledPage {
  /** How long the page's request took on the link. */
  elapsedMs: number;
}

export interface PageRequest {
  cursor: number;
  epoch: string | null;
  limit: number;
  /** The pull's first request: the server counts what remains. */
  first: boolean;
}

export interface PageStreamOptions {
  /** Asks the server for one page. */
  fetch(request: PageRequest): Promise<StreamedPage>;
  /** The size of the page after this one (the link's speed, the server's maximum). */
  nextLimit(page: StreamedPage, limit: number): number;
}

export class PageStream {
  /** Pages asked for and not yet taken, in the feed's order (the last may still be on its way). */
  private readonly waiting: Promise<StreamedPage>[] = [];
  /**
   * Where the next request starts: set by an answer that says there is more, taken by the request it makes. Only an
   * answer sets it, so a request is asked for only once the one before it has been answered.
   */
  private after: { cursor: number; epoch: string } | null = null;
  private limitNow: number;
  private closed = false;

  constructor(
    private readonly options: PageStreamOptions,
    first: { cursor: number; epoch: string | null; limit: number },
  ) {
    this.limitNow = first.limit;
    this.request({ ...first, first: true });
  }

  /** The size asked of the next page (what the progress bar counts one page ahead with). */
  get limit(): number {
    return this.limitNow;
  }

  /**
   * The next page of the feed, or null once the feed's end has been taken. Rejects as its request failed. A client
   * that is stopping ends its pull at the next chunk of a write (PageWriter), not here: null means the feed's end.
   */
  take(): Promise<StreamedPage> | null {
    const page = this.waiting.shift() ?? null;
    this.askIfRoom();
    return page;
  }

  /**
   * The pull is over, whichever way it ended: an answer still on its way asks for nothing more (it is dropped
   * unread, and its request ends with its time limit).
   */
  close(): void {
    this.closed = true;
    this.after = null;
    // Read pages not taken are let go of now, not when the stream itself is.
    this.waiting.length = 0;
  }

  private request(request: PageRequest): void {
    const page = this.options.fetch(request);
    this.waiting.push(page);
    page.then(
      (answer) => {
        this.limitNow = this.options.nextLimit(answer, request.limit);
        this.after = answer.hasMore ? { cursor: answer.nextCursor, epoch: answer.epoch } : null;
        this.askIfRoom();
      },
      // The failure is met where the page is taken; nothing is asked after a page that failed.
      () => undefined,
    );
  }

  private askIfRoom(): void {
    if (this.closed || !this.after || this.waiting.length >= PAGES_AHEAD) return;
    const { cursor, epoch } = this.after;
    this.after = null;
    this.request({ cursor, epoch, limit: this.limitNow, first: false });
  }
}
