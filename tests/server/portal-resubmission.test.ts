/**
 * The portal's reference names one dossier. Sending it again unchanged gets the dossier already made (the portal
 * retried); sending it for another unit or another procedure is refused with 409 and stores nothing, instead of
 * answering with a dossier of another commune as if the new one had been received.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITIZEN, COMMUNE_A, COMMUNE_B, PORTAL_TOKEN, seedUnits, SimDesk, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedUnits(server.app);
});
afterAll(() => server.close());

const submission = {
  unitCode: COMMUNE_A,
  procedureCode: '1.001612.000.00.00.H56',
  applicant: CITIZEN,
  components: [],
  portalRef: 'DVC-2026-004242',
  submittedAt: '2026-03-01T20:15:00+07:00',
};
const submit = (payload: object) =>
  server.app.inject({ method: 'POST', url: '/v1/portal/dossiers', headers: { authorization: `Bearer ${PORTAL_TOKEN}` }, payload });

describe('a portal reference sent again', () => {
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
});
