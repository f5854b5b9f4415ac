/**
 * GET /publication/feed?after=N&limit=M&format=json|csv for the portals, with the portal token. Outside /v1/
 * because the portals do not speak the desks' sync protocol header.
 */
import type { FastifyInstance } from 'fastify';
import type { Procedure } from '../../shared/domain/procedure';
import { authenticatePortal, type ServerContext } from '../context';
import { HttpProblem } from '../http-problem';
import type { SqlDriver } from '../storage/sql-driver';
import { feedToCsv, MAX_FEED_PAGE, publicationFeed } from './feed';

export function registerPublicationRoutes(app: FastifyInstance, ctx: ServerContext, options: { driver: SqlDriver; procedures: () => Promise<readonly Procedure[]> }): void {
  app.get('/publication/feed', async (request, reply) => {
    authenticatePortal(ctx, request);
    const q = request.query as Record<string, string | undefined>;
    const after = Number(q.after ?? 0);
    const limit = Number(q.limit ?? 500);
    const format = q.format ?? 'json';
    if (!Number.isSafeInteger(after) || after < 0 || !Number.isSafeInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE || (format !== 'json' && format !== 'csv')) {
      throw new HttpProblem(
        400,
        'bad_feed_query',
        `Tham số không hợp lệ: after là số nguyên ≥ 0, limit từ 1 đến ${MAX_FEED_PAGE}, format là json hoặc csv.`,
        `Bad parameters: after is an integer ≥ 0, limit from 1 to ${MAX_FEED_PAGE}, format json or csv.`,
      );
    }
    const page = await publicationFeed(options.driver, after, limit, await options.procedures());
    if (format === 'csv') {
      return reply.header('content-type', 'text/csv; charset=utf-8').header('x-next-cursor', String(page.nextCursor)).send(feedToCsv(page));
    }
    return page;
  });
}
