/**
 * A reception the server refuses, with the clerk's later work on that dossier made before the answer came (offline
 * first): the later deeds are refused with it, and the desk's other work goes up behind them (DESIGN §5: a quarantined
 * event never blocks the events behind it). They used to be answered "retry: dossier unknown" for ever, and every
 * later event of the desk waited behind them, the clerk told an earlier record from another desk was missing.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { EventPayload } from '../../shared/domain/events';
import { COMMUNE_A, COMMUNE_B, ownPending, receive, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed();

/** Offline, a reception filed under another commune (as faults.test.ts writes one): the server will refuse it. */
function receiveUnderAnotherCommune(commune: SyncDesk, template: EventPayload<'dossier.received'>): string {
  const dossierId = randomUUID();
  const user = commune.desk.requireUser();
  commune.desk.db.transaction(() => {
    const event = commune.desk.events.appendLocal(
      {
        dossierId,
        type: 'dossier.received',
        payload: { ...template, unitCode: COMMUNE_B, code: `${COMMUNE_B}-${template.code.split('-')[1]}-1999` },
        baseVersion: 0,
        actor: { userId: user.id, name: user.displayName, role: user.role },
      },
      commune.deviceId,
      commune.desk.clock.iso(),
    );
    commune.desk.projector.applyLocal(undefined, event);
  })();
  return dossierId;
}

const stateOf = (d: SyncDesk, dossierId: string) =>
  d.desk.events.forDossier(dossierId, { includeQuarantined: true }).map((e) => [e.type, e.syncState, e.syncReason === null ? null : 'reason']);

describe('a refused reception with later work on its dossier', () => {
  it('refuses the later deeds with it, and the desk’s other work goes up', async () => {
    const commune = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
    const first = await receive(commune, 1);
    await commune.must('sync.now', {});
    const template = commune.desk.events.forDossier(first.dossierId)[0]!.payload as EventPayload<'dossier.received'>;
    const foreign = receiveUnderAnotherCommune(commune, template);
    // The clerk goes on with that dossier before any sync, then receives an ordinary one.
    await commune.must('dossiers.transfer', { dossierId: foreign });
    const after = await receive(commune, 2);

    await commune.must('sync.now', {});
    await commune.must('sync.now', {});
    const afterEvent = commune.desk.events.forDossier(after.dossierId)[0]!;
    expect(await bed.server.storage.eventById(afterEvent.id)).toBeDefined();
    expect(ownPending(commune)).toBe(0);
    expect(stateOf(commune, foreign)).toEqual([
      ['dossier.received', 'quarantined', 'reason'],
      ['dossier.transferred', 'quarantined', 'reason'],
    ]);
    // The transfer's refusal says why: its dossier's reception was refused.
    const transfer = commune.desk.events.forDossier(foreign, { includeQuarantined: true })[1]!;
    expect(transfer.syncReason).toContain('Hồ sơ này không có trên máy chủ: máy chủ không nhận bản ghi tạo hồ sơ của quầy này (Mã hồ sơ');
    expect(transfer.syncReason).toMatch(/\[out_of_scope\]$/);
    // Nothing of the refused dossier reached the server's store of accepted events.
    expect(await bed.server.storage.eventById(transfer.id)).toBeUndefined();
    expect((await commune.must('sync.status', {})).state).toBe('online');
  });

});
