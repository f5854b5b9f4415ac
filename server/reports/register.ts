/**
 * Everything issue 6 adds to the server, in one call for createServer: the report endpoint, the publication feed,
 * the public status page, and the nudge the sync path calls after it accepted events (see docs/reports.md).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { registerPublicRoutes } from '../public/public-routes';
import type { GuessGuard } from '../public/guess-guard';
import { registerPublicationRoutes } from '../publication/publication-routes';
import type { SqlDriver } from '../storage/sql-driver';
import { refoldMarked, refoldPending, reportNudger } from './projection';
import { registerReportRoutes } from './report-routes';
import { reportReference } from './report-service';

export interface Reporting {
  /** Call after a push or a portal submission committed: the report projection catches up in the background. */
  nudge: () => Promise<void>;
}

export async function registerReporting(app: FastifyInstance, ctx: ServerContext, options: { driver: SqlDriver; guard?: GuessGuard }): Promise<Reporting> {
  const nudge = reportNudger(options.driver, (e) => app.log.error({ err: { message: (e as Error).message } }, 'report projection catch-up failed'));
  const procedures = async () => (await reportReference(ctx.storage)).knownProcedures;
  registerReportRoutes(app, ctx, { driver: options.driver });
  registerPublicationRoutes(app, ctx, { driver: options.driver, procedures });
  await registerPublicRoutes(app, { driver: options.driver, procedures, catchUp: nudge, ...(options.guard ? { guard: options.guard } : {}) });
  // Dossiers an upgrade marked to be folded again (report schema 2) are, in the background once the server is up; a
  // report waits for the rest (report-service.ts), the status lookup and the feed read rows that are right meanwhile.
  app.addHook('onReady', async () => {
    if (await refoldPending(options.driver)) {
      void refoldMarked(options.driver).catch((e: unknown) =>
        app.log.error({ err: { message: (e as Error).message } }, 'report refold after the upgrade failed'),
      );
    }
  });
  return { nudge };
}
