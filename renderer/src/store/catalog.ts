/** The procedure catalog, loaded once per session: it changes only when the server syncs a new version down. */
import { create } from 'zustand';
import type { Procedure } from '../../../shared/domain/procedure';
import type { AppError } from '../../../shared/result';
import type { DeskCall } from '../../../shared/api/desk-api';

interface CatalogState {
  procedures: Procedure[];
  byCode: Map<string, Procedure>;
  loaded: boolean;
  error: AppError | null;
  load(call: DeskCall, force?: boolean): Promise<void>;
}

export const useCatalog = create<CatalogState>((set, get) => ({
  procedures: [],
  byCode: new Map(),
  loaded: false,
  error: null,
  async load(call, force = false) {
    if (get().loaded && !force) return;
    const result = await call('catalog.procedures', {});
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    const procedures = result.value;
    set({ procedures, byCode: new Map(procedures.map((p) => [p.code, p])), loaded: true, error: null });
  },
}));
