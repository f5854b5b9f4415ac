/**
 * Form 06, the tracking logbook ("sổ theo dõi hồ sơ", DESIGN.md §3): the dossiers the desk's unit received, in order
 * of receipt, numbered continuously through the year. Printed a month at a time: a month's first line carries on
 * from the year's earlier months. What happened to each dossier — sent on to its agency, resolved, handed back —
 * is the logbook's right-hand half, signed on paper.
 */
import { fromVnLocal } from '../../../shared/calendar/vn-time';
import type { Logbook, LogbookEntry } from '../../../shared/api/dossier-views';
import { DossierStatus } from '../../../shared/domain/dossier';
import type { DossierState } from '../../../shared/domain/lifecycle';
import { agencyName, type Unit } from '../../../shared/domain/units';
import type { Db } from '../db/open-database';

interface Row {
  id: string;
  code: string | null;
  procedure_name: string | null;
  agency: string | null;
  received_ms: number;
}

/**
 * The unit's logbook lines for one month; `unitCode` null: every dossier the desk holds (a desk without a unit).
 * `stateOf`: a dossier folded from its events (Projector.current): the row's state leaves out the applicant.
 * `units`: the registry the desk names units from (units/desk-units.ts).
 *
 * "Cơ quan chủ trì giải quyết" is the agency the dossier was last sent to for resolution (a transfer names it), and
 * the procedure's agency in the catalog until it is sent: the one the reception desk actually hands the file to, as
 * the detail's "Đang ở" says. A transfer between units names a unit by its code, printed with the unit's name.
 */
export function logbookOf(
  db: Db,
  stateOf: (dossierId: string) => DossierState | undefined,
  unitCode: string | null,
  year: number,
  month: number,
  units: readonly Pick<Unit, 'code' | 'name'>[],
): Logbook {
  const yearStart = fromVnLocal(year, 1, 1).getTime();
  const monthStart = fromVnLocal(year, month, 1).getTime();
  const monthEnd =
    month === 12 ? fromVnLocal(year + 1, 1, 1).getTime() : fromVnLocal(year, month + 1, 1).getTime();
  // Only dossiers received: not one submitted online and not yet checked, nor one refused (form 03), which the list
  // dates by their submission or refusal (projections/dossier-row.ts received_ms).
  const ofUnit = `${unitCode === null ? '' : ' AND unit_code = ?'} AND status NOT IN (${DossierStatus.SubmittedOnline}, ${DossierStatus.NotReceived})`;
  const unit = unitCode === null ? [] : [unitCode];
  const before = db
    .prepare<unknown[], number>(
      `SELECT count(*) FROM dossiers WHERE received_ms >= ? AND received_ms < ?${ofUnit}`,
    )
    .pluck()
    .get(yearStart, monthStart, ...unit)!;
  const rows = db
    .prepare<unknown[], Row>(
      `SELECT id, code, procedure_name, agency, received_ms FROM dossiers
        WHERE received_ms >= ? AND received_ms < ?${ofUnit} ORDER BY received_ms, seq`,
    )
    .all(monthStart, monthEnd, ...unit);
  const named = (agency: string | null) => (agency === null ? null : agencyName(agency, units));
  const entries = rows.flatMap((r, i): LogbookEntry[] => {
    const state = stateOf(r.id);
    if (!state) return [];
    const applicant = state.applicant;
    return [
      {
        no: before + i + 1,
        dossierId: r.id,
        code: r.code ?? '',
        procedureName: r.procedure_name ?? state.procedureCode ?? '',
        applicantName: applicant?.name ?? '',
        applicantAddress: applicant?.address ?? null,
        applicantPhone: applicant?.phone ?? null,
        agency: named(state.currentAgency ?? r.agency),
        receivedAt: state.receivedAt ?? new Date(r.received_ms).toISOString(),
        // The appointment the receipt gave; a re-appointment (form 04) moved it to `reappointedTo`.
        dueAt: state.reappointedAt ? state.originalDueAt : state.dueAt,
        reappointedTo: state.reappointedAt ? state.dueAt : null,
        transferredAt: state.firstTransferredAt ?? null,
        resolvedAt: state.resolvedAt,
        returnedAt: state.returnedAt,
        returnedTo: state.returnedTo,
        status: state.status,
      },
    ];
  });
  return { year, month, unitCode, entries };
}
