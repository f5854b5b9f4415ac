/** What this desk is (unit, desk number, version), read once from app.info and shown on forms and in settings. */
import { create } from 'zustand';
import type { DeskApiOutput, DeskCall } from '../../../shared/api/desk-api';
import { seedUnits } from '../../../shared/catalog/seed-units';

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

/** The unit's name for printed forms; the seed tree knows the demo units, otherwise the code is printed. */
export function unitNameOf(unitCode: string | null | undefined): string {
  if (!unitCode) return 'Bộ phận một cửa';
  return seedUnits.find((u) => u.code === unitCode)?.name ?? unitCode;
}
