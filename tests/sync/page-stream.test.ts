/**
 * The pull's pages asked for as answers arrive (electron/desk/sync/page-stream.ts): the next page leaves while
 * the desk is still writing, but a link never carries more than one request and the desk never holds more than a
 * few read pages. The fetch is a stand-in the test answers by hand, so the order of events is exact; the pull
 * against a real server goes through the same stream in every other sync test.
 */
import { describe, expect, it } from 'vitest';
import { PAGES_AHEAD, PageStream, type PageRequest, type StreamedPage } from '../../electron/desk/sync/page-stream';

interface Asked extends PageRequest {
  answer(page: { events: number; hasMore: boolean; elapsedMs?: number }): void;
  fail(error: Error): void;
}

function server() {
  const asked: Asked[] = [];
  const fetch = (request: PageRequest) =>
    new Promise<StreamedPage>((resolve, reject) => {
      asked.push({
        ...request,
        answer: ({ events, hasMore, elapsedMs = 100 }) =>
          resolve({
            events: new Array<never>(events),
            ownQuarantined: [],
            nextCursor: request.cursor + events,
            hasMore,
            epoch: 'epoch-1',
            serverTime: '2026-11-29T09:00:00+07:00',
            catalogVersion: 1,
            calendarVersion: 1,
            unitsVersion: 1,
            remaining: undefined,
            compact: true,
            elapsedMs,
          }),
        fail: reject,
      });
    });
  return { asked, fetch };
}

/** Lets the answers' callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function stream() {
  const link = server();
  const pages = new PageStream(
    {
      fetch: link.fetch,
      // Slow answers halve the next page, fast ones double it (the pull's own rule is tested end to end).
      nextLimit: (page, limit) => (page.elapsedMs > 1000 ? limit / 2 : limit * 2),
    },
    { cursor: 40, epoch: null, limit: 100 },
  );
  return { pages, asked: link.asked };
}

describe('the pull’s pages', () => {
  it('asks for the next page as soon as an answer arrives, from its end, before the desk takes it', async () => {
    const { pages, asked } = stream();
    expect(asked.map(({ cursor, epoch, limit, first }) => ({ cursor, epoch, limit, first }))).toEqual([
      { cursor: 40, epoch: null, limit: 100, first: true },
    ]);
    const first = pages.take();
    asked[0]!.answer({ events: 100, hasMore: true });
    await settle();
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatchObject({ cursor: 140, epoch: 'epoch-1', limit: 200, first: false });
    expect((await first)!.nextCursor).toBe(140);
    // The second answer arrives while the first page is still being written: the third is asked for at once.
    asked[1]!.answer({ events: 200, hasMore: true, elapsedMs: 5000 });
    await settle();
    expect(asked[2]).toMatchObject({ cursor: 340, limit: 100 });
    expect(pages.limit).toBe(100);
  });

  it('never has two requests on the link, and holds at most PAGES_AHEAD read pages until one is taken', async () => {
    const { pages, asked } = stream();
    let answered = 0;
    /** Answers every request as it comes, each one full, until the stream asks for no more. */
    const answerAll = async () => {
      while (answered < asked.length) {
        expect(asked.length - answered).toBe(1);
        asked[answered]!.answer({ events: 10, hasMore: true });
        answered += 1;
        await settle();
      }
    };
    // The desk is busy writing the page it took; the answers keep arriving meanwhile.
    const writing = pages.take()!;
    await answerAll();
    expect(asked).toHaveLength(PAGES_AHEAD + 1);
    const taken = [await writing];
    for (let round = 0; round < 3; round++) {
      taken.push(await pages.take()!);
      await answerAll();
      expect(asked).toHaveLength(PAGES_AHEAD + 2 + round);
    }
    expect(taken.map((p) => p.nextCursor)).toEqual([50, 60, 70, 80]);
  });

  it('ends with the page that says there is no more', async () => {
    const { pages, asked } = stream();
    asked[0]!.answer({ events: 100, hasMore: true });
    await settle();
    asked[1]!.answer({ events: 7, hasMore: false });
    await settle();
    expect(asked).toHaveLength(2);
    expect((await pages.take()!).hasMore).toBe(true);
    expect((await pages.take()!).events).toHaveLength(7);
    expect(pages.take()).toBeNull();
    await settle();
    expect(asked).toHaveLength(2);
  });

  it('gives a failed page’s failure where it is taken, and asks for nothing after it', async () => {
    const { pages, asked } = stream();
    asked[0]!.answer({ events: 100, hasMore: true });
    await settle();
    asked[1]!.fail(new Error('connection reset'));
    await settle();
    expect(asked).toHaveLength(2);
    expect((await pages.take()!).nextCursor).toBe(140);
    await expect(pages.take()!).rejects.toThrow('connection reset');
    expect(pages.take()).toBeNull();
    expect(asked).toHaveLength(2);
  });

  it('asks for nothing more once the pull is over, even when an answer still arrives', async () => {
    const { pages, asked } = stream();
    asked[0]!.answer({ events: 100, hasMore: true });
    await settle();
    // The pull fails while writing the first page; the second page's answer comes after.
    pages.close();
    asked[1]!.answer({ events: 100, hasMore: true });
    await settle();
    expect(asked).toHaveLength(2);
  });
});
