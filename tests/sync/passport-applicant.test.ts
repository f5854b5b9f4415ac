/**
 * A foreigner (or a citizen living abroad) received by passport: the desk records the passport's number as such, the
 * server takes the reception (not quarantined as a wrong CCCD), and a second desk of the unit finds the dossier by
 * that number and shows it as a passport's. The portal may send one too.
 */
import { expect, it } from 'vitest';
import { A_MONTH_AGO, portalSubmission } from '../server/support';
import { COMMUNE_A, makeSyncDesk, ordinaryProcedure, startSyncServer, syncAll, syncTestBed } from './support/harness';

const bed = syncTestBed();

const foreigner = { kind: 'person' as const, name: 'John Smith', idKind: 'passport' as const, idNumber: 'c 123 4567' };

it('a dossier received by passport reaches the server and the unit’s other desk, found there by the passport number', async () => {
  const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const b = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 2 });
  const receipt = await a.must('dossiers.receive', {
    procedureCode: ordinaryProcedure.code,
    channel: 'in_person',
    applicant: foreigner,
    components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  await syncAll([a, b]);

  const status = await a.must('sync.status', {});
  expect(status).toMatchObject({ pending: 0, quarantined: 0 });
  const found = await b.must('dossiers.search', { query: 'C1234567', limit: 10 });
  expect(found.map((s) => s.code)).toEqual([receipt.code]);
  // Typed as printed, in groups or with hyphens, in either case (QA).
  for (const query of ['c 123 4567', 'C-123-4567', 'c1234567']) {
    expect((await b.must('dossiers.search', { query, limit: 10 })).map((s) => s.code)).toEqual([receipt.code]);
  }
  const detail = await b.must('dossiers.get', { code: receipt.code });
  expect(detail.state.applicant).toEqual({ kind: 'person', name: 'John Smith', idKind: 'passport', idNumber: 'C1234567' });
});

it('a wrong passport number is refused at the desk, in both languages, and nothing is recorded', async () => {
  const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const refused = await a.call('dossiers.receive', {
    procedureCode: ordinaryProcedure.code,
    channel: 'in_person',
    applicant: { ...foreigner, idNumber: 'ABCDEFGH' },
    components: [],
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'validation', field: 'applicant.idNumber', message: { vi: expect.stringContaining('Số hộ chiếu'), en: expect.stringContaining('passport number') } } });
  expect(await a.must('dossiers.search', { query: 'John Smith', limit: 10 })).toEqual([]);
});

it('the portal may send an applicant with a passport, and the unit’s desk receives it as one', async () => {
  const a = await bed.desk({ unitCode: COMMUNE_A, deskNumber: 1 });
  const anna = { kind: 'person', name: 'Anna Müller', idKind: 'passport', idNumber: 'C01X00T47' };
  const submitted = await portalSubmission(bed.server.app, 'DVC-2026-000901', ordinaryProcedure.code, COMMUNE_A, `${A_MONTH_AGO}T20:15:00+07:00`, anna);
  expect(submitted.statusCode).toBe(201);
  await syncAll([a]);
  const found = await a.must('dossiers.search', { query: 'c01x00t47', limit: 10 });
  expect(found).toHaveLength(1);
  const detail = await a.must('dossiers.get', { dossierId: found[0]!.id });
  expect(detail.state.applicant).toMatchObject({ idKind: 'passport', idNumber: 'C01X00T47' });
});

it('a server of the previous release refuses this desk whole, in plain words, and the passport reception waits, not refused', async () => {
  const current = await startSyncServer();
  const d = await makeSyncDesk(current, { unitCode: COMMUNE_A, deskNumber: 3 });
  const receipt = await d.must('dossiers.receive', {
    procedureCode: ordinaryProcedure.code,
    channel: 'in_person',
    applicant: foreigner,
    components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
  });
  await current.stop();
  // The same database and address, served by a release that speaks protocol 1 only.
  const previous = await startSyncServer({ file: current.file, port: current.port, protocolVersions: [1] });
  await d.client.syncNow();
  const refused = await d.must('sync.status', {});
  expect(refused).toMatchObject({ pending: 1, quarantined: 0 });
  expect(refused.message?.vi).toContain('Máy chủ huyện đang dùng phiên bản phần mềm cũ hơn quầy này');
  expect(refused.message?.en).toContain('Ask the administrator to upgrade the server');
  await previous.stop();

  const upgraded = await startSyncServer({ file: current.file, port: current.port });
  await d.client.syncNow();
  expect(await d.must('sync.status', {})).toMatchObject({ pending: 0, quarantined: 0 });
  expect(await upgraded.storage.syncTransaction((tx) => tx.dossierIdByCode(receipt.code))).toBeTruthy();
  await d.close();
  await upgraded.stop();
});

it('a desk of this release enrolling at a server of the previous release is told the server is older, and nothing changes', async () => {
  const current = await startSyncServer();
  const { enrolmentCode } = await current.createDesk(COMMUNE_A, 4);
  await current.stop();
  const previous = await startSyncServer({ file: current.file, port: current.port, protocolVersions: [1] });
  const d = await makeSyncDesk(previous, { unitCode: COMMUNE_A, deskNumber: 4, enrol: false });
  const refused = await d.call('sync.enrol', { serverUrl: previous.url, code: enrolmentCode });
  expect(refused).toMatchObject({ ok: false, error: { code: 'protocol_unsupported', field: 'serverUrl' } });
  if (!refused.ok) expect(refused.error.message.vi).toContain('dùng phiên bản phần mềm cũ hơn quầy này');
  expect(d.desk.identity()).toBeNull();
  await d.close();
  await previous.stop();
});
