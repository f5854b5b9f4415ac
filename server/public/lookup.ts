/**
 * The public status lookup: a dossier code plus the 6-digit PIN printed on the receipt gives the dossier's status
 * and appointment — nothing about the applicant. A wrong PIN and an unknown code give the same answer, so the
 * lookup does not tell which codes exist.
 */
import { timingSafeEqual } from 'node:crypto';
import { statusLabel, type DossierStatus } from '../../shared/domain/dossier';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import { parsePin } from '../../shared/domain/pin';
import type { Procedure } from '../../shared/domain/procedure';
import type { SqlDriver } from '../storage/sql-driver';

export interface PublicStatus {
  code: string;
  procedureName: string | null;
  status: number;
  statusLabel: string;
  receivedAt: string | null;
  /** The appointment to collect the result (moved by a re-appointment letter). */
  dueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
}

export type LookupOutcome = { kind: 'found'; status: PublicStatus } | { kind: 'bad_input'; field: 'code' | 'pin' } | { kind: 'not_found' };

const samePin = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function lookupStatus(driver: SqlDriver, codeText: string, pinText: string, procedures: readonly Procedure[]): Promise<LookupOutcome> {
  const code = parseDossierCode(codeText.slice(0, 64));
  if (!code.ok) return { kind: 'bad_input', field: 'code' };
  const pin = parsePin(pinText.slice(0, 32));
  if (!pin.ok) return { kind: 'bad_input', field: 'pin' };
  const canonical = codeText.trim();
  const row = await driver.get<{ code: string; procedure_code: string | null; status: number; pin: string | null; received_at: string | null; due_at: string | null; resolved_at: string | null; returned_at: string | null }>(
    'SELECT code, procedure_code, status, pin, received_at, due_at, resolved_at, returned_at FROM report_dossiers WHERE code = ? AND received_at IS NOT NULL LIMIT 1',
    [canonical],
  );
  if (!row || row.pin === null || !samePin(row.pin, pin.value)) return { kind: 'not_found' };
  const procedure = procedures.find((p) => p.code === row.procedure_code);
  return {
    kind: 'found',
    status: {
      code: row.code,
      procedureName: procedure?.name ?? null,
      status: Number(row.status),
      statusLabel: statusLabel(Number(row.status) as DossierStatus).vi,
      receivedAt: row.received_at,
      dueAt: row.due_at,
      resolvedAt: row.resolved_at,
      returnedAt: row.returned_at,
    },
  };
}
