/**
 * A line that goes dead without a word (a 2G link: no refusal, no reset, requests just wait): the clerk is told
 * "offline" within the link probe's short limit, not after a batch's minute-long one, and while the line stays
 * dead the indicator never claims "syncing".
 */
import { expect, it } from 'vitest';
import type { DeskEventPayloads } from '../../shared/api/bridge';
import type { FetchLike } from '../../electron/desk/sync';
import { DISTRICT, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();

/** Node's fetch until the line is `dead`; then every request waits, unanswered, until its time limit aborts it. */
function lineThatCanDie() {
  const line = { dead: false, requests: [] as string[] };
  const fetchLike: FetchLike = (url, init) => {
    line.requests.push(new URL(url).pathname);
    if (!line.dead) return fetch(url, init);
    return new Promise((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
    });
  };
  return { line, fetch: fetchLike };
}

/** A desk whose batches wait a minute for an answer, as in the product, and whose link probe waits 200 ms. */
async function deskOnLine(fetchLike: FetchLike): Promise<SyncDesk> {
  return bed.desk({
    unitCode: DISTRICT,
    deskNumber: 1,
    sync: { fetch: fetchLike, requestTimeoutMs: 60_000, linkProbeTimeoutMs: 200, linkCheckAfterMs: 0 },
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

it('a dossier received after the line went dead: "offline" after the short probe, not after the batch’s minute', async () => {
  const { line, fetch } = lineThatCanDie();
  const d = await deskOnLine(fetch);
  d.client.start();
  expect((await d.client.syncNow()).state).toBe('online');

  line.dead = true;
  await receive(d, 1);
  await waitFor(() => d.client.status().state === 'offline');
  const status = await d.must('sync.status', {});
  expect(status.pending).toBe(1);
  expect(status.online).toBe(false);
  expect(status.errors[0]?.vi).toContain('Máy chủ không trả lời kịp');
  // The batch never went into the dead line: only the tiny probe did.
  expect(line.requests.slice(-1)).toEqual(['/v1/time']);
});

it('while the line stays dead the desk stays "offline" through its probes, and says "syncing" only once it answers', async () => {
  const { line, fetch } = lineThatCanDie();
  const d = await deskOnLine(fetch);
  d.client.start();
  await d.client.syncNow();
  const states: DeskEventPayloads['sync.status']['state'][] = [];
  const pendingShown: number[] = [];
  d.desk.notifications.subscribe((event) => {
    if (event.type !== 'sync.status') return;
    states.push(event.data.state);
    pendingShown.push(event.data.pending);
  });

  line.dead = true;
  await receive(d, 1);
  await waitFor(() => d.client.status().state === 'offline');
  // The reception's "1 waiting" reached the indicator while the link was being checked, not only afterwards.
  expect(pendingShown.slice(0, states.indexOf('offline'))).toContain(1);
  const probesBefore = line.requests.length;
  await waitFor(() => line.requests.length >= probesBefore + 3);
  const whileDead = states.slice(states.indexOf('offline'));
  expect(whileDead.length).toBeGreaterThan(0);
  expect(whileDead.every((s) => s === 'offline')).toBe(true);

  line.dead = false;
  await waitFor(() => d.client.status().state === 'online' && d.client.status().pending === 0);
  expect(states.slice(states.indexOf('offline'))).toContain('syncing');
});

it('a slow line whose answers take longer than the probe’s short limit still gets its work through', async () => {
  const d = await deskOnLine(async (url, init) => {
    // Every answer takes 400 ms: twice the probe's limit, far under the batch's.
    await new Promise((r) => setTimeout(r, 400));
    return fetch(url, init);
  });
  const sent = await receive(d, 1);
  const states: (string | undefined)[] = [];
  for (let round = 0; round < 3; round++) states.push((await d.client.syncNow()).state);
  // Two short probes get no answer in time; the third is given four times as long, and the dossier goes up.
  expect(states).toEqual(['offline', 'offline', 'online']);
  const received = (await d.must('dossiers.get', { dossierId: sent.dossierId })).timeline[0]!;
  expect(await bed.server.storage.eventById(received.eventId!)).toBeDefined();
});
