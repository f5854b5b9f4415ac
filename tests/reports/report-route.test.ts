/** GET /v1/reports as a district administrator's script calls it: a unit the server does not hold is refused, not reported as zero. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReports, startReportingServer, type ReportingServer } from '../publication/support';

let server: ReportingServer;
beforeAll(async () => {
  server = await startReportingServer();
});
afterAll(() => server.close());

const report = (unit: string) => getReports(server, `from=2023-03-01&to=2023-03-31&unit=${unit}`);

describe('GET /v1/reports?unit=', () => {
  it('refuses a unit the server does not hold, in both languages, instead of a report of zeros', async () => {
    const refused = await report('000.00.99.H56');
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toMatchObject({
      code: 'unknown_unit',
      message: {
        vi: 'Máy chủ không có đơn vị 000.00.99.H56; hãy kiểm tra mã đơn vị.',
        en: 'The server has no unit 000.00.99.H56; check the unit code.',
      },
    });
  });

  it('reports a unit it holds', async () => {
    const shown = await report('000.00.06.H56');
    expect(shown.statusCode).toBe(200);
    expect(shown.json().counts.received.total).toBe(3);
  });
});
