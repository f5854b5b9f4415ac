/**
 * A pull binds its events by position (events/event-rows.ts, eventRowValues) while every other writer binds them
 * by name (rowFromEvent). A value in the wrong column would store another event than the server holds: the actor's
 * name as the role, the server time as the device time. Both paths must store the very same row.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_COLUMNS,
  eventRowValues,
  INSERT_EVENT_BY_POSITION_SQL,
  INSERT_EVENT_SQL,
  rowFromEvent,
} from '../../electron/desk/events/event-rows';
import type { DossierEvent } from '../../shared/domain/events';
import { districtWithWork, DISTRICT, serverEventsOfUnit } from './support/harness';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('a pulled event stored by position', () => {
  it('gives the row a named insert gives, column for column', async () => {
    const { server, writer } = await districtWithWork(3, cleanups);
    const events = (await serverEventsOfUnit(server.storage, DISTRICT)) as DossierEvent[];
    expect(events.length).toBeGreaterThanOrEqual(4);
    const db = writer.desk.db;
    db.exec('CREATE TEMP TABLE by_name AS SELECT * FROM events WHERE 0');
    const stored = (table: string) => db.prepare(`SELECT * FROM ${table} ORDER BY server_seq`).all();
    db.exec('DELETE FROM events');
    const byPosition = db.prepare<[unknown[]]>(INSERT_EVENT_BY_POSITION_SQL);
    for (const e of events) byPosition.run(eventRowValues(e, 'synced', JSON.stringify(e.payload)));
    const positional = stored('events');
    db.exec('DELETE FROM events');
    const byName = db.prepare(INSERT_EVENT_SQL);
    for (const e of events) byName.run(rowFromEvent(e, 'synced'));
    expect(positional).toEqual(stored('events'));
    // Every column filled from the event (none left to a default), and the values in EVENT_COLUMNS order.
    expect(eventRowValues(events[0]!, 'synced', '{}')).toHaveLength(EVENT_COLUMNS.length);
    expect(positional).toHaveLength(events.length);
  });
});
