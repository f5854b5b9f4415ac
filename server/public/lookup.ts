/**
 * The public status lookup: a dossier code plus the 6-digit PIN printed on the receipt gives the dossier's status
 * and appointment — nothing about the applicant. A wrong PIN and an unknown code give the same answer, so the
 * lookup does not tell which codes exist; the same work too: both queries run and the PIN is compared whatever the
 * first query finds. Only the caller learns which it was (`codeHeld`), to count wrong PINs against held codes only.
 */
import { timingSafeEqual } from 'node:crypto';
import { statusLabel, type DossierStatus } from '../../shared/domain/dossier';
import { parseDossierCode } from '../../shared/domain/dossier-code';
import { parsePin } from '../../shared/domain/pin';
import type { Procedure } from '../../shared/domain/procedure';
import type { SqlDriver } from '../storage/sql-driver';
import { FACTS_TABLE, VOIDED_RECEIPTS_TABLE } from '../reports/schema';
import { dossierPausedInTime } from '../reports/paused-in-time';

export interface PublicStatus {
  code: string;
  procedureName: string | null;
  status: number;
  statusLabel: string;
  receivedAt: string | null;
  /** The appointment to collect the result (moved by a re-appointment letter). */
  dueAt: string | null;
  /**
   * On hold (status 5 or 6) by a request made in time: the deadline stopped, and the appointment is given again when
   * the hold ends. False for a request made once the dossier was late: the appointment stands (paused-in-time.ts).
   */
  appointmentOnHold: boolean;
  resolvedAt: string | null;
  returnedAt: string | null;
  /**
   * The code the citizen typed, when it is that of a receipt that does not stand (the dossier was received at two
   * desks offline, and the other reception came first): the answer is the dossier's, under `code`.
   */
  voidedCode: string | null;
}

type StatusRow = { dossier_id: string; code: string; procedure_code: string | null; status: number; pin: string | null; received_at: string | null; due_at: string | null; resolved_at: string | null; returned_at: string | null };
/** What the page shows of dossier `d`, with the PIN that opens it: the dossier's own, or a voided receipt's. */
const statusColumns = (pin: 'd.pin' | 'v.pin') => `d.dossier_id, d.code, d.procedure_code, d.status, ${pin} AS pin, d.received_at, d.due_at, d.resolved_at, d.returned_at`;

export type LookupOutcome =
  | { kind: 'found'; status: PublicStatus }
  | { kind: 'bad_input'; field: 'code' | 'pin' }
  /** `codeHeld`: a wrong PIN for a code the server holds, rather than a code it does not hold (yet). Never shown. */
  | { kind: 'not_found'; codeHeld: boolean };

const samePin = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
/** Compared with the typed PIN when there is no dossier's PIN to compare, so that the time taken is the same. */
const NO_PIN = '000000';

export async function lookupStatus(driver: SqlDriver, codeText: string, pinText: string, procedures: readonly Procedure[]): Promise<LookupOutcome> {
  const code = parseDossierCode(codeText.slice(0, 64));
  if (!code.ok) return { kind: 'bad_input', field: 'code' };
  const pin = parsePin(pinText.slice(0, 32));
  if (!pin.ok) return { kind: 'bad_input', field: 'pin' };
  const canonical = codeText.trim();
  const own = await driver.get<StatusRow>(
    `SELECT ${statusColumns('d.pin')} FROM ${FACTS_TABLE} d WHERE d.code = ? AND d.received_at IS NOT NULL LIMIT 1`,
    [canonical],
  );
  // Perhaps the code of a receipt that does not stand, which its own PIN opens. Asked even when the code is a
  // dossier's (whose own row comes first), so that an unknown code does not take one query longer than a wrong PIN.
  const voided = await driver.get<StatusRow>(
    `SELECT ${statusColumns('v.pin')} FROM ${VOIDED_RECEIPTS_TABLE} v JOIN ${FACTS_TABLE} d ON d.dossier_id = v.dossier_id
      WHERE v.code = ? AND d.received_at IS NOT NULL LIMIT 1`,
    [canonical],
  );
  const row = own ?? voided;
  const pinMatches = samePin(row?.pin ?? NO_PIN, pin.value);
  if (!row || row.pin === null || !pinMatches) return { kind: 'not_found', codeHeld: row !== undefined };
  const voidedCode = own ? null : canonical;
  const procedure = procedures.find((p) => p.code === row.procedure_code);
  return {
    kind: 'found',
    status: {
      voidedCode,
      code: row.code,
      procedureName: procedure?.name ?? null,
      status: Number(row.status),
      statusLabel: statusLabel(Number(row.status) as DossierStatus).vi,
      receivedAt: row.received_at,
      dueAt: row.due_at,
      appointmentOnHold: await dossierPausedInTime(driver, row.dossier_id, Number(row.status)),
      resolvedAt: row.resolved_at,
      returnedAt: row.returned_at,
    },
  };
}
