/** A procedure's fee (lệ phí) as the catalog gives it, for the clerk to tell the citizen at the counter. */
import type { Procedure } from '../../../shared/domain/procedure';
import { formatVnd } from './vn-time';

/**
 * "100.000 đồng" / "100,000 VND"; `none` ("không" / "none") for a procedure the catalog charges nothing for (the catalog
 * requires a fee on every procedure, 0 when there is none: it has no "unknown").
 */
export function feeText(procedure: Pick<Procedure, 'feeVnd'>, language: 'vi' | 'en', none: string): string {
  return procedure.feeVnd > 0 ? formatVnd(procedure.feeVnd, language) : none;
}
