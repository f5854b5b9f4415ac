/** What this desk is (unit, desk number, version), read once from app.info and shown on forms and in settings. */
import { useEffect } from 'react';
import { create } from 'zustand';
import { seedUnits } from '../../../shared/catalog/seed-units';
import { agencyName } from '../../../shared/domain/units';
import { useDesk } from '../desk-context';
import type { DeskApiOutput, DeskCall } from '../../../shared/api/desk-api';

type AppInfo = DeskApiOutput<'app.info'>;

interface DeskInfoState {
  info: AppInfo | null;
  load(call: DeskCall): Promise<void>;
}

export const useDeskInfo = create<DeskInfoState>((set) => ({
  info: null,
  async load(call) {
    const result = await call('app.info', {});
    if (result.ok) set({ info: result.value });
  },
}));

// `units` is absent from a stand-in desk that predates it.
const knownUnits = (): readonly { code: string; name: string }[] => useDeskInfo.getState().info?.units ?? seedUnits;

/**
 * The unit's name for printed forms, from the units app.info gives (the district's registry on an enrolled desk,
 * the seed tree on a demo one); a unit it does not know is printed by its code. Until app.info has answered, the
 * seed tree (nothing is printed before it answers: the shell asks it first).
 */
export function unitNameOf(unitCode: string | null | undefined): string {
  if (!unitCode) return 'Bộ phận một cửa';
  return knownUnits().find((u) => u.code === unitCode)?.name ?? unitCode;
}

/**
 * Where a transfer sent a dossier, as a clerk reads it: a unit's code by the unit's name (shared/domain/units.ts, the
 * rule the printed logbook follows too).
 */
export function agencyNameOf(agency: string): string {
  return agencyName(agency, knownUnits());
}

/** Reads app.info, and again each time the desk reads a new unit registry from the server. */
export function useDeskInfoKeptCurrent(): void {
  const { call, onDeskEvent } = useDesk();
  const load = useDeskInfo((s) => s.load);
  useEffect(() => {
    void load(call);
    return onDeskEvent((event) => {
      if (event.type === 'units.changed') void load(call);
    });
  }, [call, onDeskEvent, load]);
}
