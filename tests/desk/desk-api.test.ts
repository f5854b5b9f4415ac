import { afterEach, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { ADMIN, UNIT, allPresent, applicant, makeTestDesk, ordinaryProcedure, submittedOnline, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('desk API', () => {
  it('reports the app version and the desk identity', async () => {
    t = await makeTestDesk();
    const info = await t.must('app.info', {});
    expect(info).toMatchObject({ unitCode: UNIT, deskNumber: 2 });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.deviceId).toBe(t.desk.identity()!.deviceId);
  });

  it('keeps the desk identity once dossiers exist under it', async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
    const moved = await t.call('app.setIdentity', { unitCode: UNIT, deskNumber: 3 });
    expect(moved.ok ? null : moved.error.code).toBe('identity_in_use');
  });

  it('receives a dossier submitted online after checking it at the desk', async () => {
    t = await makeTestDesk();
    const id = '0194f3a2-7c4e-7d3b-9a51-3f1f6a7e2b11';
    t.desk.db.transaction(() => {
      t!.desk.events.insertFromServer(submittedOnline(id));
      t!.desk.projector.refresh(id);
    })();
    const waiting = await t.must('dossiers.list', { status: [1] });
    expect(waiting.items.map((d) => d.id)).toEqual([id]);
    expect(waiting.items[0]!.syncState).toBe('synced');
    const p = ordinaryProcedure();
    const receipt = await t.must('dossiers.receive', { dossierId: id, procedureCode: p.code, applicant: applicant('Vũ Thị Lan', '001203007777'), components: allPresent(p) });
    expect(receipt.dossier).toMatchObject({ id, status: 2, channel: 'online', syncState: 'pending' });
    expect(receipt.code).toMatch(/^000\.00\.06\.H56-261127-2\d{3}$/);
  });

  it('reads and changes settings (administrators only), and validates them', async () => {
    t = await makeTestDesk();
    expect(await t.must('settings.get', {})).toMatchObject({ dailyBackup: true, dueSoonWorkingHours: 8, language: 'vi' });
    const changed = await t.must('settings.set', { dueSoonWorkingHours: 16, publicLookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' });
    expect(changed.dueSoonWorkingHours).toBe(16);
    t.reopen();
    await t.must('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.must('settings.get', {})).publicLookupUrl).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    await t.must('users.create', { username: 'canbo1', displayName: 'Cán bộ', role: 'clerk', password: 'mat-khau-456' });
    await t.must('auth.logout', {});
    await t.must('auth.login', { username: 'canbo1', password: 'mat-khau-456' });
    const denied = await t.call('settings.set', { language: 'en' });
    expect(denied.ok ? null : denied.error.code).toBe('forbidden');
  });

  it("reports this desk's unsent events as the outbox until a sync client is attached", async () => {
    t = await makeTestDesk();
    const p = ordinaryProcedure();
    const r = await t.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(), components: allPresent(p) });
    await t.must('dossiers.transfer', { dossierId: r.dossier.id });
    expect(await t.must('sync.status', {})).toMatchObject({ online: false, pending: 2, quarantined: 0, lastSyncAt: null });
    // The server refuses the transfer; the reception stays pending.
    const [, transfer] = t.desk.events.outbox(t.desk.identity()!.deviceId, 2);
    t.desk.events.markQuarantined(transfer!.id, 'not in this desk’s scope');
    expect(await t.must('sync.status', {})).toMatchObject({ pending: 1, quarantined: 1 });
    t.desk.db.transaction(() => t!.desk.projector.refresh(r.dossier.id))();
    expect((await t.must('dossiers.list', { syncState: 'quarantined' })).items.map((d) => d.id)).toEqual([r.dossier.id]);
    expect((await t.must('dossiers.list', { syncState: 'pending' })).items).toEqual([]);
    // Quarantined events are shown in the timeline but not folded: the dossier is back to received.
    const detail = await t.must('dossiers.get', { dossierId: r.dossier.id });
    expect(detail.summary.status).toBe(2);
    expect(detail.timeline.map((e) => e.syncState)).toEqual(['pending', 'quarantined']);
  });

  it('lists and searches the procedure catalog seeded on first open', async () => {
    t = await makeTestDesk();
    const all = await t.must('catalog.procedures', {});
    expect(all.length).toBeGreaterThanOrEqual(35);
    const found = await t.must('catalog.search', { query: 'khai sinh' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((p) => /khai sinh/i.test(p.name.normalize('NFD').replace(/\p{M}/gu, '')))).toBe(true);
  });

  it('searches the catalog a newer version brought, not the one the desk held before', async () => {
    t = await makeTestDesk();
    const codes = async (query: string) => (await t!.must('catalog.search', { query })).map((p) => p.code);
    const [renamed, ...others] = seedProcedures;
    expect(await codes('ho tich mau moi')).toEqual([]);
    // Searched once before, so the desk has the old catalog in hand when the new one comes.
    t.desk.catalog.take([{ ...renamed!, name: 'Thủ tục hộ tịch mẫu mới' }, ...others], 'server');
    expect(await codes('ho tich mau moi')).toEqual([renamed!.code]);
    expect(await codes(renamed!.name)).not.toContain(renamed!.code);
    // A version without it retires it: it is not offered any more.
    t.desk.catalog.take(others, 'server');
    expect(await codes('ho tich mau moi')).toEqual([]);
  });
});
