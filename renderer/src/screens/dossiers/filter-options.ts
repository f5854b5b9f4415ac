/** The choices of the dossier list's field and procedure menus, in Vietnamese alphabetical order (Đ after D, tones ignored first). */
import type { Procedure } from '../../../../shared/domain/procedure';

const vietnamese = new Intl.Collator('vi');

/** The procedures' fields, each once, in alphabetical order. */
export function fieldOptions(procedures: readonly Procedure[]): string[] {
  return [...new Set(procedures.map((p) => p.field))].sort(vietnamese.compare);
}

/**
 * A procedure's name as a clerk looks it up: without the "Thủ tục" that more than half the catalog's names start
 * with, which would otherwise put them all under T ("Thủ tục đăng ký khai sinh" belongs under Đ).
 */
export const procedureSortKey = (name: string): string => name.replace(/^thủ tục\s+/iu, '');

/** The procedures of one field (all when none is chosen), by name: the catalog's own order means nothing to a clerk. */
export function procedureOptions(procedures: readonly Procedure[], field: string): Procedure[] {
  return procedures
    .filter((p) => !field || p.field === field)
    .sort((a, b) => vietnamese.compare(procedureSortKey(a.name), procedureSortKey(b.name)));
}
