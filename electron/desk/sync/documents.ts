/**
 * The procedure catalog, the working calendar and the unit registry come down from the server, read-only on the
 * desk. A pull page names the versions the server holds; a newer one is fetched and stored with its version in one
 * transaction (the units: sync/units.ts). Enrolment takes them at once (sync/enrol.ts), so that a new desk's first
 * receipts use the district's procedures and holidays, and its first pull writes its rows with the district's
 * catalog, not the seed's.
 *
 * A catalog version is the whole catalog: a procedure the desk knows that it no longer holds is retired in the same
 * transaction, no longer offered for a new reception but still naming its dossiers (catalog/procedure-catalog.ts).
 * A new catalog that changes what the rows of a procedure's dossiers hold (its name, field or agency) marks them in
 * that transaction, and they are written again before the round ends: otherwise the lists and the search would go on
 * showing, and filtering by, what the catalog said before. The screens are told of the new catalog
 * (`catalog.changed`: the list's choices of field and procedure, the reception's procedures).
 */
import { z } from 'zod';
import { procedureSchema } from '../../../shared/domain/procedure';
import { versionedDocumentResponseSchema } from '../../../shared/sync/messages';
import { RefoldQueue } from '../projections/refold-queue';
import type { SyncContext } from './sync-context';
import { fetchUnits, unitsOutdated } from './units';

const catalogBodySchema = z.object({ procedures: z.array(procedureSchema) });

/** Where the documents come from: the server, as this device (a round's context, or an enrolment's). */
type DocumentSource = Pick<SyncContext, 'desk' | 'meta' | 'transport' | 'credentials'>;

async function fetchDocument(from: DocumentSource, kind: 'catalog' | 'calendar', since: number) {
  const response = await from.transport.request({
    method: 'GET',
    path: `v1/${kind}?since=${since}`,
    credentials: from.credentials,
    schema: versionedDocumentResponseSchema,
  });
  return response.body;
}

/**
 * Stores the server's catalog if it has another version than `since` (by default the one the desk holds); returns how
 * many dossiers it marked for refolding.
 */
export async function takeCatalog(from: DocumentSource, since = from.meta.catalogVersion): Promise<number> {
  const { desk, meta } = from;
  const doc = await fetchDocument(from, 'catalog', since);
  if (doc.body === undefined) return 0;
  const catalog = catalogBodySchema.parse(doc.body);
  // One retired procedure the desk cannot read is left out, not the catalog: it would be refused at every round.
  const retired = (doc.retired ?? []).flatMap((p) => {
    const parsed = procedureSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
  const marked = desk.db.transaction(() => {
    meta.catalogVersion = doc.version;
    meta.catalogRetiredAsked = true;
    return desk.catalog.take(catalog.procedures, 'server', retired);
  })();
  desk.notifications.emit({ type: 'catalog.changed', data: { source: 'server' } });
  return marked;
}

/** Stores the server's calendar if it has a newer one. */
export async function takeCalendar(from: DocumentSource): Promise<void> {
  const { desk, meta } = from;
  const doc = await fetchDocument(from, 'calendar', meta.calendarVersion);
  if (doc.body === undefined) return;
  desk.db.transaction(() => {
    // The calendar store validates the document; a bad one throws and nothing changes.
    desk.calendar.set(doc.body as Parameters<typeof desk.calendar.set>[0], 'server');
    meta.calendarVersion = doc.version;
  })();
}

export async function updateDocuments(
  ctx: SyncContext,
  server: { catalogVersion: number; calendarVersion: number; unitsVersion?: number | undefined },
): Promise<void> {
  const { desk, meta } = ctx;
  // A catalog taken by an earlier release is taken again, whole, once: the procedures it dropped are retired (session
  // 29's release recorded none), and those earlier versions held come with it (a desk enrolled after a procedure of the
  // district's own left names its dossiers by it). Every take of this release marks it asked, whatever the server's.
  const retirementsUnknown = server.catalogVersion > 0 && meta.catalogVersion > 0 && !meta.catalogRetiredAsked;
  // Marked for good: a round stopped meanwhile leaves the rest to the next drain (a pull's, or the desk's open).
  const behind = server.catalogVersion > meta.catalogVersion;
  if ((behind || retirementsUnknown) && (await takeCatalog(ctx, behind ? meta.catalogVersion : 0)) > 0) {
    const refold = new RefoldQueue(desk.db, desk.projector);
    await refold.drain({ shouldStop: ctx.stopping });
    if (refold.rowsWritten > 0) desk.notifications.dossiersChanged();
  }
  if (server.calendarVersion > meta.calendarVersion) await takeCalendar(ctx);
  if (unitsOutdated(meta, server.unitsVersion)) await fetchUnits(desk, meta, ctx.transport, ctx.credentials);
}
