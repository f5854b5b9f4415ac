/**
 * The clerk's receptions set aside, newest first, each with "Tiếp tục" (it becomes the form again) and "Bỏ". Throwing
 * one away loses typing that cannot be got back, so "Bỏ" asks first, in plain words, with the keyboard on the
 * harmless answer (components/Question). After an answer the keyboard stays in the list (or goes back to the form
 * when it is empty).
 */
import { useId, useRef, useState } from 'react';
import { ActionButton } from '../../components/ui';
import { Question } from '../../components/Question';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import type { ReceptionDraft } from './model';
import type { ParkedReception } from './use-parked-receptions';
import './parked-receptions.css';

/** Who a parked reception is for, as the list's buttons and the screen's messages say it: the name, or what stands in. */
export function useParkedWho(procedureName: (code: string | null) => string | null): (draft: ReceptionDraft) => string {
  const { t } = useTranslation();
  return (draft) => draft.applicant.name.trim() || `${t('reception.parkedNoName')} – ${procedureName(draft.procedureCode) ?? t('reception.parkedNoProcedure')}`;
}

interface Props {
  parked: ParkedReception[];
  procedureName: (code: string | null) => string | null;
  /** False while a reception is being recorded or a form set aside: the form cannot take another dossier yet. */
  canResume: boolean;
  onResume: (entry: ParkedReception) => void;
  /** False: the store kept it, and it stays listed (the screen says why). */
  onDiscard: (entry: ParkedReception) => Promise<boolean>;
  /** Where the keyboard goes once the last one is thrown away. */
  focusForm: () => void;
}

export function ParkedReceptions({ parked, procedureName, canResume, onResume, onDiscard, focusForm }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const list = useRef<HTMLUListElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const whoOf = useParkedWho(procedureName);

  // The buttons of the other items stay in the page whatever happens to one item: they can be focused at once.
  const focusButton = (key: string, action: 'resume' | 'discard') =>
    list.current?.querySelector<HTMLElement>(`[data-parked-key="${key}"] [data-parked-action="${action}"]`)?.focus();

  const keep = (entry: ParkedReception) => {
    setConfirming(null);
    focusButton(entry.key, 'discard');
  };

  if (parked.length === 0) return null;

  const who = (entry: ParkedReception): string => whoOf(entry.value);

  const discard = async (entry: ParkedReception) => {
    const at = parked.findIndex((p) => p.key === entry.key);
    const neighbour = parked[at + 1] ?? parked[at - 1] ?? null;
    // Not thrown away after all: the keyboard stays on it, for another try, as after "Giữ lại".
    if (!(await onDiscard(entry))) return keep(entry);
    setConfirming(null);
    if (neighbour) focusButton(neighbour.key, canResume ? 'resume' : 'discard');
    else focusForm();
  };

  return (
    <section className="panel parked-receptions" aria-labelledby={headingId} data-testid="parked-receptions">
      <h2 id={headingId}>{t('reception.parkedTitle', { n: parked.length })}</h2>
      {!canResume && <p className="muted">{t('reception.parkedAnswerOfferFirst')}</p>}
      <ul className="parked-list" ref={list}>
        {parked.map((entry) => (
          <li key={entry.key} data-parked-key={entry.key} data-testid="parked-reception">
            <div className="parked-what">
              <strong>{entry.value.applicant.name.trim() || t('reception.parkedNoName')}</strong>
              <span>{procedureName(entry.value.procedureCode) ?? t('reception.parkedNoProcedure')}</span>
              <span className="muted">{t('reception.parkedAt', { when: formatVnDateTime(entry.savedAt) })}</span>
            </div>
            <div className="row">
              <ActionButton variant="primary" data-parked-action="resume" disabled={!canResume} aria-label={t('reception.parkedResumeFor', { who: who(entry) })} onActivate={() => onResume(entry)}>
                {t('reception.parkedResume')}
              </ActionButton>
              <ActionButton variant="ghost" data-parked-action="discard" aria-label={t('reception.parkedDiscardFor', { who: who(entry) })} onActivate={() => setConfirming(entry.key)}>
                {t('reception.parkedDiscard')}
              </ActionButton>
            </div>
            {confirming === entry.key && (
              <Question
                className="parked-confirm"
                question={t('reception.parkedDiscardQuestion', { who: who(entry) })}
                body={t('reception.parkedDiscardBody')}
                onKeep={() => keep(entry)}
              >
                <ActionButton variant="danger" data-parked-answer="discard" onActivate={() => void discard(entry)}>
                  {t('reception.parkedDiscardConfirm')}
                </ActionButton>
                <ActionButton variant="ghost" data-answer="keep" onActivate={() => keep(entry)}>
                  {t('reception.parkedKeep')}
                </ActionButton>
              </Question>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
