/**
 * The procedures the district's catalog ever held. A catalog version is published whole, and one may leave out a
 * procedure that still has dossiers: the report, the feed and the status page name those by the latest version that
 * held it, and a desk enrolled after it left is sent it as retired with the current catalog (GET /v1/catalog), so that
 * the dossiers it pulls under it are named too and counted under its field.
 */
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { Procedure } from '../../shared/domain/procedure';
import type { ServerStorage } from '../storage/contract';

type History = Pick<ServerStorage, 'documentHistory'>;

/** Per storage, with the catalog version it was read at: the status page and the feed ask on every request. */
const knownByStorage = new WeakMap<object, { version: number; published: Map<string, Procedure> }>();

/** Every published version in order: the latest version holding a procedure names it. */
async function published(storage: History, version: number): Promise<Map<string, Procedure>> {
  const held = knownByStorage.get(storage);
  if (held?.version === version) return held.published;
  const known = new Map<string, Procedure>();
  for (const body of await storage.documentHistory('catalog'))
    for (const p of (body as { procedures?: Procedure[] }).procedures ?? []) known.set(p.code, p);
  knownByStorage.set(storage, { version, published: known });
  return known;
}

/** The seed, then every published version: what a report names a dossier's procedure by. */
export async function knownProcedures(storage: History, version: number): Promise<Procedure[]> {
  const known = new Map(seedProcedures.map((p) => [p.code, p]));
  for (const [code, p] of await published(storage, version)) known.set(code, p);
  return [...known.values()];
}

/** The procedures published versions held that the current one (`current`, at `version`) leaves out. */
export async function retiredProcedures(storage: History, version: number, current: readonly Procedure[]): Promise<Procedure[]> {
  const offered = new Set(current.map((p) => p.code));
  return [...(await published(storage, version)).values()].filter((p) => !offered.has(p.code));
}
