/**
 * The units a desk may report on, for the dashboard's unit picker: its own unit first, then the units under it,
 * depth-first by name (a district, then its communes). A desk without a unit holds no unit's dossiers and is
 * offered none (the desk API refuses a unit asked of it: reports/desk-report-unit.ts); it reports on its whole file.
 */
import type { ReportUnitChoice } from '../../../shared/api/report-months';
import type { Unit } from '../../../shared/domain/units';

export function reportUnitChoices(units: readonly Unit[], deskUnit: string | null): ReportUnitChoice[] {
  if (deskUnit === null) return [];
  const children = new Map<string | null, Unit[]>();
  for (const u of units) {
    const list = children.get(u.parentCode) ?? [];
    list.push(u);
    children.set(u.parentCode, list);
  }
  const byName = (a: Unit, b: Unit) => a.name.localeCompare(b.name, 'vi');
  const out: ReportUnitChoice[] = [];
  const seen = new Set<string>();
  const visit = (unit: Unit, depth: number) => {
    if (seen.has(unit.code)) return;
    seen.add(unit.code);
    out.push({ code: unit.code, name: unit.name, depth });
    for (const child of [...(children.get(unit.code) ?? [])].sort(byName)) visit(child, depth + 1);
  };
  const own = units.find((u) => u.code === deskUnit);
  if (!own) return [{ code: deskUnit, name: deskUnit, depth: 0 }];
  visit(own, 0);
  return out;
}
