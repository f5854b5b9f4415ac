/**
 * An imported dossier re-appointed (form 04) and then paused for fees: as at the desk (dossier-commands.ts
 * feesPaid), the legal due carries the legal time that was left and the appointment its own, so the reports judge
 * by the law and the applicant keeps the later date promised.
 */
import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { DossierEvent } from '../../shared/domain/events';
import { projectDossier } from '../../shared/domain/lifecycle';
import { importLineSchema } from '../../server/import/import-format';
import { lineToEvents } from '../../server/import/line-to-events';
import { importContextOf, newImportNonce } from '../../server/import/prepare-line';
import { importLine } from './import-lines';

const ctx = importContextOf({ procedures: seedProcedures, calendar: null, serverTime: '2024-01-02T08:00:00+07:00', nonce: newImportNonce() });

describe('an imported fee payment after a re-appointment', () => {
  it('carries the legal due and the appointment apart', () => {
    // Received Monday 6 March 2023 09:00, due Thursday 9 March 17:00; re-appointed to Monday 20 March 17:00.
    const line = importLine({
      reappointment: { at: '2023-03-08T11:00:00+07:00', newDueAt: '2023-03-20T17:00:00+07:00', reason: 'Cần xác minh thực địa' },
      history: [
        { status: 4, at: '2023-03-06T10:00:00+07:00', agency: 'Phòng Tư pháp cấp huyện' },
        // Thursday 9 March 09:00: 6 office hours of the legal time left, 62 of the appointment's; paid Monday 07:00.
        { status: 6, at: '2023-03-09T09:00:00+07:00', amountVnd: 50000 },
        { status: 4, at: '2023-03-13T07:00:00+07:00' },
      ],
    });
    const converted = lineToEvents(importLineSchema.parse(line), ctx);
    if (!converted.ok) throw new Error(converted.error.message.en);
    // The fold reads no chain field: the import device numbers and hashes the events when it writes them.
    const events = converted.value.events.map((e, i) => ({ ...e, deviceSeq: i + 1, prevHash: null, hash: 'ab'.repeat(32) }));
    const state = projectDossier(events as DossierEvent[])!;
    expect(state.originalDueAt).toBe('2023-03-13T15:00:00+07:00');
    expect(state.dueAt).toBe('2023-03-22T15:00:00+07:00');
  });
});
