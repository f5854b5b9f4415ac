/**
 * The procedure catalog: loaded once per session by the first screen that needs it, and again whenever the desk
 * announces a new one from the server (`catalog.changed`, followed by the app whatever screen is open), so the
 * list's choices of field and procedure and the reception's procedures are those the dossiers' rows now hold.
 * It holds every procedure the desk knows, those the server retired included (flagged `retired`): the dossiers filed
 * under one keep its name in lists and filters; only the reception's search leaves them out (ProcedurePicker).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { CatalogProcedure } from '../../../shared/api/desk-views';
import type { AppError } from '../../../shared/result';
import type { DeskCall } from '../../../shared/api/desk-api';
import { useDesk } from '../desk-context';

interface CatalogState {
  procedures: CatalogProcedure[];
  byCode: Map<string, CatalogProcedure>;
  loaded: boolean;
  error: AppError | null;
  load(call: DeskCall, force?: boolean): Promise<void>;
}

let generation = 0;

export const useCatalog = create<CatalogState>((set, get) => ({
  procedures: [],
  byCode: new Map(),
  loaded: false,
  error: null,
  async load(call, force = false) {
    if (get().loaded && !force) return;
    const asked = ++generation;
    const result = await call('catalog.procedures', {});
    // An older answer arriving after a newer one must not put the old catalog back.
    if (asked !== generation) return;
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    const procedures = result.value;
    set({ procedures, byCode: new Map(procedures.map((p) => [p.code, p])), loaded: true, error: null });
  },
}));

/** The catalog for a screen: loaded when the screen opens, unless the session already has it. */
export function useProcedureCatalog(): CatalogState {
  const { call } = useDesk();
  const catalog = useCatalog();
  const { load } = catalog;
  useEffect(() => {
    void load(call);
  }, [call, load]);
  return catalog;
}

/**
 * Reads the catalog again when the desk takes a new one, for the whole session (App): a screen opened later finds it
 * current, and one open now shows it at once.
 */
export function useCatalogKeptCurrent(): void {
  const { call, onDeskEvent } = useDesk();
  const load = useCatalog((s) => s.load);
  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'catalog.changed') void load(call, true);
      }),
    [call, onDeskEvent, load],
  );
}
