/** The choices of the dossier list's field and procedure menus, in Vietnamese alphabetical order (Đ after D, tones ignored first). */
import type { Procedure } from '../../../../shared/domain/procedure';

const vietnamese = new Intl.Collator('vi');

/** The procedures' fields, each once, in alphabetical order. */
export function fieldOptions(procedures: readonly Procedure[]): string[] {
  return [...new Set(procedures.map((p) => p.field))].sort(vietnamese.compare);
}

/** The procedures of one field (all when none is chosen), by name: the catalog's own order means nothing to a clerk. */
export function procedureOptions(procedures: readonly Procedure[], field: string): Procedure[] {
  return procedures.filter((p) => !field || p.field === field).sort((a, b) => vietnamese.compare(a.name, b.name));
}
