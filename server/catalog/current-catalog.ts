/**
 * The catalog the server uses now: what the portal may submit, the import may file under, a report reads its version
 * at and a technician reads back to edit. That is the latest published version's procedures; before any publication
 * (version 0), and for a stored version holding none, the seed catalog the desks ship with.
 */
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { Procedure } from '../../shared/domain/procedure';
import type { ServerStorage, VersionedDocument } from '../storage/contract';

export interface CurrentCatalog {
  /** 0 before any publication. */
  version: number;
  procedures: Procedure[];
}

/** The current catalog in the stored catalog document (absent before any publication), for a route that holds it. */
export function catalogOf(stored: VersionedDocument | undefined): CurrentCatalog {
  const procedures = (stored?.body as { procedures?: Procedure[] } | undefined)?.procedures;
  return { version: stored?.version ?? 0, procedures: procedures && procedures.length > 0 ? procedures : seedProcedures };
}

export async function currentCatalog(storage: Pick<ServerStorage, 'document'>): Promise<CurrentCatalog> {
  return catalogOf(await storage.document('catalog'));
}
