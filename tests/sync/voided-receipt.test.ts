/**
 * An online dossier received at two desks while their link was down. The server took one reception first, and that
 * receipt's code stands; the other receipt, already handed to the citizen, does not. Its code must still find the
 * dossier: at either desk (search, and the scanner's lookup by code), and in the public lookup with that receipt's
 * own PIN, which then names the code that stands.
 */
import { expect, it, vi } from 'vitest';
import { A_MONTH_AGO, PORTAL_TOKEN } from '../server/support';
import { foldText } from '../../shared/text/fold';
import { applicant, COMMUNE_A, DESK_ADMIN, ordinaryProcedure, startSyncServer, syncAll, syncTestBed, type SyncDesk } from './support/harness';

const bed = syncTestBed({ reporting: true });

async function lookup(code: string, pin: string): Promise<{ status: number; body: string }> {
  const res = await bed.server.app.inject({
    method: 'POST',
    url: '/tra-cuu',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ma: code, pin }).toString(),
  });
  return { status: res.statusCode, body: res.body };
}

/** A portal submission received at desks a and b offline; a's reception reaches the server first. */
async function receivedAtTwoDesks() {
  const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const b = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 2 });
  const submitted = await bed.server.app.inject({
    method: 'POST',
    url: '/v1/portal/dossiers',
    headers: { authorization: `Bearer ${PORTAL_TOKEN}` },
    payload: {
      unitCode: COMMUNE_A,
      procedureCode: ordinaryProcedure.code,
      applicant: applicant(1),
      components: [],
      portalRef: 'DVC-2026-000777',
      submittedAt: `${A_MONTH_AGO}T20:15:00+07:00`,
    },
  });
  expect(submitted.statusCode).toBe(201);
  const dossierId = (submitted.json() as { dossierId: string }).dossierId;
  await syncAll([a, b]);

  // Both desks check and receive it before either has heard of the other's reception.
  const receiveAt = (d: SyncDesk) =>
    d.must('dossiers.receive', {
      dossierId,
      procedureCode: ordinaryProcedure.code,
      channel: 'online',
      applicant: applicant(1),
      components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
    });
  const first = await receiveAt(a);
  const second = await receiveAt(b);
  expect(second.code).not.toBe(first.code);
  await a.client.syncNow();
  await syncAll([b, a]);
  return { a, b, dossierId, first, second };
}

const foundBy = async (d: SyncDesk, code: string) => (await d.must('dossiers.search', { query: code, limit: 20 })).map((s) => [s.id, s.code]);

it('the receipt that does not stand still finds its dossier, at both desks and in the public lookup with its own PIN', async () => {
  const { a, b, dossierId, first, second } = await receivedAtTwoDesks();

  for (const d of [a, b]) {
    expect(await foundBy(d, second.code)).toEqual([[dossierId, first.code]]);
    // The scanner reads the voided receipt's barcode.
    const detail = await d.must('dossiers.get', { code: second.code });
    expect(detail.state).toMatchObject({ id: dossierId, code: first.code, voidedReceipts: [{ code: second.code, pin: second.pin }] });
    // The standing code is still found as before.
    expect((await d.must('dossiers.search', { query: first.code, limit: 20 })).map((s) => s.id)).toEqual([dossierId]);
  }

  // The citizen holding the voided receipt looks it up with that receipt's PIN: the dossier's status, under the code
  // that stands, said plainly.
  const voided = await lookup(second.code, second.pin);
  expect(voided.status).toBe(200);
  expect(voided.body).toContain(`Phiếu hẹn mang mã ${second.code} không có hiệu lực`);
  expect(voided.body).toContain(`<dd>${first.code}</dd>`);
  // The voided code does not open with the standing receipt's PIN (unless the two happen to be the same).
  if (first.pin !== second.pin) expect((await lookup(second.code, first.pin)).status).toBe(404);
  // The standing receipt answers as ever, without the note.
  const standing = await lookup(first.code, first.pin);
  expect(standing.status).toBe(200);
  expect(standing.body).not.toContain('không có hiệu lực');
});

it('a desk and a server that folded the dossier before the receipts were kept find it after the upgrade', async () => {
  const { b, dossierId, first, second } = await receivedAtTwoDesks();

  // Desk b as an older version left it: the state without the voided receipt, the search text without its code.
  b.desk.db
    .prepare("UPDATE dossiers SET state = json_remove(state, '$.voidedReceipts'), search_text = replace(search_text, ?, '') WHERE id = ?")
    .run(foldText(second.code), dossierId);
  expect(await foundBy(b, second.code)).toEqual([]);
  // Desk migration 023 refolds it when the desk opens.
  b.desk.db.pragma('user_version = 22');
  b.reopen();
  await b.must('auth.login', { username: DESK_ADMIN.username, password: DESK_ADMIN.password });
  await vi.waitFor(() => expect(b.desk.db.prepare('SELECT count(*) FROM sync_refold').pluck().get()).toBe(0));
  expect(await foundBy(b, second.code)).toEqual([[dossierId, first.code]]);

  // The server as report schema 4 left it: no table of voided receipts. Version 5 makes it and folds the dossier again.
  expect((await lookup(second.code, second.pin)).status).toBe(200);
  const { file, port } = bed.server;
  await bed.server.stop();
  const Database = (await import('better-sqlite3')).default;
  const raw = new Database(file);
  raw.exec("DROP TABLE report_voided_receipts; UPDATE report_meta SET value = '4' WHERE key = 'schema_version'");
  raw.close();
  const again = await startSyncServer({ file, port, reporting: true });
  try {
    const res = await again.app.inject({
      method: 'POST',
      url: '/tra-cuu',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ma: second.code, pin: second.pin }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<dd>${first.code}</dd>`);
  } finally {
    await again.stop();
  }
});
