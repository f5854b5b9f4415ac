/**
 * The portal's reference names one dossier. Sending it again unchanged gets the dossier already made (the portal
 * retried); sending it for another unit, another procedure or with other content (a corrected applicant, other
 * papers) is refused with 409 and stores nothing, instead of answering "done" with a dossier that is not what was
 * sent. "Unchanged" is judged on the content as the server stores it: the same bytes again, the same JSON with its
 * keys in another order, or a value written another way that is stored the same (a phone with spaces) is a retry.
 * On SQLite and PostgreSQL: the comparison reads the stored event back from the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../server/storage/open';
import { startPgCluster, type PgCluster } from '../support/pg';
import { A_MONTH_AGO, CITIZEN, COMMUNE_A, COMMUNE_B, PORTAL_TOKEN, seedUnits, SimDesk, startTestServer, type TestServer } from './support';

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

const backends = [
  { name: 'SQLite', storage: async () => undefined },
  {
    name: 'PostgreSQL',
    storage: async () => {
      cluster ??= await startPgCluster();
      return openStorage({ kind: 'postgres', url: await cluster.createDatabase() });
    },
  },
];

const submission = {
  unitCode: COMMUNE_A,
  procedureCode: '1.001612.000.00.00.H56',
  applicant: CITIZEN,
  components: [],
  portalRef: 'DVC-2026-004242',
  submittedAt: `${A_MONTH_AGO}T20:15:00+07:00`,
};
const paper = {
  componentId: 'giay-de-nghi',
  name: 'Giấy đề nghị đăng ký hộ kinh doanh',
  form: 'original',
  copies: 1,
  present: true,
  attachmentSha256: 'a'.repeat(64),
};

/** The same JSON with the keys of every object in reverse order. */
const reversedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversedKeys)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)]))
      : value;

describe.each(backends)('a portal reference sent again, on $name', (backend) => {
  let server: TestServer;
  const lines: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({
      storage: await backend.storage(),
      logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } },
    });
    await seedUnits(server.app);
  }, 60_000);
  afterAll(() => server.close());

  const submit = (payload: object | string) =>
    server.app.inject({
      method: 'POST',
      url: '/v1/portal/dossiers',
      headers: { authorization: `Bearer ${PORTAL_TOKEN}`, 'content-type': 'application/json' },
      payload,
    });

  it('for another unit or another procedure is refused with 409, in Vietnamese and English, and nothing is stored', async () => {
    const deskB = await SimDesk.enrol(server.app, COMMUNE_B, 1);
    const first = await submit(submission);
    expect(first.statusCode).toBe(201);
    const events = await server.storage.countEvents();

    const otherUnit = await submit({ ...submission, unitCode: COMMUNE_B });
    expect(otherUnit.statusCode).toBe(409);
    expect(otherUnit.json()).toMatchObject({
      error: {
        code: 'portal_ref_conflict',
        message: {
          vi: 'Mã tham chiếu DVC-2026-004242 của cổng đã được dùng cho một hồ sơ khác đơn vị với lần nộp này. Không có gì được lưu; hãy kiểm tra lại mã tham chiếu.',
          en: 'The portal reference DVC-2026-004242 already belongs to a dossier with a different unit from this submission. Nothing was stored; check the reference.',
        },
        details: { differs: ['unitCode'] },
      },
    });
    // Commune B's desk is not handed commune A's dossier, and no event was added.
    expect(otherUnit.body).not.toContain(first.json().dossierId);
    expect(await deskB.pullAll()).toEqual([]);

    const otherProcedure = await submit({ ...submission, procedureCode: '1.001193.000.00.00.H56' });
    expect(otherProcedure.statusCode).toBe(409);
    expect(otherProcedure.json().error.details).toEqual({ differs: ['procedureCode'] });
    expect(otherProcedure.json().error.message.vi).toContain('khác thủ tục');
    expect(await server.storage.countEvents()).toBe(events);
  });

  it('unchanged gets the dossier already made, as before', async () => {
    const again = await submit(submission);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false });
    const fresh = await submit({ ...submission, portalRef: 'DVC-2026-004243' });
    expect(fresh.statusCode).toBe(201);
    expect((await submit({ ...submission, portalRef: 'DVC-2026-004243' })).json().dossierId).toBe(fresh.json().dossierId);
  });

  it('byte for byte, with its keys in another order, or written another way that is stored the same, is a retry', async () => {
    const request = JSON.stringify({ ...submission, components: [paper], portalRef: 'DVC-2026-004244' });
    const first = await submit(request);
    expect(first.statusCode).toBe(201);
    const events = await server.storage.countEvents();
    const sameDossier = { statusCode: 200, dossierId: first.json().dossierId };
    const answer = async (payload: object | string) => {
      const res = await submit(payload);
      return { statusCode: res.statusCode, dossierId: res.json().dossierId };
    };

    expect(await answer(request)).toEqual(sameDossier);
    expect(await answer(reversedKeys(JSON.parse(request)) as object)).toEqual(sameDossier);
    // Stored trimmed and in NFC, the phone in its national form, the reference trimmed; the same instant.
    const writtenOtherwise = {
      ...(JSON.parse(request) as typeof submission),
      applicant: { ...CITIZEN, name: ` ${CITIZEN.name.normalize('NFD')} `, phone: '+84 912 345 678' },
      portalRef: ' DVC-2026-004244 ',
      submittedAt: `${A_MONTH_AGO}T20:15:00.000+07:00`,
    };
    expect(await answer(writtenOtherwise)).toEqual(sameDossier);
    expect(await server.storage.countEvents()).toBe(events);
  });

  it('with the same papers listed in another order is a retry', async () => {
    const second = { ...paper, componentId: 'hop-dong-thue', name: 'Hợp đồng thuê, mượn địa điểm kinh doanh', form: 'copy', attachmentSha256: 'c'.repeat(64) };
    const original = { ...submission, components: [paper, second], portalRef: 'DVC-2026-004246' };
    const first = await submit(original);
    expect(first.statusCode).toBe(201);
    const events = await server.storage.countEvents();
    const reordered = await submit({ ...original, components: [second, paper] });
    expect([reordered.statusCode, reordered.json().dossierId]).toEqual([200, first.json().dossierId]);
    expect(await server.storage.countEvents()).toBe(events);
  });

  it('with a corrected applicant, other papers or another time is refused with 409 naming what differs, never the values', async () => {
    const desk = await SimDesk.enrol(server.app, COMMUNE_A, 2);
    await desk.pullAll();
    const original = { ...submission, components: [paper], portalRef: 'DVC-2026-004245' };
    const first = await submit(original);
    expect(first.statusCode).toBe(201);
    const events = await server.storage.countEvents();

    const newName = 'Nguyễn Văn Đực';
    const renamed = await submit({ ...original, applicant: { ...CITIZEN, name: newName } });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json()).toEqual({
      error: {
        code: 'portal_ref_conflict',
        message: {
          vi: 'Mã tham chiếu DVC-2026-004245 của cổng đã được dùng cho một hồ sơ đã nộp; lần nộp này khác hồ sơ đó ở: tên người nộp. Không có gì được lưu và hồ sơ đã nộp giữ nguyên: nộp lại không sửa được hồ sơ. Hãy kiểm tra lại mã tham chiếu; muốn sửa hồ sơ đã nộp, hãy liên hệ bộ phận một cửa của đơn vị.',
          en: "The portal reference DVC-2026-004245 already belongs to a submitted dossier; this submission differs from it in: the applicant's name. Nothing was stored and the submitted dossier is unchanged: submitting again does not correct a dossier. Check the reference; to correct the submitted dossier, contact the unit's one-stop desk.",
        },
        details: { differs: ['applicant.name'] },
      },
    });

    const changes: [string, object, string[]][] = [
      [
        'ID number, phone and address',
        { applicant: { ...CITIZEN, idNumber: '001203009999', phone: '0987654321', address: 'Số 5 phố Huế, Hai Bà Trưng' } },
        ['applicant.address', 'applicant.idNumber', 'applicant.phone'],
      ],
      ['an e-mail left out', { applicant: { ...CITIZEN, email: undefined } }, ['applicant.email']],
      [
        'an organisation instead of the person',
        { applicant: { kind: 'organisation', name: 'Công ty TNHH Đức Thành', idNumber: '0101234567', phone: CITIZEN.phone } },
        ['applicant.address', 'applicant.email', 'applicant.idNumber', 'applicant.kind', 'applicant.name'],
      ],
      ['another scan', { components: [{ ...paper, attachmentSha256: 'b'.repeat(64) }] }, ['components']],
      ['no papers', { components: [] }, ['components']],
      ['another submission time', { submittedAt: `${A_MONTH_AGO}T21:00:00+07:00` }, ['submittedAt']],
    ];
    for (const [what, change, differs] of changes) {
      const res = await submit({ ...original, ...change });
      expect({ what, status: res.statusCode, details: res.json().error.details }).toEqual({ what, status: 409, details: { differs } });
      for (const value of [CITIZEN.name, CITIZEN.idNumber, CITIZEN.phone, CITIZEN.address, CITIZEN.email, '001203009999', '0987654321', 'Số 5 phố Huế', 'Đức Thành']) {
        expect(res.body).not.toContain(value);
      }
    }

    // Nothing was written: the unit's desk has the dossier once, as first submitted.
    expect(await server.storage.countEvents()).toBe(events);
    const pulled = await desk.pullAll();
    expect(pulled.map((e) => [e.dossierId, (e.payload as typeof original).applicant.name])).toEqual([[first.json().dossierId, CITIZEN.name]]);

    // The log says which fields differed, never what they held.
    const log = lines.join('');
    expect(log).toContain('applicant.idNumber');
    for (const value of [CITIZEN.name, CITIZEN.idNumber, CITIZEN.phone, CITIZEN.address, CITIZEN.email, newName, '001203009999', '0987654321', 'Số 5 phố Huế', 'Đức Thành']) {
      expect(log).not.toContain(value);
    }
  });
});
