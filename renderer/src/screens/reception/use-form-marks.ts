/**
 * Which of the reception form's fields are marked wrong, and from when: an applicant field once the clerk has left
 * it, every field once a save, refusal or guidance has been asked for, the refusal's reason once a refusal has; and
 * the desk's own verdict on a field after it refused a save.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, LocalizedText } from '../../../../shared/result';
import type { Procedure } from '../../../../shared/domain/procedure';
import { fieldErrorsOf } from '../../components/desk-errors';
import { afterPress, watchPresses } from './after-press';
import { inBothLanguages, type I18n } from './reception-messages';
import { applicantIssues, papersWithWrongCopies, type ApplicantDraft, type ApplicantField, type ReceptionDraft } from './model';

interface Options {
  draft: ReceptionDraft;
  procedure: Procedure | null;
  /** Every mandatory paper is there: a refusal then needs no reason. */
  complete: boolean;
  /** The desk's answer to the last save or refusal. */
  deskError: AppError | null;
  i18n: I18n;
}

export function useFormMarks({ draft, procedure, complete, deskError, i18n }: Options) {
  const [touched, setTouched] = useState<Set<ApplicantField>>(new Set());
  /** Fields the clerk has typed in since the form was last emptied: checked when left, even if emptied again. */
  const edited = useRef(new Set<ApplicantField>());
  const [submitted, setSubmitted] = useState(false);
  // Only a refusal must give its reason (form 03 records it); guidance may go without a note.
  const [refusalTried, setRefusalTried] = useState(false);
  useEffect(watchPresses, []);

  const localIssues = useMemo(() => applicantIssues(draft.applicant, (max) => inBothLanguages(i18n, 'tooLong', { max })), [draft.applicant, i18n]);
  const deskIssues = fieldErrorsOf(deskError, 'applicant.');
  const shownIssues: Partial<Record<ApplicantField, LocalizedText>> = {};
  for (const field of Object.keys(localIssues) as ApplicantField[]) {
    if (submitted || touched.has(field)) shownIssues[field] = localIssues[field];
  }
  for (const [field, message] of Object.entries(deskIssues)) shownIssues[field as ApplicantField] ??= message;
  const applicantOk = Object.keys(localIssues).length === 0;
  // Copies the desk would refuse are marked on their row as typed; they only hold the save back.
  const copiesOk = procedure === null || papersWithWrongCopies(procedure, draft).length === 0;
  const noteError: LocalizedText | null =
    refusalTried && !complete && draft.note.trim() === '' ? { vi: 'Hãy ghi lý do từ chối tiếp nhận.', en: 'Write the reason for the refusal.' } : null;

  /** The clerk typed in the applicant's fields: those changed are checked when left from now on. */
  const typed = (applicant: ApplicantDraft) => {
    for (const field of Object.keys(applicant) as ApplicantField[]) if (applicant[field] !== draft.applicant[field]) edited.current.add(field);
  };

  /**
   * A field left empty without typing in it shows "required" only when the dossier is saved: the procedure puts the
   * keyboard in the name, and an error appearing as the clerk clicked elsewhere moved the page under the click (the
   * first tick of a paper went astray). A field with a value (a restored draft's too) is checked when left, as before.
   */
  const left = (field: ApplicantField) => {
    // Shown once a mouse press that left the field has become its click (after-press.ts).
    if (edited.current.has(field) || String(draft.applicant[field] ?? '').trim() !== '') afterPress(() => setTouched((s) => new Set(s).add(field)));
  };

  /** No field marked, as for a form just opened. */
  const clear = () => {
    setTouched(new Set());
    edited.current.clear();
    setSubmitted(false);
    setRefusalTried(false);
  };

  return {
    /** What each applicant field shows as wrong now. */
    issues: shownIssues,
    applicantOk,
    copiesOk,
    noteError,
    /** A save, refusal or guidance has been asked for since the form was last emptied: every field is checked. */
    submitted,
    /** A field has been left (or a save asked for): what it holds may be pointed out now, not while it is typed. */
    checked: (field: ApplicantField) => submitted || touched.has(field),
    /** The desk's error when it names no field of the form, to be said apart. */
    unplacedError: deskError && Object.keys(deskIssues).length === 0 ? deskError : null,
    typed,
    left,
    submit: () => setSubmitted(true),
    submitRefusal: () => {
      setSubmitted(true);
      setRefusalTried(true);
    },
    clear,
  };
}
