/**
 * The procedure catalog, the working calendar and the unit registry come down from the server, read-only on the
 * desk. A pull page names the versions the server holds; a newer one is fetched and stored with its version in one
 * transaction (the units: sync/units.ts). Enrolment takes them at once (sync/enrol.ts), so that a new desk's first
 * receipts use the district's procedures and holidays, and its first pull writes its rows with the district's
 * catalog, not the seed's.
 *
 * A new catalog that changes what the rows of a procedure's dossiers hold (its name, field or agency) marks them in
 * that transaction (catalog/procedure-catalog.ts), and they are written again before the round ends: otherwise the
 * lists and the search would go on showing, and filtering by, what the catalog said before. The screens are told
 * of the new catalog (`catalog.changed`: the list's choices of field and procedure, the reception's procedures).
 */
import { z } from 'zod';
import { procedureSchema } from '../../../shared/domain/procedure';
import { versionedDocumentResponseSchema } from '../../../shared/sync/messages';
import type { Desk } from '../desk';
import { RefoldQueue } from '../projections/refold-queue';
import type { SyncContext } from './sync-context';
import type { SyncMeta } from './sync-meta';
import type { DeviceCredentials, SyncTransport } from './transport';
import { fetchUnits, unitsOutdated } from './units';

const catalogBodySchema = z.object({ procedures: z.array(procedureSchema) });

export interface DocumentsReport {
  catalogUpdated: boolean;
  /** Dossier rows written again because the new catalog changed what they hold. */
  rowsRewritten: number;
  calendarUpdated: boolean;
  unitsUpdated: boolean;
}

/** Where the documents come from: the server, as this device. */
export interface DocumentSource {
  desk: Desk;
  meta: SyncMeta;
  transport: SyncTransport;
  credentials: DeviceCredentials;
}

async function fetchDocument(from: DocumentSource, kind: 'catalog' | 'calendar', since: number) {
  const response = await from.transport.request({
    method: 'GET',
    path: `v1/${kind}?since=${since}`,
    credentials: from.credentials,
    schema: versionedDocumentResponseSchema,
  });
  return response.body;
}

/** Stores the server's catalog if it has a newer one; returns the dossiers it marked for refolding, null if none came. */
export async function takeCatalog(from: DocumentSource): Promise<number | null> {
  const { desk, meta } = from;
  const doc = await fetchDocument(from, 'catalog', meta.catalogVersion);
  if (doc.body === undefined) return null;
  const catalog = catalogBodySchema.parse(doc.body);
  const marked = desk.db.transaction(() => {
    meta.catalogVersion = doc.version;
    return desk.catalog.upsert(catalog.procedures, 'server');
  })();
  desk.notifications.emit({ type: 'catalog.changed', data: { source: 'server' } });
  return marked;
}

/** Stores the server's calendar if it has a newer one; true if one came. */
export async function takeCalendar(from: DocumentSource): Promise<boolean> {
  const { desk, meta } = from;
  const doc = await fetchDocument(from, 'calendar', meta.calendarVersion);
  if (doc.body === undefined) return false;
  desk.db.transaction(() => {
    // The calendar store validates the document; a bad one throws and nothing changes.
    desk.calendar.set(doc.body as Parameters<typeof desk.calendar.set>[0], 'server');
    meta.calendarVersion = doc.version;
  })();
  return true;
}

export async function updateDocuments(
  ctx: SyncContext,
  server: { catalogVersion: number; calendarVersion: number; unitsVersion?: number | undefined },
): Promise<DocumentsReport> {
  const report: DocumentsReport = { catalogUpdated: false, rowsRewritten: 0, calendarUpdated: false, unitsUpdated: false };
  const { desk, meta } = ctx;
  if (server.catalogVersion > meta.catalogVersion) {
    const marked = await takeCatalog(ctx);
    report.catalogUpdated = marked !== null;
    // Marked for good: a round stopped meanwhile leaves the rest to the next drain (a pull's, or the desk's open).
    if (marked) {
      const refold = new RefoldQueue(desk.db, desk.projector);
      await refold.drain({ shouldStop: ctx.stopping });
      report.rowsRewritten = refold.rowsWritten;
      if (refold.rowsWritten > 0) desk.notifications.dossiersChanged();
    }
  }
  if (server.calendarVersion > meta.calendarVersion) report.calendarUpdated = await takeCalendar(ctx);
  if (unitsOutdated(meta, server.unitsVersion)) {
    await fetchUnits(desk, meta, ctx.transport, ctx.credentials);
    report.unitsUpdated = true;
  }
  return report;
}
