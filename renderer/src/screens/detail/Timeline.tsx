/**
 * The dossier's history: what was done, by whom and when. Events stay in the server's order (DESIGN.md §5); each
 * shows the desk's time of the deed (the portal's, for an online submission), and the server's time as a note when the
 * two disagree (event-time.ts).
 */
import type { TimelineEntry } from '../../../../shared/api/dossier-views';
import type { Applicant } from '../../../../shared/domain/applicant';
import { roleLabels } from '../../../../shared/domain/roles';
import { isPortalActor } from '../../../../shared/domain/users';
import { dossierStatuses, statusLabel, type DossierStatus } from '../../../../shared/domain/dossier';
import { useLanguage, useLocalized, useTranslation } from '../../i18n';
import { formatVnDateTime, formatVnd } from '../../format/vn-time';
import { parseRefusalReason } from '../sync/sync-reasons';
import { eventTimes } from './event-time';
import { agencyNameOf } from '../../store/desk-info';
import { idNumberLabel } from '../../format/applicant-labels';

const isDossierStatus = (x: unknown): x is DossierStatus => dossierStatuses.includes(x as DossierStatus);

function RefusalNote({ stored }: { stored: string }) {
  const localized = useLocalized();
  const reason = parseRefusalReason(stored);
  return (
    <div className="field-error">
      {localized(reason.server)}
      {reason.advice && <div>{localized(reason.advice)}</div>}
    </div>
  );
}

const APPLICANT_FIELDS = ['name', 'idNumber', 'phone', 'address', 'email'] as const;

/** The label of an applicant's field, as the reception names it for that applicant: a person's paper, a company's name. */
function applicantLabel(key: (typeof APPLICANT_FIELDS)[number], a: Record<string, unknown>): string {
  const organisation = a.kind === 'organisation';
  if (key === 'name') return organisation ? 'reception.orgName' : 'reception.name';
  if (key === 'idNumber') return idNumberLabel({ kind: organisation ? 'organisation' : 'person', idKind: typeof a.idKind === 'string' ? a.idKind : undefined });
  return `reception.${key}`;
}

/**
 * What a deed that was not applied would have recorded of the applicant, where the dossier records otherwise: two
 * desks received an online dossier offline, each correcting another field, and only one reception stands (QA: the
 * other's correction showed nowhere, so nobody could carry it over). Labelled as that deed's applicant is: a number
 * from another paper (a passport against a căn cước) differs even when the digits agree.
 */
function applicantDiffering(deed: unknown, current: Applicant | null | undefined): { key: string; label: string; theirs: string; ours: string }[] {
  if (deed === null || typeof deed !== 'object') return [];
  const theirs = deed as Record<string, unknown>;
  const ours = (current ?? {}) as Record<string, unknown>;
  const text = (a: Record<string, unknown>, key: string) => (typeof a[key] === 'string' ? a[key] : '');
  return APPLICANT_FIELDS.flatMap((key) => {
    const otherPaper = key === 'idNumber' && (theirs.idKind ?? 'personal') !== (ours.idKind ?? 'personal');
    const [value, held] = [text(theirs, key), text(ours, key)];
    return value !== held || otherPaper ? [{ key, label: applicantLabel(key, theirs), theirs: value, ours: held }] : [];
  });
}

/**
 * `notApplied`: the events kept in the history but never applied (DESIGN.md §5); `inOpenConflict`: those of them a
 * supervisor has still to decide on. A decided one keeps its mark: it did not count, whatever was chosen; `adopted`:
 * those of them whose own status the decision chose, marked as such (the dossier does stand where they led).
 * `applicant`: the dossier's as it stands, to say what a deed not applied recorded otherwise.
 */
export function Timeline({
  entries,
  notApplied = [],
  adopted = [],
  inOpenConflict = [],
  applicant,
}: {
  entries: TimelineEntry[];
  notApplied?: readonly string[];
  adopted?: readonly string[];
  inOpenConflict?: readonly string[];
  applicant?: Applicant | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labelled = (label: string, value: unknown) => (typeof value === 'string' && value !== '' ? `${t(label)}: ${value}` : null);
  return (
    <ol className="timeline" data-testid="timeline">
      {entries.map((e) => {
        const p = (e.payload ?? {}) as Record<string, unknown>;
        // What the deed was about, as the clerk typed it: the new appointment, the amount asked, the file attached.
        const newDue = typeof p.newDueAt === 'string' ? t('detail.newDueOn', { at: formatVnDateTime(p.newDueAt) }) : null;
        const amount = typeof p.amountVnd === 'number' ? formatVnd(p.amountVnd, language) : null;
        // Who collected the result, said as such: a bare name under "Trả kết quả" reads like the clerk's.
        const receivedBy = labelled('detail.receivedBy', p.receivedBy);
        // A hand-over (form 05) is who gave the file to whom: the actor only typed it in.
        const handedOver =
          e.type === 'dossier.handed_over'
            ? [labelled('detail.handFrom', p.from), labelled('detail.handTo', p.to)]
            : [];
        // A conflict's resolution says which status the supervisor decided on, not only the note.
        const decided =
          e.type === 'dossier.conflict_resolved' && isDossierStatus(p.status) ? t('detail.decidedStatus', { status: statusLabel(p.status)[language] }) : null;
        const detailText = [decided, newDue, amount, p.fileName, p.reason, ...handedOver, typeof p.toAgency === 'string' ? agencyNameOf(p.toAgency) : null, p.note, Array.isArray(p.items) ? (p.items as string[]).join('; ') : null, receivedBy]
          .filter((x): x is string => typeof x === 'string' && x !== '')
          .join(' · ');
        const { doneAt, syncedAt } = eventTimes(e);
        // The portal is no clerk: its events carry a role only because every event's actor must.
        const who = isPortalActor(e.actor) ? e.actor.name : t('detail.actor', { name: e.actor.name, role: roleLabels[e.actor.role][language] });
        return (
          <li key={e.eventId} data-event={e.type}>
            <strong>{t(`events.${e.type}`)}</strong>{' '}
            {e.syncState !== 'synced' && <span className="badge badge-status">{t(`sync.states.${e.syncState}`)}</span>}
            {(notApplied.includes(e.eventId) || inOpenConflict.includes(e.eventId)) && (
              <span className="badge badge-status" data-testid="not-applied">
                {t(
                  inOpenConflict.includes(e.eventId)
                    ? 'detail.notApplied'
                    : adopted.includes(e.eventId)
                      ? 'detail.notAppliedAdopted'
                      : 'detail.notAppliedDecided',
                )}
              </span>
            )}
            <div className="when">
              <time dateTime={doneAt}>{formatVnDateTime(doneAt)}</time> · {who}
              {syncedAt && (
                <span className="muted" data-testid="synced-at">
                  {' '}
                  ({t(e.type === 'dossier.submitted_online' ? 'detail.reachedServerAt' : 'detail.syncedAt', { at: formatVnDateTime(syncedAt) })})
                </span>
              )}
            </div>
            {detailText && <div>{detailText}</div>}
            {(notApplied.includes(e.eventId) || inOpenConflict.includes(e.eventId)) &&
              applicantDiffering(p.applicant, applicant).map((d) => (
                <div key={d.key} data-testid="not-applied-applicant">
                  {t('detail.notAppliedApplicant', { field: t(d.label), theirs: d.theirs || '—', ours: d.ours || '—' })}
                </div>
              ))}
            {e.syncReason && <RefusalNote stored={e.syncReason} />}
          </li>
        );
      })}
    </ol>
  );
}
