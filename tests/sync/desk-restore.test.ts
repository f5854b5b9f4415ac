/**
 * A desk that syncs, restored from one of its own backups (its disk failed, its file was damaged): what it sent to
 * the server after that backup comes back from the server, and what it records next is accepted — not refused as a
 * reused sequence number, nothing lost, nothing doubled. Until it has caught up, it records nothing new and says why.
 */
import { describe, expect, it } from 'vitest';
import { backupCommand } from '../../cli/commands/backup';
import { DossierStatus } from '../../shared/domain/dossier';
import { randomUUID } from 'node:crypto';
import type { EventPayload } from '../../shared/domain/events';
import {
  COMMUNE_A,
  COMMUNE_B,
  DESK_ADMIN,
  DISTRICT,
  applicant,
  expectConverged,
  expectStoredExactlyOnce,
  ordinaryProcedure,
  receive,
  syncAll,
  startSyncServer,
  syncTestBed,
  type SyncDesk,
} from './support/harness';

const bed = syncTestBed();
const desk = (deskNumber: number): Promise<SyncDesk> => bed.desk({ unitCode: DISTRICT, deskNumber });
const logIn = (d: SyncDesk) => d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });

/** Restores one of the desk's backups from Settings and logs in again (a restore ends the session). */
async function restoreFromSettings(d: SyncDesk, file: string) {
  const restored = await d.must('backups.restore', { file });
  await logIn(d);
  return restored;
}

/** Two desks of the district; desk 1 received a dossier, both synced, then desk 1 was backed up. */
async function twoDesksAndABackup() {
  const a = await desk(1);
  const b = await desk(2);
  const first = await receive(a, 1);
  await syncAll([a, b]);
  const backup = await a.must('backups.create', {});
  return { a, b, first, backup };
}

describe('a syncing desk restored from its own backup', () => {
  it('gets back from the server what it sent after the backup, then records on where the server has it', async () => {
    const { a, b, first, backup } = await twoDesksAndABackup();

    // After the backup: a new dossier and an action on the first, both sent to the server.
    const second = await receive(a, 2);
    await a.must('dossiers.transfer', { dossierId: first.dossierId });
    await syncAll([a, b]);

    const restored = await restoreFromSettings(a, backup.file);
    expect(restored).toMatchObject({ chainsSound: true, catchingUp: true });
    // The restored data knows neither of them yet.
    expect((await a.call('dossiers.get', { dossierId: second.dossierId })).ok).toBe(false);

    // Nothing new is recorded before the desk has caught up: the clerk is told why and what to do.
    const early = await a.call('dossiers.receive', {
      procedureCode: ordinaryProcedure.code,
      applicant: applicant(9),
      components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
    });
    expect(early.ok).toBe(false);
    // The header and the reception screen say it before the clerk types: the status carries it, and so do the
    // desk's status events, which is what they follow.
    expect((await a.must('sync.status', {})).catchingUpAfterRestore).toBe(true);
    const events: boolean[] = [];
    a.desk.notifications.subscribe((e) => {
      if (e.type === 'sync.status') events.push(e.data.catchingUpAfterRestore === true);
    });
    if (!early.ok) {
      expect(early.error.code).toBe('restore_catching_up');
      expect(early.error.message.vi).toContain('khôi phục dữ liệu từ bản sao lưu');
      expect(early.error.message.en).toContain('restored from a backup');
    }

    await syncAll([a]);
    expect((await a.must('sync.status', {})).catchingUpAfterRestore).toBe(false);
    expect(events[0]).toBe(true);
    expect(events.at(-1)).toBe(false);
    const back = await a.must('dossiers.get', { dossierId: second.dossierId });
    expect(back.summary.code).toBe(second.code);
    expect((await a.must('dossiers.get', { dossierId: first.dossierId })).summary.status).toBe(DossierStatus.Processing);

    // Caught up: the next reception continues the desk's sequence and chain, and the server takes it.
    const third = await receive(a, 3);
    await a.must('dossiers.transfer', { dossierId: second.dossierId });
    await syncAll([a, b]);
    const status = await a.must('sync.status', {});
    expect(status).toMatchObject({ state: 'online', pending: 0, quarantined: 0 });
    expect((await b.must('dossiers.get', { dossierId: third.dossierId })).summary.code).toBe(third.code);
    expect(third.code).not.toBe(second.code);
    await expectStoredExactlyOnce(bed.server.storage, [a, b]);
    await expectConverged(bed.server.storage, [a, b]);
    expect(a.desk.verify().chains.sound).toBe(true);
  });

  it('while it cannot reach the server it records nothing, also after it is closed and opened again', async () => {
    const a = await desk(1);
    const first = await receive(a, 1);
    await syncAll([a]);
    const backup = await a.must('backups.create', {});
    await receive(a, 2);
    await syncAll([a]);
    await bed.server.stop();
    await restoreFromSettings(a, backup.file);
    await a.client.syncNow();
    const refused = await a.call('dossiers.transfer', { dossierId: first.dossierId });
    expect(refused.ok || refused.error.code).toBe('restore_catching_up');
    // The mark is in the data: a desk closed and opened again is still catching up.
    a.reopen();
    await logIn(a);
    const again = await a.call('dossiers.transfer', { dossierId: first.dossierId });
    expect(again.ok || again.error.code).toBe('restore_catching_up');
    expect((await a.must('dossiers.get', { dossierId: first.dossierId })).summary.status).toBe(DossierStatus.Received);
  });

  it('sent to a wrong address while catching up, it stays held, and catches up once given its server back', async () => {
    const { a, first, backup } = await twoDesksAndABackup();
    const second = await receive(a, 2);
    await syncAll([a]);
    await restoreFromSettings(a, backup.file);
    // The address now reaches another server (the district's IP went to another machine): it does not know the desk.
    const stranger = await startSyncServer();
    try {
      a.client.meta.serverUrl = stranger.url;
      expect((await a.must('sync.now', {})).revoked).toBe(true);
      // Recording now would reuse the numbers the district's server holds for what was sent after the backup.
      const held = await a.call('dossiers.transfer', { dossierId: first.dossierId });
      expect(held.ok || held.error.code).toBe('restore_catching_up');
    } finally {
      await stranger.close();
    }
    await a.must('sync.setServer', { serverUrl: bed.server.url });
    await syncAll([a]);
    expect((await a.must('dossiers.get', { dossierId: second.dossierId })).summary.code).toBe(second.code);
    await a.must('dossiers.transfer', { dossierId: first.dossierId });
    expect(await a.must('sync.now', {})).toMatchObject({ state: 'online', pending: 0, quarantined: 0 });
    await expectStoredExactlyOnce(bed.server.storage, [a]);
    expect(a.desk.verify().chains.sound).toBe(true);
  });

  it('revoked by its district while catching up, it records again: it can never catch up', async () => {
    const { a, first, backup } = await twoDesksAndABackup();
    await receive(a, 2);
    await syncAll([a]);
    await restoreFromSettings(a, backup.file);
    await bed.server.storage.revokeDevice(a.deviceId, new Date().toISOString());
    expect((await a.must('sync.now', {})).revoked).toBe(true);
    // Held for ever otherwise: enrolling again is refused to an enrolled desk.
    await a.must('dossiers.transfer', { dossierId: first.dossierId });
  });

  it('restored from the command line while it was closed, it also catches up before it records', async () => {
    const { a, b, first, backup } = await twoDesksAndABackup();
    const second = await receive(a, 2);
    await syncAll([a, b]);

    // The technician's way: the desk closed, `motcua backup restore`, the desk opened again. Nothing else marks it.
    const out: string[] = [];
    await a.restart(async () => {
      const io = { out: (l: string) => void out.push(l), err: (l: string) => void out.push(l) };
      expect(await backupCommand.run(['restore', '--data-dir', a.dir, '--from', backup.file], io)).toBe(0);
    });
    expect(out.join('\n')).toContain('it first fetches back what it sent after this backup');
    await logIn(a);
    const early = await a.call('dossiers.transfer', { dossierId: first.dossierId });
    expect(early.ok || early.error.code).toBe('restore_catching_up');
    expect((await a.must('sync.status', {})).errors.map((e) => e.en).join(' ')).toMatch(/restored from a backup/i);

    await syncAll([a]);
    expect((await a.must('dossiers.get', { dossierId: second.dossierId })).summary.code).toBe(second.code);
    const third = await receive(a, 3);
    await syncAll([a, b]);
    expect(await a.must('sync.status', {})).toMatchObject({ state: 'online', pending: 0, quarantined: 0 });
    expect(third.code).not.toBe(second.code);
    expect((await b.must('dossiers.get', { dossierId: third.dossierId })).summary.code).toBe(third.code);
    await expectStoredExactlyOnce(bed.server.storage, [a, b]);
    await expectConverged(bed.server.storage, [a, b]);
  });
  it('a deed the server quarantined after the backup comes back too, so the desk records on after it', async () => {
    const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
    const b = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 2 });
    const first = await receive(a, 1);
    await syncAll([a, b]);
    const backup = await a.must('backups.create', {});

    // After the backup, the desk's last deed is one the server quarantines: a reception filed under another
    // commune (a desk set up with the wrong unit writes it so). The server's chain for this desk ends with it.
    await receive(a, 2);
    const foreignId = fileUnderAnotherCommune(a, first.dossierId);
    await syncAll([a]);
    expect((await a.must('sync.status', {})).quarantined).toBe(1);

    await restoreFromSettings(a, backup.file);
    await syncAll([a]);
    // The quarantined deed is back on the desk, shown with the server's reason.
    const back = a.desk.events.forDossier(foreignId, { includeQuarantined: true });
    expect(back.map((e) => e.syncState)).toEqual(['quarantined']);
    expect(back[0]!.syncReason).toContain('out_of_scope');
    expect((await a.must('sync.status', {})).quarantined).toBe(1);

    // And the next deed follows it: accepted, not refused as a reused number.
    const third = await receive(a, 3);
    await syncAll([a, b]);
    expect(await a.must('sync.status', {})).toMatchObject({ state: 'online', pending: 0, quarantined: 1 });
    expect((await b.must('dossiers.get', { dossierId: third.dossierId })).summary.code).toBe(third.code);
    expect(a.desk.verify().chains.sound).toBe(true);
    await expectConverged(bed.server.storage, [a, b]);
  });
  it('a deed the server could not even read (invalid, its hash wrong too) comes back as it is, and the pull goes on', async () => {
    const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
    const first = await receive(a, 1);
    await syncAll([a]);
    const backup = await a.must('backups.create', {});
    // A withdrawal whose stored payload got damaged before it was sent: the server cannot parse it (invalid_event),
    // and its hash no longer matches what is stored.
    await a.must('dossiers.withdraw', { dossierId: first.dossierId, reason: 'Công dân xin rút' });
    const withdrawal = a.desk.events.forDossier(first.dossierId).at(-1)!;
    a.desk.db.prepare("UPDATE events SET payload = '{}' WHERE id = ?").run(withdrawal.id);
    await syncAll([a]);
    expect((await a.must('sync.status', {})).quarantined).toBe(1);

    await restoreFromSettings(a, backup.file);
    await syncAll([a]);
    const status = await a.must('sync.status', {});
    expect(status).toMatchObject({ state: 'online', quarantined: 1 });
    const back = a.desk.events.forDossier(first.dossierId, { includeQuarantined: true }).find((e) => e.id === withdrawal.id);
    expect(back?.syncReason).toContain('invalid_event');
    // Caught up: the desk records again, and the server takes it.
    const next = await receive(a, 2);
    await syncAll([a]);
    expect((await a.must('sync.status', {})).pending).toBe(0);
    expect(await bed.server.storage.eventById(a.desk.events.forDossier(next.dossierId)[0]!.id)).toBeDefined();
  });

  it("restored from a backup taken before its first deed, it counts on its dossiers the deeds the server quarantined", async () => {
    const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
    // Its first night's backup, before it had recorded anything: restored, its log is empty, as a new desk's.
    const backup = await a.must('backups.create', {});
    const first = await receive(a, 1);
    await syncAll([a]);
    await a.must('dossiers.withdraw', { dossierId: first.dossierId, reason: 'Công dân xin rút' });
    const withdrawal = a.desk.events.forDossier(first.dossierId).at(-1)!;
    a.desk.db.prepare("UPDATE events SET payload = '{}' WHERE id = ?").run(withdrawal.id);
    await syncAll([a]);
    const quarantinedRow = () =>
      a.desk.db.prepare('SELECT status, quarantined_events FROM dossiers WHERE id = ?').get(first.dossierId);
    const before = quarantinedRow();
    expect(before).toMatchObject({ quarantined_events: 1 });

    await restoreFromSettings(a, backup.file);
    await syncAll([a]);
    // The dossier's row says so again (the list of dossiers with a deed the server did not take shows it), as a
    // fold of the desk's log gives it: the pull's own fold of the reception must not leave the withdrawal out.
    expect(quarantinedRow()).toEqual(before);
    const rows = () => a.desk.db.prepare('SELECT * FROM dossiers ORDER BY id').all();
    const pulled = rows();
    a.desk.projector.rebuildAll();
    expect(rows()).toEqual(pulled);
  });
});

/** Records, as desk `d`, a reception of a new dossier under COMMUNE_B (outside its scope); returns its id. */
function fileUnderAnotherCommune(d: SyncDesk, templateDossierId: string): string {
  const template = d.desk.events.forDossier(templateDossierId)[0]!.payload as EventPayload<'dossier.received'>;
  const user = d.desk.requireUser();
  const id = randomUUID();
  d.desk.db.transaction(() => {
    const event = d.desk.events.appendLocal(
      {
        dossierId: id,
        type: 'dossier.received',
        payload: { ...template, unitCode: COMMUNE_B, code: `${COMMUNE_B}-${template.code.split('-')[1]}-1999` },
        baseVersion: 0,
        actor: { userId: user.id, name: user.displayName, role: user.role },
      },
      d.deviceId,
      d.desk.clock.iso(),
    );
    d.desk.projector.applyLocal(undefined, event);
  })();
  return id;
}
