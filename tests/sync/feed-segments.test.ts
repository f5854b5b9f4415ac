/**
 * A real desk catching up from a server that sends its settled pages as stored (server/sync/feed-segments.ts):
 * the desk ends with exactly the server's dossiers, a stored page altered on its way is refused whole, and an
 * envelope header that is not one is as good as no answer. The servers of the other sync tests store pages of
 * TEST_FEED_SEGMENT events too, so their faults and convergence runs cross stored pages as well.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_ENVELOPE_HEADER } from '../../shared/sync/compact-pull';
import {
  DISTRICT,
  districtWithWork,
  expectConverged,
  makeSyncDesk,
  serverEventsOfUnit,
  TEST_FEED_SEGMENT,
} from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Lets the server's background build of stored pages finish; returns how many deliveries they cover. */
async function storedUpTo(server: Awaited<ReturnType<typeof districtWithWork>>['server'], events: number) {
  await server.app.feedSegmenter.nudge();
  let covered = 0;
  for (let from = 0; ; ) {
    const segment = await server.storage.feedSegment(DISTRICT, from);
    if (!segment) break;
    covered += segment.events;
    from = segment.toSeq;
  }
  expect(covered).toBeGreaterThanOrEqual(events);
  return covered;
}

const eventsHeld = (d: Awaited<ReturnType<typeof makeSyncDesk>>) =>
  d.desk.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;

describe('a desk pulling stored pages', () => {
  it('ends with exactly the server’s dossiers, most of the feed sent as stored pages', async () => {
    const { server, writer } = await districtWithWork(60, cleanups);
    const feed = (await serverEventsOfUnit(server.storage, DISTRICT)).length;
    const covered = await storedUpTo(server, feed - TEST_FEED_SEGMENT);
    let stored = 0;
    let pages = 0;
    const counting = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      if (url.endsWith('/v1/pull')) {
        pages += 1;
        if (answer.headers.has(PAGE_ENVELOPE_HEADER)) stored += 1;
      }
      return answer;
    };
    const reader = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, sync: { fetch: counting } });
    cleanups.push(() => reader.close());
    expect((await reader.client.syncNow()).state).toBe('online');
    expect(eventsHeld(reader)).toBe(feed);
    await expectConverged(server.storage, [writer, reader]);
    // Stored pages from the first page on (the desk asks for more): all but the tail's one or two.
    expect(stored).toBe(covered / TEST_FEED_SEGMENT);
    expect(pages - stored).toBeLessThanOrEqual(2);
  });

  it('refuses a stored page altered on its way, whole, in the clerk’s words; after two, pulls whole pages', async () => {
    const { server, writer } = await districtWithWork(12, cleanups);
    await storedUpTo(server, TEST_FEED_SEGMENT);
    const altering = async (url: string, init: RequestInit) => {
      const answer = await fetch(url, init);
      const envelope = answer.headers.get(PAGE_ENVELOPE_HEADER);
      if (!url.endsWith('/v1/pull') || envelope === null) return answer;
      const page = (await answer.json()) as { events: unknown[][] };
      const first = page.events[0]!;
      first[5] = { ...(first[5] as object), note: 'Sửa trên đường truyền' };
      return new Response(JSON.stringify(page), {
        status: answer.status,
        headers: { 'content-type': 'application/json', [PAGE_ENVELOPE_HEADER]: envelope },
      });
    };
    const reader = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, sync: { fetch: altering } });
    cleanups.push(() => reader.close());
    const status = await reader.client.syncNow();
    expect(status.state).toBe('error');
    expect(status.errors.map((e) => e.vi).join(' ')).toContain('sai mã băm');
    expect(eventsHeld(reader)).toBe(0);
    // Once more (a page cut short on a flaky link is simply pulled again), then the desk stops asking for stored
    // pages: one stored wrong on the server must not stop every pull there for good.
    expect((await reader.client.syncNow()).state).toBe('error');
    expect(eventsHeld(reader)).toBe(0);
    expect((await reader.client.syncNow()).state).toBe('online');
    await expectConverged(server.storage, [writer, reader]);
  });

  it.each([
    ['drops the envelope’s header (a proxy that passes only the headers it knows)', null],
    ['changes it into something that is not an envelope', '"hasMore":true'],
  ])('when the link %s: no answer, nothing written, and the next round pulls it all as whole pages', async (_, header) => {
    const { server, writer } = await districtWithWork(12, cleanups);
    await storedUpTo(server, TEST_FEED_SEGMENT);
    const asked: boolean[] = [];
    const meddling = async (url: string, init: RequestInit) => {
      // A pull request is too small to be sent compressed: its JSON is read as it goes.
      if (url.endsWith('/v1/pull')) asked.push(Buffer.from(init.body as Uint8Array).toString('utf8').includes('envelopeHeader'));
      const answer = await fetch(url, init);
      if (!answer.headers.has(PAGE_ENVELOPE_HEADER)) return answer;
      const headers = new Headers(answer.headers);
      if (header === null) headers.delete(PAGE_ENVELOPE_HEADER);
      else headers.set(PAGE_ENVELOPE_HEADER, header);
      headers.delete('content-encoding');
      return new Response(await answer.arrayBuffer(), { status: answer.status, headers });
    };
    const reader = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 2, sync: { fetch: meddling } });
    cleanups.push(() => reader.close());
    const refused = await reader.client.syncNow();
    expect(refused.state).not.toBe('online');
    expect(eventsHeld(reader)).toBe(0);
    const pullsOfFirstRound = asked.length;
    expect((await reader.client.syncNow()).state).toBe('online');
    await expectConverged(server.storage, [writer, reader]);
    // The desk no longer asks for stored pages, which this link does not let through.
    expect(asked.slice(pullsOfFirstRound).length).toBeGreaterThan(0);
    expect(asked.slice(pullsOfFirstRound).every((a) => !a)).toBe(true);
  });
});
