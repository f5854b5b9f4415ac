/**
 * The dossier row: the folded state (shared/domain/lifecycle) plus the columns the list filters and sorts on and
 * the folded text the search index reads. Pure, so a rebuild from the log writes exactly the same rows.
 */
import type { DossierState } from '../../../shared/domain/lifecycle';
import type { Procedure } from '../../../shared/domain/procedure';
import { foldText } from '../../../shared/text/fold';

export interface DossierRow {
  id: string;
  code: string | null;
  status: number;
  version: number;
  unit_code: string | null;
  desk_number: number | null;
  procedure_code: string | null;
  procedure_name: string | null;
  field: string | null;
  agency: string | null;
  channel: string | null;
  applicant_kind: string | null;
  applicant_name: string | null;
  applicant_id_number: string | null;
  applicant_phone: string | null;
  received_at: string | null;
  received_ms: number | null;
  due_at: string | null;
  due_ms: number | null;
  resolved_at: string | null;
  returned_at: string | null;
  friday_no_wait: number;
  reappointed: number;
  in_conflict: number;
  pending_events: number;
  quarantined_events: number;
  last_event_at: string | null;
  search_text: string;
  /** JSON of the folded state without `applicant` and `components` (see the migration). */
  state: string;
}

export interface SyncCounts {
  pending: number;
  quarantined: number;
}

const ms = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/**
 * When the dossier reached the office: received at the desk, submitted online, or refused at the desk. The list's
 * "received" column and date filters use it, so an online dossier awaiting checking still sorts by its arrival.
 */
const arrivedAt = (s: DossierState): string | null => s.receivedAt ?? s.submittedAt ?? s.refusedAt;

/**
 * Folded procedure names: a district has a few hundred procedures, and the name is most of a row's text, so a
 * first pull folded the same names tens of thousands of times (half a second of a 52,772-dossier pull). Bounded all
 * the same, should a catalog ever be that large.
 */
const foldedNames = new Map<string, string>();
const FOLDED_NAMES_MAX = 5_000;

function foldedName(name: string): string {
  let folded = foldedNames.get(name);
  if (folded === undefined) {
    folded = foldText(name);
    if (foldedNames.size < FOLDED_NAMES_MAX) foldedNames.set(name, folded);
  }
  return folded;
}

const present = (p: string | null | undefined): p is string => typeof p === 'string' && p.length > 0;

/**
 * The folded text of the dossier's code, applicant name, ID number, phone and procedure name, and the code of any
 * receipt that does not stand (a citizen may bring that one). Folding the parts apart and joining them with one
 * space gives the fold of the whole (a fold trims and collapses spaces).
 */
export function searchTextOf(s: DossierState, procedure: Procedure | undefined): string {
  const voided = s.voidedReceipts?.map((r) => r.code).join(' ');
  const own = foldText([s.code, voided, s.applicant?.name, s.applicant?.idNumber, s.applicant?.phone].filter(present).join(' '));
  const name = procedure?.name ?? s.procedureCode;
  const named = present(name) ? foldedName(name) : '';
  return own && named ? `${own} ${named}` : own || named;
}

/**
 * What a dossier's row takes from its procedure in the catalog (the search text takes the name too). A row is
 * written from the catalog as it is then, so when a new catalog changes the name, field or agency of a procedure,
 * the rows of its dossiers must be written again (catalog/procedure-catalog.ts), or they would differ from a refold
 * from the log.
 */
function procedureFacts(procedure: Procedure | undefined) {
  return {
    name: procedure?.name ?? null,
    field: procedure?.field ?? null,
    agency: procedure?.agency ?? null,
    fridayNoWait: procedure?.fridayNoWait ? 1 : 0,
  };
}

/**
 * Whether a procedure's new version changes what the rows of its dossiers hold (or it is new to the desk). Not
 * "Friday without waiting": that rule gave a dossier its appointment at its reception, and a procedure put on the
 * list (or taken off it) on a Friday afternoon must not move that morning's dossiers onto the Friday board (or off
 * it, when they were promised for today), nor give past dossiers a badge their receipts never had. The event does
 * not record the rule, so a row written again for another reason takes the catalog's flag as it is then.
 */
export function procedureFactsChanged(before: Procedure | undefined, after: Procedure): boolean {
  if (!before) return true;
  const [a, b] = [procedureFacts(before), procedureFacts(after)];
  return a.name !== b.name || a.field !== b.field || a.agency !== b.agency;
}

export function dossierRowOf(state: DossierState, procedure: Procedure | undefined, sync: SyncCounts): DossierRow {
  const arrived = arrivedAt(state);
  const facts = procedureFacts(procedure);
  return {
    id: state.id,
    code: state.code,
    status: state.status,
    version: state.version,
    unit_code: state.unitCode,
    desk_number: state.deskNumber,
    procedure_code: state.procedureCode,
    procedure_name: facts.name,
    field: facts.field,
    agency: state.currentAgency ?? facts.agency,
    channel: state.channel,
    applicant_kind: state.applicant?.kind ?? null,
    applicant_name: state.applicant?.name ?? null,
    applicant_id_number: state.applicant?.idNumber ?? null,
    applicant_phone: state.applicant?.phone ?? null,
    received_at: arrived,
    received_ms: ms(arrived),
    due_at: state.dueAt,
    due_ms: ms(state.dueAt),
    resolved_at: state.resolvedAt,
    returned_at: state.returnedAt,
    friday_no_wait: facts.fridayNoWait,
    reappointed: state.reappointedAt !== null ? 1 : 0,
    in_conflict: state.conflict !== null ? 1 : 0,
    pending_events: sync.pending,
    quarantined_events: sync.quarantined,
    last_event_at: state.lastEventAt,
    search_text: searchTextOf(state, procedure),
    state: JSON.stringify({ ...state, applicant: null, components: [] }),
  };
}
