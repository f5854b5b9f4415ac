/**
 * The main screen: receive a dossier at the counter. Procedure → applicant → channel → checklist, the appointment
 * computed live, then Save (F2) which prints the receipt (form 01). An incomplete dossier can only be refused
 * (form 03, recorded) or sent back with a supplement list (form 02, printed guidance). A citizen sent to fetch a
 * missing paper can be set aside ("Để riêng") while the clerk serves the next one, and taken up again on return.
 */
import { useState } from 'react';
import type { AppError } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, ProgressBar, TextArea } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';
import { useProcedureCatalog } from '../../store/catalog';
import { useSession } from '../../store/session';
import { useDeskInfo, unitNameOf } from '../../store/desk-info';
import type { DraftStore } from '../../drafts/draft-store';
import { usePublicLookupUrl } from '../../forms/use-lookup-url';
import { ApplicantFields } from './ApplicantFields';
import { AppointmentPanel } from './AppointmentPanel';
import { ComponentChecklist } from './ComponentChecklist';
import { ProcedurePicker } from './ProcedurePicker';
import { ChannelChoice } from './ChannelChoice';
import { CompletenessNotice } from './CompletenessNotice';
import { DraftSaveNote } from './DraftSaveNote';
import { useReceptionDraft } from './use-reception-draft';
import type { SavedReceptionDraft } from './reception-draft-memory';
import { useParkedReceptions } from './use-parked-receptions';
import { ParkedReceptions, useParkedWho } from './ParkedReceptions';
import { NewReceptionQuestion } from './NewReceptionQuestion';
import { IdCardFill } from './IdCardFill';
import { DraftOffers } from './DraftOffers';
import { useScanPutBack } from './use-scan-put-back';
import { DeskHoldNotices, useDeskHolds } from './DeskHolds';
import { ClockSkewQuestion, useClockQuestion } from './ClockSkewQuestion';
import { ReceptionDone, setAsideTwin, type Done } from './ReceptionDone';
import { ReceptionPrint, noticeOf, type Printed } from './ReceptionPrint';
import { receptionError } from './reception-messages';
import { useFormMarks } from './use-form-marks';
import { useReceptionFocus } from './use-reception-focus';
import { useRecordDossier } from './use-record-dossier';
import { useSetAside } from './use-set-aside';
import { checklistFor, draftHasContent, missingMandatory, type ComponentDraft, type ReceptionDraft } from './model';

export function ReceptionScreen({ drafts }: { drafts: DraftStore }) {
  const { t, i18n } = useTranslation();
  const lookupUrl = usePublicLookupUrl();
  const user = useSession((s) => s.user)!;
  const info = useDeskInfo((s) => s.info);
  const { procedures, byCode, error: catalogError } = useProcedureCatalog();
  const { draft, setDraft: storeDraft, offers, restore, discardOffers, reset, replace, savedAt, unsaved, offersNotSaved, discardFailed, scansStillNamed, offersReadFailed } = useReceptionDraft(drafts, user.id);
  const { parked, park, remove: unpark, readFailed: parkedReadFailed } = useParkedReceptions(drafts, user.id);
  const { putBackScans, notReturnedCount } = useScanPutBack(scansStillNamed);
  const procedureNameOf = (code: string | null) => (code ? (byCode.get(code)?.name ?? code) : null);
  const whoOf = useParkedWho(procedureNameOf);
  /** "Tiếp nhận hồ sơ mới" was asked for over a form that holds typing: what to do with it is being asked. */
  const [askingNew, setAskingNew] = useState(false);
  /** The one set aside with the ID number of the citizen just saved or refused (see setAsideTwin). */
  const [alsoAside, setAlsoAside] = useState<ReceptionDraft | null>(null);
  const { run, busy, slow, error, setError } = useDeskAction();
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  /** F2 (or Refuse, or form 02) with no procedure chosen: said under the picker, which takes the keyboard (QA). */
  const [askedWithoutProcedure, setAskedWithoutProcedure] = useState(false);
  const noProcedure = () => {
    setAskedWithoutProcedure(true);
    searchRef.current?.focus();
  };
  const [scanError, setScanError] = useState<AppError | null>(null);
  const holds = useDeskHolds();

  const procedure = draft.procedureCode ? (byCode.get(draft.procedureCode) ?? null) : null;
  const missing = procedure ? missingMandatory(procedure, draft) : [];
  const complete = procedure !== null && missing.length === 0;
  const marks = useFormMarks({ draft, procedure, complete, deskError: error, i18n });
  const clock = useClockQuestion(holds.clockSkew);
  const { screenRef, searchRef, focusProblem, focusForm } = useReceptionFocus();

  /**
   * The clerk's own changes to the form. The first one starts the next dossier: the last one's "received" no longer
   * stands above a form that may yet be refused, as if this one had gone through too.
   */
  const setDraft: typeof storeDraft = (next, options) => {
    setDone(null);
    storeDraft(next, options);
  };

  const header = { unitName: unitNameOf(info?.unitCode), clerkName: user.displayName, printedAt: new Date() };

  /** No field marked, as for a form just opened. */
  const clearMarks = () => {
    setAskingNew(false);
    clock.close();
    marks.clear();
  };

  /** After a reception or a refusal: the form is empty, and no field is marked for the next citizen. */
  const clearForNext = () => {
    reset();
    clearMarks();
    setAlsoAside(null);
  };

  const startNew = () => {
    clearForNext();
    setError(null);
    setScanError(null);
    setDone(null);
    focusForm(false);
  };

  /** A dossier received or refused: the form makes way for the next citizen, and its scans no dossier took go back. */
  const recorded = (form: ReceptionDraft, freeScans: ComponentDraft[], outcome: Done) => {
    const twin = setAsideTwin(parked, form);
    clearForNext();
    void putBackScans(freeScans, form);
    setAlsoAside(twin);
    setDone(outcome);
  };

  const { linking, receive, refuse: recordRefusal } = useRecordDossier({ draft, run, i18n, lookupUrl, focusProblem, print: setPrinted, setScanError, recorded });
  const aside = useSetAside({
    draft,
    parked: { park, remove: unpark },
    replace,
    putBackScans,
    whoOf,
    i18n,
    recording: busy || linking,
    onSetAside: (form) => {
      startNew();
      setDone({ kind: 'setAside', draft: form });
    },
    onTakenUp: (entry) => {
      clearMarks();
      setError(null);
      setScanError(null);
      setDone(null);
      setAlsoAside(null);
      focusForm(entry.value.procedureCode !== null);
    },
    onThrownAway: () => setAlsoAside(null),
  });

  /**
   * While a reception or refusal is being recorded (its scans linked), the form must stay the one it was made from:
   * its end empties the form, and would empty one set in its place, or leave the saved citizen in the list.
   */
  const occupied = busy || linking || aside.parking;

  /**
   * "Tiếp nhận hồ sơ mới" (Alt+N): an empty form is simply made ready for the next citizen; one that holds typing is
   * not thrown away without asking (NewReceptionQuestion). Nothing happens while a reception is being recorded: its
   * end empties the form itself.
   */
  const askNew = () => {
    if (occupied) return;
    if (draftHasContent(draft)) setAskingNew(true);
    else startNew();
  };

  /** The form thrown away at the clerk's word: the scans picked for its papers go back to the scan folder. */
  const discardForm = () => {
    const leaving = draft;
    startNew();
    void putBackScans(Object.values(leaving.components), leaving);
  };

  /** Offered drafts thrown away: as for a form or a reception set aside, the scans picked for them go back. */
  const discardDrafts = async (chosen: SavedReceptionDraft[]) => {
    const gone = await discardOffers(chosen);
    setTimeout(() => searchRef.current?.focus(), 0);
    await putBackScans(gone.flatMap((offer) => Object.values(offer.value.components)));
  };

  const save = async (acceptClock = false) => {
    // Whatever the clerk does with the form answers a question still open about throwing it away.
    setAskingNew(false);
    marks.submit();
    if (!procedure && !linking && !aside.parking) return noProcedure();
    if (!procedure || !complete || linking || aside.parking) return;
    setDone(null);
    if (!marks.applicantOk || !marks.copiesOk) return focusProblem();
    if (clock.mustAsk(acceptClock)) return;
    await receive(procedure);
  };

  const refuse = async () => {
    if (aside.parking) return;
    setAskingNew(false);
    marks.submitRefusal();
    if (!procedure) return noProcedure();
    setDone(null);
    if (!marks.applicantOk || draft.note.trim() === '') return focusProblem();
    await recordRefusal(procedure, missing);
  };

  const guide = () => {
    // As for Save and Refuse: a form being set aside or recorded is leaving the screen, and needs no form 02.
    if (occupied) return;
    setAskingNew(false);
    marks.submit();
    // A form 02 printed while a field is marked wrong would leave the applicant off the paper without a word.
    if (!procedure) return noProcedure();
    setDone(null);
    if (!marks.applicantOk) return focusProblem();
    // Guidance is advice, not a record: nothing is stored, the draft stays for when the citizen comes back.
    setPrinted({ kind: '02', notice: noticeOf(draft, procedure, missing) });
    setDone({ kind: 'guided' });
  };

  return (
    <div ref={screenRef}>
      <h1>{t('reception.title')}</h1>
      <DraftOffers
        offers={offers}
        who={whoOf}
        disabled={occupied}
        discardFailed={discardFailed}
        notSaved={offersNotSaved}
        onRestore={(offer) => {
          // The form becomes another one: a question about throwing the one before away no longer applies.
          setAskingNew(false);
          restore(offer);
          // The offer and its buttons are gone: the clerk carries on with the applicant, or the procedure if
          // the draft has none yet.
          focusForm(offer.value.procedureCode !== null);
        }}
        onDiscard={(chosen) => void discardDrafts(chosen)}
      />
      <ReceptionDone done={done} alsoAside={alsoAside} who={whoOf} />
      <DeskHoldNotices holds={holds} />
      <ErrorBanner error={scanError} />
      <ErrorBanner error={notReturnedCount > 0 ? receptionError(i18n, 'scans_not_returned', 'scansNotReturned', { count: notReturnedCount }) : null} />
      <ErrorBanner error={catalogError} />
      <ErrorBanner error={parkedReadFailed ? receptionError(i18n, 'draft_store_failed', 'parkedReadFailed') : null} />
      <ErrorBanner error={offersReadFailed ? receptionError(i18n, 'draft_store_failed', 'draftsReadFailed') : null} />
      <ParkedReceptions
        parked={parked}
        procedureName={procedureNameOf}
        canResume={!occupied}
        onResume={(entry) => void aside.resume(entry)}
        onDiscard={aside.discard}
        focusForm={() => focusForm(procedure !== null)}
      />
      <div className="reception-layout">
        <form
          className="panel"
          aria-label={t('reception.title')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset>
            <legend>{t('reception.procedure')}</legend>
            <ProcedurePicker
              procedures={procedures}
              chosen={procedure}
              inputRef={searchRef}
              onChoose={(p) => {
                // The new checklist replaces the papers and the scans picked for them: those go back to the scan
                // folder (to be picked again for the new procedure's papers), and the draft without them is written
                // at once, as when a scan is taken off its paper.
                const dropped = Object.values(draft.components).filter((c) => c.attachmentSha256);
                setDraft((d) => ({ ...d, procedureCode: p?.code ?? null, components: p ? checklistFor(p) : {} }), { immediate: dropped.length > 0 });
                if (p) setAskedWithoutProcedure(false);
                if (dropped.length > 0) void putBackScans(dropped);
                // Focus follows the form: after the procedure comes the applicant's name.
                setTimeout(() => (p ? document.querySelector<HTMLInputElement>('input[name="name"]') : searchRef.current)?.focus(), 0);
              }}
            />
            {askedWithoutProcedure && !procedure && (
              <p className="field-error" role="alert" data-testid="procedure-missing">
                {t('reception.procedureMissing')}
              </p>
            )}
          </fieldset>
          <IdCardFill
            applicant={draft.applicant}
            who={whoOf(draft)}
            canFill={!occupied}
            onFill={(applicant) => {
              marks.typed(applicant);
              setDraft((d) => ({ ...d, applicant }));
            }}
            // The procedure first if none is chosen yet; else the name when the card's could not be read, or the
            // phone, the first field a card does not carry.
            focusNext={(nameMissing) =>
              (procedure ? screenRef.current?.querySelector<HTMLInputElement>(`input[name="${nameMissing ? 'name' : 'phone'}"]`) : searchRef.current)?.focus()
            }
            focusForm={() => focusForm(procedure !== null)}
          />
          <ApplicantFields
            applicant={draft.applicant}
            errors={marks.issues}
            nameChecked={marks.checked('name')}
            onChange={(applicant) => {
              marks.typed(applicant);
              setDraft((d) => ({ ...d, applicant }));
            }}
            onBlur={marks.left}
          />
          <ChannelChoice channel={draft.channel} onChange={(channel) => setDraft((d) => ({ ...d, channel }))} />
          {procedure && (
            <ComponentChecklist
              procedure={procedure}
              components={draft.components}
              onChange={(components, options) => setDraft((d) => ({ ...d, components }), options)}
              onScanDropped={(scan) => putBackScans([{ present: true, copies: 1, attachmentSha256: scan.sha256, attachmentName: scan.fileName }])}
            />
          )}
          <DraftSaveNote unsaved={unsaved} savedAt={savedAt} />
        </form>
        <aside className="panel sticky" aria-label={t('reception.appointment')}>
          <AppointmentPanel procedure={procedure} />
          {procedure && <CompletenessNotice missing={missing} />}
          {marks.submitted && (!marks.applicantOk || !marks.copiesOk) && <ErrorBanner error={{ code: 'validation', message: { vi: 'Hãy sửa các ô được đánh dấu trước khi lưu.', en: 'Correct the marked fields before saving.' } }} />}
          <ErrorBanner error={marks.unplacedError} />
          <ErrorBanner error={aside.parkRefused} />
          {slow && <ProgressBar />}
          {procedure && !complete && (
            <Field label={t('reception.refuseReason')} error={marks.noteError}>
              {(p) => <TextArea {...p} name="note" value={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} />}
            </Field>
          )}
          {askingNew && !occupied && (
            <NewReceptionQuestion
              who={whoOf(draft)}
              onKeep={() => {
                setAskingNew(false);
                focusForm(procedure !== null);
              }}
              // Closed once it is set aside (the form emptied); refused at the limit, it stays, with the reason shown.
              onSetAside={() => void aside.setAside()}
              onDiscard={discardForm}
            />
          )}
          {clock.asking && holds.clockSkew && !occupied && (
            <ClockSkewQuestion
              warning={holds.clockSkew}
              onWait={clock.close}
              onSaveAnyway={() => {
                clock.accept();
                void save(true);
              }}
            />
          )}
          <div className="stack">
            {/* Before a procedure is chosen, Save (and F2) says to choose one rather than doing nothing. */}
            <ActionButton variant="primary" shortcut="F2" busy={busy || linking} disabled={procedure !== null && !complete} onActivate={() => void save()} data-testid="save-reception">
              {t('reception.save')}
            </ActionButton>
            {procedure && !complete && (
              <>
                <ActionButton busy={busy || linking} onActivate={guide} shortcut="Alt+B">
                  {t('reception.guide')}
                </ActionButton>
                <ActionButton variant="danger" busy={busy} onActivate={() => void refuse()} shortcut="Alt+T">
                  {t('reception.refuse')}
                </ActionButton>
              </>
            )}
            <ActionButton onActivate={() => void aside.setAside()} shortcut="Alt+R" disabled={!draftHasContent(draft) || busy || linking} busy={aside.parking} data-testid="set-aside">
              {t('reception.setAside')}
            </ActionButton>
            <ActionButton variant="ghost" onActivate={askNew} shortcut="Alt+N">
              {t('reception.newReception')}
            </ActionButton>
          </div>
        </aside>
      </div>
      {printed && (
        <ReceptionPrint
          printed={printed}
          header={header}
          onClose={() => {
            setPrinted(null);
            setTimeout(() => searchRef.current?.focus(), 0);
          }}
        />
      )}
    </div>
  );
}
