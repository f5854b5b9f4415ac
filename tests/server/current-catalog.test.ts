/**
 * The one current catalog (server/catalog/current-catalog.ts) the portal's check, the import, the reports, the
 * technician's GET and the desks' catalog pull all read: the seed before any publication, the latest version after.
 */
import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import type { VersionedDocument } from '../../server/storage/contract';
import { catalogOf, currentCatalog } from '../../server/catalog/current-catalog';

const published = (version: number, body: unknown): VersionedDocument => ({ version, body, updatedAt: '2026-03-02T09:00:00+07:00', updatedBy: 'admin' });
const oneProcedure = [{ ...seedProcedures[0]!, code: 'TT-MOI' }];

describe('the current catalog', () => {
  it('is the seed, at version 0, before any publication', async () => {
    expect(await currentCatalog({ document: async () => undefined })).toEqual({ version: 0, procedures: seedProcedures });
  });

  it('is the latest published version, with its number', async () => {
    expect(await currentCatalog({ document: async (kind) => (kind === 'catalog' ? published(3, { procedures: oneProcedure }) : undefined) })).toEqual({
      version: 3,
      procedures: oneProcedure,
    });
  });

  it('is the seed when a stored version holds no procedures, so the portal is never left refusing every one', () => {
    expect(catalogOf(published(2, { procedures: [] }))).toEqual({ version: 2, procedures: seedProcedures });
    expect(catalogOf(published(2, {}))).toEqual({ version: 2, procedures: seedProcedures });
  });
});
