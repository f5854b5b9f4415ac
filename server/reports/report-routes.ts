/** GET /v1/reports?from=&to=&unit=&format=json|csv — the server-side report, for administrators. */
import type { FastifyInstance } from 'fastify';
import { vnDateKey } from '../../shared/calendar/vn-time';
import { UNIT_CODE_PATTERN } from '../../shared/domain/units';
import { reportToCsv } from '../../shared/reports/csv';
import { parseReportPeriod } from '../../shared/reports/period';
import { authenticateAdmin, type ServerContext } from '../context';
import { HttpProblem } from '../http-problem';
import type { SqlDriver } from '../storage/sql-driver';
import { reportReference, serverReport, unknownReportUnit } from './report-service';

export function registerReportRoutes(app: FastifyInstance, ctx: ServerContext, options: { driver: SqlDriver }): void {
  app.get('/v1/reports', async (request, reply) => {
    authenticateAdmin(ctx, request);
    const q = request.query as Record<string, string | undefined>;
    const today = vnDateKey(ctx.now());
    const period = parseReportPeriod(q.from, q.to, today);
    if (!period.ok) throw new HttpProblem(400, period.error.code, period.error.message.vi, period.error.message.en);
    if (q.unit !== undefined && !UNIT_CODE_PATTERN.test(q.unit)) {
      throw new HttpProblem(400, 'bad_unit', `Mã đơn vị "${q.unit.slice(0, 30)}" không hợp lệ.`, `The unit code "${q.unit.slice(0, 30)}" is not valid.`);
    }
    const format = q.format ?? 'json';
    if (format !== 'json' && format !== 'csv') throw new HttpProblem(400, 'bad_format', 'Định dạng phải là json hoặc csv.', 'The format must be json or csv.');
    const reference = await reportReference(ctx.storage);
    const unknown = unknownReportUnit(reference, q.unit ?? null);
    if (unknown) throw new HttpProblem(404, 'unknown_unit', unknown.vi, unknown.en);
    const report = await serverReport(
      options.driver,
      { period: period.value, unitCode: q.unit ?? null, today },
      reference,
    );
    if (format === 'csv') return reply.header('content-type', 'text/csv; charset=utf-8').send(reportToCsv(report));
    return report;
  });
}
