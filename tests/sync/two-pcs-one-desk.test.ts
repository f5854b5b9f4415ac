/**
 * Two PCs working as one desk: the desk's data folder copied to a second PC (a disk image, a copy by hand), both
 * then receiving citizens. They number their records alike and give the same dossier codes. The server keeps the
 * first PC's; the second PC is told, records nothing more and sends nothing more, so the first goes on undisturbed
 * and no second dossier under one of its codes reaches the district.
 */
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DESK_ADMIN,
  DISTRICT,
  applicant,
  expectStoredExactlyOnce,
  ordinaryProcedure,
  receive,
  syncAll,
  syncTestBed,
  type SyncDesk,
} from './support/harness';
import { tempFolder } from '../support/temp-folders';
import { motcua } from '../support/cli';
import { serverCommand } from '../../cli/commands/server';
import { admin } from '../server/support';

const bed = syncTestBed();

const logIn = (d: SyncDesk) => d.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });

/** `desk`'s data folder copied, while it is closed, and opened as another PC of the same desk. */
async function copyOf(desk: SyncDesk): Promise<SyncDesk> {
  const dir = tempFolder('motcua-copied-desk-');
  await desk.restart(() => cpSync(desk.dir, dir, { recursive: true }));
  await logIn(desk);
  const copy = await bed.desk({ unitCode: DISTRICT, deskNumber: 1, dir });
  expect(copy.deviceId).toBe(desk.deviceId);
  return copy;
}

/** Desk 1 of the district, synced, and a copy of its data folder opened as a second PC. */
async function deskAndItsCopy(): Promise<{ first: SyncDesk; copy: SyncDesk; colleague: SyncDesk }> {
  const first = await bed.desk({ unitCode: DISTRICT, deskNumber: 1 });
  const colleague = await bed.desk({ unitCode: DISTRICT, deskNumber: 2 });
  await receive(first, 1);
  await syncAll([first, colleague]);
  return { first, copy: await copyOf(first), colleague };
}

/** Both receive a citizen, the first PC syncs first: the copy is told. */
async function forkedOnce(first: SyncDesk, copy: SyncDesk): Promise<void> {
  await receive(first, 2);
  await receive(copy, 12);
  await syncAll([first, copy]);
  expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBe(true);
}

const newReception = (d: SyncDesk, n: number) =>
  d.call('dossiers.receive', {
    procedureCode: ordinaryProcedure.code,
    applicant: applicant(n),
    components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
  });

describe('two PCs working as one desk', () => {
  it('the second to reach the server is told, stops recording and sending, and the first goes on', async () => {
    const { first, copy, colleague } = await deskAndItsCopy();

    // Both receive citizens while apart: the same codes come out of both.
    const ours = [await receive(first, 2), await receive(first, 3)];
    const theirs = [await receive(copy, 12), await receive(copy, 13), await receive(copy, 14)];
    expect(theirs.slice(0, 2).map((d) => d.code)).toEqual(ours.map((d) => d.code));

    await syncAll([first]);
    const stored = await bed.server.storage.countEvents();
    const theirsFirstSeq = Math.min(...copy.desk.events.forDossier(theirs[0]!.dossierId).map((e) => e.deviceSeq));
    await syncAll([copy]);

    // The copy is told, in both languages, and records nothing more.
    const status = await copy.must('sync.status', {});
    expect(status.identityInUseElsewhere).toBe(true);
    expect(status.message?.vi).toContain('hai máy tính đang cùng làm một quầy');
    expect(status.message?.en).toContain('two PCs are working as one desk');
    // Not told that its other changes still sync beside that: it sends nothing more.
    expect(status.errors.map((e) => e.en).join(' ')).not.toContain('Other changes still sync');
    const refused = await newReception(copy, 15);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('identity_in_use_elsewhere');
      expect(refused.error.message.vi).toContain('đăng ký lại thành một quầy mới');
      expect(refused.error.message.en).toContain('enrolled again as a new desk');
    }
    // Its first two receptions were refused (their numbers and codes are the first PC's); the third was not taken
    // either, and nothing it holds was stored.
    expect(await bed.server.storage.countEvents()).toBe(stored);
    expect(status.quarantined).toBe(2);
    expect(status.pending).toBe(1);

    // The administrator sees it in the list of desks, over HTTP and on the command line, with where to read on.
    const listed = (await admin(bed.server.app, 'GET', '/v1/admin/desks')).json() as {
      desks: { deviceId: string; secondPcSeen: { deviceSeq: number; at: string } | null }[];
    };
    const shown = listed.desks.find((d) => d.deviceId === first.deviceId)!;
    expect(shown.secondPcSeen?.deviceSeq).toBe(theirsFirstSeq);
    expect(listed.desks.find((d) => d.deviceId === colleague.deviceId)!.secondPcSeen).toBeNull();
    const cli = await motcua(serverCommand, 'list-desks', '--db', bed.server.file);
    expect(cli.code).toBe(0);
    expect(cli.out).toContain(`⚠ Hai máy tính đang làm quầy này`);
    expect(cli.out).toContain(`số thứ tự ${theirsFirstSeq}`);
    expect(cli.out).toContain('Two PCs working as one desk');
    expect(cli.out.match(/Hai máy tính/g)).toHaveLength(1);

    // The first PC goes on as the desk: its next work is taken, and its colleague sees all of it and none of the
    // copy's.
    const later = await receive(first, 4);
    await syncAll([first, colleague, copy]);
    expect(await first.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
    expect((await first.must('sync.status', {})).identityInUseElsewhere).toBeUndefined();
    for (const d of [...ours, later]) {
      expect((await colleague.must('dossiers.get', { dossierId: d.dossierId })).summary.code).toBe(d.code);
    }
    for (const d of theirs) expect((await colleague.call('dossiers.get', { dossierId: d.dossierId })).ok).toBe(false);
    await expectStoredExactlyOnce(bed.server.storage, [first, colleague]);

    // Closed and opened again, the copy still holds back: the mark is in its data.
    copy.reopen();
    await logIn(copy);
    await syncAll([copy]);
    expect((await newReception(copy, 16)).ok).toBe(false);
    expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBe(true);
    expect(await first.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
  });

  it('a copy that reaches the server first keeps the desk, and the original PC is the one told', async () => {
    const { first, copy } = await deskAndItsCopy();
    await receive(copy, 12);
    await receive(first, 2);
    await syncAll([copy]);
    await syncAll([first]);
    expect((await first.must('sync.status', {})).identityInUseElsewhere).toBe(true);
    expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBeUndefined();
    expect((await newReception(copy, 13)).ok).toBe(true);
    await syncAll([copy]);
    expect(await copy.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
  });

  it('a record refused so before, sent again (as after a restore of the server), does not mark a desk', async () => {
    const { first, copy } = await deskAndItsCopy();
    await forkedOnce(first, copy);
    // As a desk of the previous release left it: the record refused, no mark. Then every record sent again from
    // the first, as after a new epoch (sync/epoch.ts).
    copy.desk.db.prepare("DELETE FROM sync_meta WHERE key = 'identityInUseElsewhere'").run();
    copy.client.meta.resendFrom = 1;
    await syncAll([copy]);
    const status = await copy.must('sync.status', {});
    expect(status.identityInUseElsewhere).toBeUndefined();
    expect(status.quarantined).toBe(1);
    expect(copy.client.meta.resendFrom).toBeNull();
  });

  it('a PC told restores a backup of its own from before: it stays told, and does not catch up as the desk', async () => {
    const { first, copy } = await deskAndItsCopy();
    const backup = await copy.must('backups.create', {});
    await forkedOnce(first, copy);

    await copy.must('backups.restore', { file: backup.file });
    await logIn(copy);
    expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBe(true);
    expect((await newReception(copy, 13)).ok).toBe(false);
    const stored = await bed.server.storage.countEvents();
    await syncAll([copy]);
    expect(await bed.server.storage.countEvents()).toBe(stored);
  });

  it('a PC copied again, after a first fork, is told in its turn, and the PC that kept the desk goes on (QA)', async () => {
    const { first, copy } = await deskAndItsCopy();
    await forkedOnce(first, copy);

    // The PC that kept the desk is copied once more (the same disk image on a third PC), and both receive.
    const third = await copyOf(first);
    const kept = await receive(first, 3);
    const theirs = [await receive(third, 21), await receive(third, 22), await receive(third, 23)];
    await syncAll([first]);
    await syncAll([third]);
    expect((await third.must('sync.status', {})).identityInUseElsewhere).toBe(true);

    // None of the third PC's dossiers reached the district; the first PC's next one is taken.
    const later = await receive(first, 4);
    await syncAll([first]);
    expect(await first.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
    expect((await first.must('sync.status', {})).identityInUseElsewhere).toBeUndefined();
    const codes = new Set((await bed.server.storage.pull(DISTRICT, 'someone-else', 0, 1000)).events.filter((e) => e.type === 'dossier.received').map((e) => (e.payload as { code: string }).code));
    for (const d of [kept, later]) expect(codes.has(d.code)).toBe(true);
    // The third PC's receptions carry codes the first PC gave too: none of its dossiers is on the server.
    const dossiersHeld = new Set((await bed.server.storage.pull(DISTRICT, 'someone-else', 0, 1000)).events.map((e) => e.dossierId));
    expect(theirs.filter((d) => dossiersHeld.has(d.dossierId))).toEqual([]);
    const list = await motcua(serverCommand, 'list-desks', '--db', bed.server.file);
    expect(list.out).toContain('Lần gần nhất lúc');
  });

  it('once the PC told is a new desk, the command the warning names clears it, until another PC works as the desk', async () => {
    const { first, copy } = await deskAndItsCopy();
    await forkedOnce(first, copy);
    const warned = await motcua(serverCommand, 'list-desks', '--db', bed.server.file);
    // The technician copies the command printed under the desk, as it is.
    const printed = warned.out.match(/chạy motcua server (second-pc-handled .*?)\.$/m)?.[1];
    expect(printed).toBe(`second-pc-handled --db ${bed.server.file} --device ${first.deviceId}`);
    const done = await motcua(serverCommand, ...printed!.split(' '));
    expect(done.code).toBe(0);
    expect(done.out).toContain(`list-desks --db ${bed.server.file} không còn cảnh báo về nó`);
    expect(done.out).toContain(`list-desks --db ${bed.server.file} no longer warns about it`);

    const cleared = await motcua(serverCommand, 'list-desks', '--db', bed.server.file);
    expect(cleared.out).toContain(`device ${first.deviceId}`);
    expect(cleared.out).not.toContain('⚠');
    const listed = (await admin(bed.server.app, 'GET', '/v1/admin/desks')).json() as {
      desks: { deviceId: string; secondPcSeen: unknown }[];
    };
    expect(listed.desks.find((d) => d.deviceId === first.deviceId)!.secondPcSeen).toBeNull();

    // The PC that kept the desk goes on, and the PC told, reopened, still holds back: no warning comes back.
    await receive(first, 3);
    copy.reopen();
    await logIn(copy);
    await syncAll([first, copy]);
    expect(await first.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
    expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBe(true);
    expect((await motcua(serverCommand, 'list-desks', '--db', bed.server.file)).out).not.toContain('⚠');

    // The desk copied once more: warned again, about the new PC only.
    const third = await copyOf(first);
    await receive(first, 4);
    await receive(third, 41);
    await syncAll([first]);
    await syncAll([third]);
    expect((await third.must('sync.status', {})).identityInUseElsewhere).toBe(true);
    const again = await motcua(serverCommand, 'list-desks', '--db', bed.server.file);
    expect(again.out.match(/⚠ Hai máy tính đang làm quầy này/g)).toHaveLength(1);
    expect(again.out).not.toContain('Lần gần nhất');
  });

  it("a PC told restoring another desk's backup is not told: the mark belongs to the identity it was found under (QA)", async () => {
    const { first, copy } = await deskAndItsCopy();
    const other = await bed.desk({ unitCode: DISTRICT, deskNumber: 3 });
    await receive(other, 31);
    const othersBackup = await other.must('backups.create', {});
    await forkedOnce(first, copy);

    await copy.must('backups.restore', { file: othersBackup.file });
    await logIn(copy);
    expect((await copy.must('sync.status', {})).identityInUseElsewhere).toBeUndefined();
  });
});
