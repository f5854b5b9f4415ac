/** The unit tree as reports need it: a unit and everything under it (a district and its communes). */
import type { Unit } from '../domain/units';

/** The unit's code and the codes of all its descendants; just the code when the tree does not know it. */
export function unitWithDescendants(units: readonly Unit[], code: string): string[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    const list = children.get(u.parentCode) ?? [];
    list.push(u.code);
    children.set(u.parentCode, list);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const stack = [code];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    out.push(next);
    stack.push(...(children.get(next) ?? []));
  }
  return out;
}

/** Each unit's chain of ancestors, nearest first (a commune → its district → its province). */
export function ancestorsOf(units: readonly Unit[], code: string): string[] {
  const parent = new Map(units.map((u) => [u.code, u.parentCode]));
  const out: string[] = [];
  let next = parent.get(code) ?? null;
  while (next !== null && !out.includes(next)) {
    out.push(next);
    next = parent.get(next) ?? null;
  }
  return out;
}
