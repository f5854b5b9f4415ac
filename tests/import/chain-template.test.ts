/**
 * The import writes each event's canonical text field by field (prepare-line.ts `chainTemplate`); filled with
 * its chain fields it must be exactly `canonicalEventText` of the chained event, or the hashes stop verifying
 * on desks and in `verify`. Checked over a district-like file, and for an event of another shape (the general
 * path).
 */
import { describe, expect, it } from 'vitest';
import { canonicalEventText } from '../../shared/domain/events';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { importLineSchema } from '../../server/import/import-format';
import { lineToEvents } from '../../server/import/line-to-events';
import { chainTemplate, fillChain, importContextOf, newImportNonce } from '../../server/import/prepare-line';
import { importDatasetLines } from './import-dataset';
import { importLine } from './import-lines';

const ctx = importContextOf({ procedures: seedProcedures, calendar: null, serverTime: '2024-01-02T08:00:00+07:00', nonce: newImportNonce() });
const HASH = 'ab'.repeat(32);

const eventsOf = (raw: unknown) => {
  const converted = lineToEvents(importLineSchema.parse(raw), ctx);
  if (!converted.ok) throw new Error(converted.error.message.en);
  return converted.value.events;
};

describe('chain template of an imported event', () => {
  it('fills to the canonical text of the chained event, for every event of 300 varied dossiers', () => {
    const lines = [
      ...importDatasetLines(300).map((l) => JSON.parse(l) as unknown),
      importLine({ channel: 'online', submittedAt: '2023-03-05T21:14:00+07:00', portalRef: 'G22.99-1' }),
      importLine({ reappointment: { at: '2023-03-08T11:00:00+07:00', newDueAt: '2023-03-20T17:00:00+07:00', reason: 'Cần xác minh thực địa' } }),
      // Fees paid after a re-appointment: the payment carries the appointment apart (`appointmentAt`).
      importLine({
        reappointment: { at: '2023-03-08T11:00:00+07:00', newDueAt: '2023-03-20T17:00:00+07:00', reason: 'Cần xác minh thực địa' },
        history: [
          { status: 6, at: '2023-03-09T09:00:00+07:00', amountVnd: 50000 },
          { status: 2, at: '2023-03-13T07:00:00+07:00' },
        ],
      }),
    ];
    let checked = 0;
    for (const raw of lines) {
      eventsOf(raw).forEach((event, i) => {
        const template = chainTemplate(event, ctx.holes);
        const prev = i === 0 ? null : HASH;
        expect(fillChain(template, 17 + i, prev)).toBe(canonicalEventText({ ...event, deviceSeq: 17 + i, prevHash: prev } as never));
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('takes the general path for an event with a field it does not know, with the same result', () => {
    const [event] = eventsOf(importLine());
    const other = { ...event!, note: 'trường thêm' } as typeof event & { note: string };
    const template = chainTemplate(other, ctx.holes);
    expect(fillChain(template, 1, null)).toBe(canonicalEventText({ ...other, deviceSeq: 1, prevHash: null } as never));
    expect(fillChain(template, 1, null)).toContain('"note":"trường thêm"');
  });
});
