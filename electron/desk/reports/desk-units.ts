/**
 * The units a desk may report on, for the dashboard's unit picker: its own unit first, then the units under it,
 * depth-first by name (a district, then its communes). A desk without a unit holds no unit's dossiers and is
 * offered none (the desk API refuses a unit asked of it: reports/desk-report-unit.ts); it reports on its whole file.
 *
 * A unit under the desk's own is offered as held only when the desk's file holds dossiers of it (or of a unit under
 * it): a district desk syncs its own unit's dossiers and those transferred to it, never its communes' (each commune's
 * desk receives them and sends them to the server), so a commune's report there would read as a true "0" (found by
 * the district supervisor's QA pass). Such a unit stays in the list, marked, so the supervisor learns where its
 * figures are instead of wondering where it went.
 */
import type { ReportUnitChoice } from '../../../shared/api/report-months';
import type { Unit } from '../../../shared/domain/units';
import { unitWithDescendants } from '../../../shared/reports/units';

/** Whether the desk's file holds any dossier of these units. */
export type HoldsDossiersOf = (unitCodes: readonly string[]) => boolean;

export function reportUnitChoices(units: readonly Unit[], deskUnit: string | null, holdsDossiersOf: HoldsDossiersOf): ReportUnitChoice[] {
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
    const heldHere = depth === 0 || holdsDossiersOf(unitWithDescendants(units, unit.code));
    out.push({ code: unit.code, name: unit.name, depth, heldHere, onlyTransferred: depth > 0 && heldHere });
    for (const child of [...(children.get(unit.code) ?? [])].sort(byName)) visit(child, depth + 1);
  };
  const own = units.find((u) => u.code === deskUnit);
  if (!own) return [{ code: deskUnit, name: deskUnit, depth: 0, heldHere: true, onlyTransferred: false }];
  visit(own, 0);
  return out;
}

/**
 * The unit tree a desk's report is planned over: the units under the desk's own that it holds no dossiers of are
 * left out, so the district desk's report of its district covers the district's own unit (and any commune one of
 * whose dossiers was transferred to it), and its heading and "by unit" table do not claim the communes.
 */
export function heldReportUnits(units: readonly Unit[], deskUnit: string | null, holdsDossiersOf: HoldsDossiersOf): Unit[] {
  if (deskUnit === null) return [...units];
  const notHeld = new Set(reportUnitChoices(units, deskUnit, holdsDossiersOf).filter((c) => !c.heldHere).map((c) => c.code));
  return units.filter((u) => !notHeld.has(u.code));
}
