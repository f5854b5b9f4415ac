/**
 * A procedure a later catalog version leaves out still has dossiers: the server's report names them by the latest
 * version that held the procedure (its name, its field), not by its bare code under "Lĩnh vực khác" (QA: the
 * district's report counted Hộ tịch 9 where the desk that received them said 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { ADMIN_TOKEN, startReportingServer, type ReportingServer } from '../publication/support';

/** The procedure the imported dossiers are filed under (tests/import/import-lines.ts). */
const CODE = '2.000528.000.00.00.H56';
const headers = { authorization: `Bearer ${ADMIN_TOKEN}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };

let server: ReportingServer;
beforeAll(async () => {
  server = await startReportingServer();
});
afterAll(() => server.close());

const publish = (procedures: unknown[]) => server.app.inject({ method: 'PUT', url: '/v1/admin/catalog', headers, payload: { procedures } });
const report = async () => (await server.app.inject({ method: 'GET', url: '/v1/reports?from=2023-03-01&to=2023-03-31', headers })).json();

describe('a procedure a later catalog version left out', () => {
  it('keeps its name and field in the server report, as the last version holding it had them', async () => {
    const own = seedProcedures.find((p) => p.code === CODE)!;
    const others = seedProcedures.filter((p) => p.code !== CODE);
    // Version 1 renames it; version 2 leaves it out.
    expect((await publish([...others, { ...own, name: 'Đăng ký kết hôn có yếu tố nước ngoài (thí điểm)' }])).statusCode).toBe(200);
    expect((await publish(others)).statusCode).toBe(200);

    const shown = await report();
    const line = shown.byProcedure.find((l: { key: string }) => l.key === CODE);
    expect(line).toMatchObject({ label: 'Đăng ký kết hôn có yếu tố nước ngoài (thí điểm)', field: own.field });
    expect(shown.byField.map((l: { key: string }) => l.key)).toEqual([own.field]);
  });
});
