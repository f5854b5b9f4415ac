/**
 * The units a desk may report on, for the dashboard's unit picker: its own unit first, then the units under it,
 * depth-first by name (a district, then its communes). A desk without a unit reports on every unit of the tree.
 */
import type { ReportUnitChoice } from '../../../shared/api/report-months';
import type { Unit } from '../../../shared/domain/units';

export function reportUnitChoices(units: readonly Unit[], deskUnit: string | null): ReportUnitChoice[] {
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
  if (deskUnit === null) {
    const codes = new Set(units.map((u) => u.code));
    // Roots: units whose parent the tree does not hold.
    for (const root of units.filter((u) => u.parentCode === null || !codes.has(u.parentCode)).sort(byName)) visit(root, 0);
    return out;
  }
  const own = units.find((u) => u.code === deskUnit);
  if (!own) return [{ code: deskUnit, name: deskUnit, depth: 0 }];
  visit(own, 0);
  return out;
}
