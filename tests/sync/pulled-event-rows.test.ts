/**
 * Events are stored by position (events/event-rows.ts, eventRowValues): a first pull binds about 250,000 of them.
 * A value in the wrong column would store another event than the server holds: the actor's name as the role, the
 * server time as the device time. Stored and read back, every event must be the one the server sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_COLUMNS,
  envelopeOf,
  eventFromRow,
  eventRowValues,
  INSERT_EVENT_SQL,
  type EventRow,
} from '../../electron/desk/events/event-rows';
import type { DossierEvent } from '../../shared/domain/events';
import { districtWithWork, DISTRICT, serverEventsOfUnit } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('an event stored by position', () => {
  it('reads back as the event the server sent, column for column', async () => {
    const { server, writer } = await districtWithWork(3, cleanups);
    const events = (await serverEventsOfUnit(server.storage, DISTRICT)) as DossierEvent[];
    expect(events.length).toBeGreaterThanOrEqual(4);
    // Distinct values where a swap could hide: two actors' fields, device and server times.
    expect(events.some((e) => e.deviceTime !== e.serverTime)).toBe(true);
    const db = writer.desk.db;
    db.exec('DELETE FROM events');
    const insert = db.prepare<[unknown[]]>(INSERT_EVENT_SQL);
    for (const e of events) insert.run(eventRowValues(e, 'synced'));
    const stored = db.prepare<[], EventRow>('SELECT * FROM events ORDER BY server_seq').all().map(eventFromRow);
    expect(stored.map(envelopeOf)).toEqual(events.map((e) => ({ ...e })));
    expect(stored.every((e) => e.syncState === 'synced' && e.syncReason === null)).toBe(true);
    // Every column filled from the event (none left to a default).
    expect(eventRowValues(events[0]!, 'synced')).toHaveLength(EVENT_COLUMNS.length);
  });
});
