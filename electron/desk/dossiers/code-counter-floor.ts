/**
 * The day's dossier codes counted on from one already given: after a stop without closing whose write-ahead log was
 * lost (data-folder-claim.ts), the counter in the database has gone back, and a reception the desk never sent, whose
 * receipt a citizen holds, is on no server to count it from either. Raising the counter past that code keeps the
 * next citizen from getting it again.
 */
import { parseDossierCode } from '../../../shared/domain/dossier-code';
import type { Db } from '../db/open-database';

export function keepCodeCounterPast(db: Db, code: string): void {
  const parsed = parseDossierCode(code);
  if (!parsed.ok || parsed.value.deskNumber === null) return;
  const { unitCode, date, sequence, deskNumber } = parsed.value;
  db.prepare(
    `INSERT INTO dossier_code_counters (unit_code, receipt_date, desk_number, last_sequence) VALUES (?, ?, ?, ?)
     ON CONFLICT (unit_code, receipt_date, desk_number) DO UPDATE SET last_sequence = max(last_sequence, excluded.last_sequence)`,
  ).run(unitCode, date, deskNumber, sequence);
}
