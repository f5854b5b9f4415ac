/**
 * The procedure catalog, the working calendar and the unit registry come down from the server, read-only on the
 * desk. A pull page names the versions the server holds; a newer one is fetched and stored with its version in one
 * transaction (the units: sync/units.ts).
 */
import { z } from 'zod';
import { procedureSchema } from '../../../shared/domain/procedure';
import { versionedDocumentResponseSchema } from '../../../shared/sync/messages';
import type { SyncContext } from './sync-context';
import { fetchUnits, unitsOutdated } from './units';

const catalogBodySchema = z.object({ procedures: z.array(procedureSchema) });

export interface DocumentsReport {
  catalogUpdated: boolean;
  calendarUpdated: boolean;
  unitsUpdated: boolean;
}

async function fetchDocument(ctx: SyncContext, kind: 'catalog' | 'calendar', since: number) {
  const response = await ctx.transport.request({
    method: 'GET',
    path: `v1/${kind}?since=${since}`,
    credentials: ctx.credentials,
    schema: versionedDocumentResponseSchema,
  });
  return response.body;
}

export async function updateDocuments(
  ctx: SyncContext,
  server: { catalogVersion: number; calendarVersion: number; unitsVersion?: number | undefined },
): Promise<DocumentsReport> {
  const report: DocumentsReport = { catalogUpdated: false, calendarUpdated: false, unitsUpdated: false };
  const { desk, meta } = ctx;
  if (server.catalogVersion > meta.catalogVersion) {
    const doc = await fetchDocument(ctx, 'catalog', meta.catalogVersion);
    if (doc.body !== undefined) {
      const catalog = catalogBodySchema.parse(doc.body);
      desk.db.transaction(() => {
        desk.catalog.upsert(catalog.procedures, 'server');
        meta.catalogVersion = doc.version;
      })();
      report.catalogUpdated = true;
    }
  }
  if (server.calendarVersion > meta.calendarVersion) {
    const doc = await fetchDocument(ctx, 'calendar', meta.calendarVersion);
    if (doc.body !== undefined) {
      desk.db.transaction(() => {
        // The calendar store validates the document; a bad one throws and nothing changes.
        desk.calendar.set(doc.body as Parameters<typeof desk.calendar.set>[0], 'server');
        meta.calendarVersion = doc.version;
      })();
      report.calendarUpdated = true;
    }
  }
  if (unitsOutdated(meta, server.unitsVersion)) {
    await fetchUnits(desk, meta, ctx.transport, ctx.credentials);
    report.unitsUpdated = true;
  }
  return report;
}
