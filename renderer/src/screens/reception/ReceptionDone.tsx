/**
 * What the clerk just did with the last citizen's dossier, said above the form until the next one is started; and,
 * after a reception or a refusal, a reception set aside for the same citizen that still waits in the list.
 */
import { Notice } from '../../components/ui';
import { useTranslation } from '../../i18n';
import type { ReceptionDraft } from './model';
import type { ParkedReception } from './use-parked-receptions';
import { idNumberForComparison } from '../../../../shared/api/applicant-text';

/** What was just done, kept as data and put in words when shown, so the words follow the language the clerk picks. */
export type Done = { kind: 'saved'; code: string } | { kind: 'refused' } | { kind: 'guided' } | { kind: 'setAside'; draft: ReceptionDraft };

/**
 * The citizen just saved or refused may also wait in the list, set aside earlier and then typed afresh: taken up
 * later, that copy would make a second dossier. Said, not removed: the same ID number may bring another matter.
 */
export function setAsideTwin(parked: readonly ParkedReception[], saved: ReceptionDraft): ReceptionDraft | null {
  // As typed, in groups or not ("001 203 004 567", a tax code's "-001"), a passport's in either case.
  const idOf = (d: ReceptionDraft) => idNumberForComparison(d.applicant.idNumber);
  const id = idOf(saved);
  if (id === '') return null;
  const twin = parked.find((p) => idOf(p.value) === id && (p.value.procedureCode === null || p.value.procedureCode === saved.procedureCode));
  return twin?.value ?? null;
}

interface Props {
  done: Done | null;
  /** The one set aside with the ID number of the citizen just saved or refused (setAsideTwin). */
  alsoAside: ReceptionDraft | null;
  /** Who a form is for, as the list of receptions set aside says it. */
  who: (draft: ReceptionDraft) => string;
}

export function ReceptionDone({ done, alsoAside, who }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {done && (
        <Notice tone="success">
          <div className="row">
            <span data-testid="reception-done">
              {done.kind === 'saved'
                ? t('reception.saved', { code: done.code })
                : done.kind === 'setAside'
                  ? t('reception.setAsideDone', { who: who(done.draft) })
                  : t(`reception.${done.kind}`)}
            </span>
          </div>
        </Notice>
      )}
      {alsoAside && (
        <Notice tone="warning">
          <span data-testid="also-set-aside">{t('reception.alsoSetAside', { who: who(alsoAside) })}</span>
        </Notice>
      )}
    </>
  );
}
