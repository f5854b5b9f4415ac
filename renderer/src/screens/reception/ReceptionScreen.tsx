/**
 * The main screen: receive a dossier at the counter. Procedure → applicant → channel → checklist, the appointment
 * computed live, then Save (F2) which prints the receipt (form 01). An incomplete dossier can only be refused
 * (form 03, recorded) or sent back with a supplement list (form 02, printed guidance). A citizen sent to fetch a
 * missing paper can be set aside ("Để riêng") while the clerk serves the next one, and taken up again on return.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, LocalizedText } from '../../../../shared/result';
import type { Receipt } from '../../../../shared/api/dossier-views';
import { ActionButton, ErrorBanner, Field, Notice, ProgressBar, TextArea } from '../../components/ui';
import { fieldErrorsOf } from '../../components/desk-errors';
import { afterPress, watchPresses } from './after-press';
import { useDeskAction } from '../../components/use-desk-call';
import { useDesk } from '../../desk-context';
import { useTranslation } from '../../i18n';
import { useProcedureCatalog } from '../../store/catalog';
import { useSession } from '../../store/session';
import { useDeskInfo, unitNameOf } from '../../store/desk-info';
import type { DraftStore } from '../../drafts/draft-store';
import { formatVnDateTime } from '../../format/vn-time';
import { PrintPreview } from '../../forms/print-preview';
import { usePublicLookupUrl } from '../../forms/use-lookup-url';
import { ReceiptSlip, RefusalForm, SupplementRequestForm, type NoticeData, type ReceiptSlipData } from '../../forms/forms';
import { ApplicantFields } from './ApplicantFields';
import { AppointmentPanel } from './AppointmentPanel';
import { ComponentChecklist } from './ComponentChecklist';
import { ProcedurePicker } from './ProcedurePicker';
import { useReceptionDraft, type SavedReceptionDraft } from './use-reception-draft';
import { PARKED_LIMIT, useParkedReceptions, type ParkedReception } from './use-parked-receptions';
import { ParkedReceptions, useParkedWho } from './ParkedReceptions';
import { NewReceptionQuestion } from './NewReceptionQuestion';
import { DraftOffers } from './DraftOffers';
import { useScanPutBack } from './use-scan-put-back';
import { DeskHoldNotices, useDeskHolds } from './DeskHolds';
import { Question } from '../../components/Question';
import { applicantInput, applicantIssues, checklistFor, dossierComponents, draftHasContent, missingMandatory, papersWithWrongCopies, scansNotLinked, scansToLink, storedApplicant, type ApplicantField, type DeskChannel, type ReceptionDraft } from './model';
import { processingTimeText } from '../../format/processing-time';

type Printed = { kind: '01'; slip: ReceiptSlipData } | { kind: '02' | '03'; notice: NoticeData };

/** What was just done, kept as data and put in words when shown, so the words follow the language the clerk picks. */
type Done = { kind: 'saved'; code: string } | { kind: 'refused' } | { kind: 'guided' } | { kind: 'setAside'; draft: ReceptionDraft };

export function ReceptionScreen({ drafts }: { drafts: DraftStore }) {
  const { t, i18n } = useTranslation();
  const lookupUrl = usePublicLookupUrl();
  const { call } = useDesk();
  const user = useSession((s) => s.user)!;
  const info = useDeskInfo((s) => s.info);
  const { procedures, byCode, error: catalogError } = useProcedureCatalog();
  const { draft, setDraft: storeDraft, offers, restore, discardOffers, reset, replace, savedAt, unsaved, offersNotSaved, discardFailed, scansStillNamed, offersReadFailed } = useReceptionDraft(drafts, user.id);
  const { parked, park, remove: unpark, readFailed: parkedReadFailed } = useParkedReceptions(drafts, user.id);
  const { putBackScans, notReturnedCount } = useScanPutBack(scansStillNamed);
  const procedureNameOf = (code: string | null) => (code ? (byCode.get(code)?.name ?? code) : null);
  const whoOf = useParkedWho(procedureNameOf);
  /** While a form is being set aside or taken up again: a second press must not park or resume twice. */
  const [parking, setParking] = useState(false);
  const [parkRefused, setParkRefused] = useState<AppError | null>(null);
  /** "Tiếp nhận hồ sơ mới" was asked for over a form that holds typing: what to do with it is being asked. */
  const [askingNew, setAskingNew] = useState(false);
  /** The one set aside with the ID number of the citizen just saved or refused (see alsoSetAside). */
  const [alsoAside, setAlsoAside] = useState<ReceptionDraft | null>(null);
  const { run, busy, slow, error, setError } = useDeskAction();
  const [touched, setTouched] = useState<Set<ApplicantField>>(new Set());
  /** Fields the clerk has typed in since the form was last emptied: checked when left, even if emptied again. */
  const edited = useRef(new Set<ApplicantField>());
  const [submitted, setSubmitted] = useState(false);
  // Only a refusal must give its reason (form 03 records it); guidance may go without a note.
  const [refusalTried, setRefusalTried] = useState(false);
  const [printed, setPrinted] = useState<Printed | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [scanError, setScanError] = useState<AppError | null>(null);
  const holds = useDeskHolds();
  useEffect(watchPresses, []);
  /**
   * With the PC's clock wrong, the first F2 asks before a slip with a wrong time and appointment is printed; once the
   * clerk has answered "save anyway" the screen does not ask again (a desk offline for days must still work).
   */
  const [askingClock, setAskingClock] = useState(false);
  const [clockAccepted, setClockAccepted] = useState(false);
  const [linking, setLinking] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  // A counter, so two refused attempts in a row both move the focus to what is wrong.
  const [problemTry, setProblemTry] = useState(0);
  const focusProblem = () => setProblemTry((n) => n + 1);

  // After a refused save, refusal or guidance the clerk's button stays where it was and the error appears elsewhere
  // (the reason box is at the other side of the screen): the keyboard goes to the first marked field.
  useEffect(() => {
    if (problemTry === 0) return;
    screenRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [problemTry]);

  // Where the keyboard goes once the form has been redrawn (emptied, or filled with a dossier taken up again): asked
  // for from code that awaits the draft store, after which a timer could run before the new form is in the page.
  const [formFocus, setFormFocus] = useState<{ to: 'search' | 'name' } | null>(null);
  useEffect(() => {
    if (!formFocus) return;
    (formFocus.to === 'name' ? screenRef.current?.querySelector<HTMLInputElement>('input[name="name"]') : searchRef.current)?.focus();
  }, [formFocus]);
  /** The keyboard back in the form: the applicant's name once a procedure is chosen, else the procedure search. */
  const focusForm = (hasProcedure: boolean) => setFormFocus({ to: hasProcedure ? 'name' : 'search' });

  /**
   * The clerk's own changes to the form. The first one starts the next dossier: the last one's "received" no longer
   * stands above a form that may yet be refused, as if this one had gone through too.
   */
  const setDraft: typeof storeDraft = (next, options) => {
    setDone(null);
    storeDraft(next, options);
  };

  const procedure = draft.procedureCode ? (byCode.get(draft.procedureCode) ?? null) : null;
  const missing = procedure ? missingMandatory(procedure, draft) : [];
  const localIssues = useMemo(
    () => applicantIssues(draft.applicant, (max) => ({ vi: i18n.t('reception.tooLong', { lng: 'vi', max }), en: i18n.t('reception.tooLong', { lng: 'en', max }) })),
    [draft.applicant, i18n],
  );
  const deskIssues = fieldErrorsOf(error, 'applicant.');
  const shownIssues: Partial<Record<ApplicantField, LocalizedText>> = {};
  for (const field of Object.keys(localIssues) as ApplicantField[]) {
    if (submitted || touched.has(field)) shownIssues[field] = localIssues[field];
  }
  for (const [field, message] of Object.entries(deskIssues)) shownIssues[field as ApplicantField] ??= message;
  const applicantOk = Object.keys(localIssues).length === 0;
  // Copies the desk would refuse are marked on their row as typed; they only hold the save back.
  const copiesOk = procedure === null || papersWithWrongCopies(procedure, draft).length === 0;
  const complete = procedure !== null && missing.length === 0;

  const header = { unitName: unitNameOf(info?.unitCode), clerkName: user.displayName, printedAt: new Date() };

  /** No field marked, as for a form just opened. */
  const clearMarks = () => {
    setAskingNew(false);
    setAskingClock(false);
    setTouched(new Set());
    edited.current.clear();
    setSubmitted(false);
    setRefusalTried(false);
  };

  /** After a reception or a refusal: the form is empty, and no field is marked for the next citizen. */
  const clearForNext = () => {
    reset();
    clearMarks();
    setAlsoAside(null);
  };

  /**
   * The citizen just saved or refused may also wait in the list, set aside earlier and then typed afresh: taken up
   * later, that copy would make a second dossier. Said, not removed: the same ID number may bring another matter.
   */
  const alsoSetAside = (saved: ReceptionDraft): ReceptionDraft | null => {
    // As typed, in groups or not ("001 203 004 567", a tax code's "-001").
    const idOf = (d: ReceptionDraft) => d.applicant.idNumber.replace(/[\s.-]/g, '');
    const id = idOf(saved);
    if (id === '') return null;
    const twin = parked.find((p) => idOf(p.value) === id && (p.value.procedureCode === null || p.value.procedureCode === saved.procedureCode));
    return twin?.value ?? null;
  };

  const startNew = () => {
    clearForNext();
    setError(null);
    setScanError(null);
    setDone(null);
    focusForm(false);
  };


  /** A message of the screen's, in both languages, as the desk's errors come. */
  const bothLanguages = (key: 'scansNotReturned' | 'parkedReadFailed' | 'draftsReadFailed', values: Record<string, unknown>, code: string): AppError => ({
    code,
    message: { vi: i18n.t(`reception.${key}`, { lng: 'vi', ...values }), en: i18n.t(`reception.${key}`, { lng: 'en', ...values }) },
  });

  const limitReached = (): AppError => ({
    code: 'parked_limit',
    message: { vi: i18n.t('reception.parkedLimit', { lng: 'vi', n: PARKED_LIMIT }), en: i18n.t('reception.parkedLimit', { lng: 'en', n: PARKED_LIMIT }) },
  });

  /** The draft store would not take a reception set aside, or give one up: what stayed where, in both languages. */
  const parkedStoreFailed = (key: 'parkFailed' | 'resumeFailed' | 'unparkFailed' | 'parkedDiscardFailed', who: string): AppError => ({
    code: 'draft_store_failed',
    message: { vi: i18n.t(`reception.${key}`, { lng: 'vi', who }), en: i18n.t(`reception.${key}`, { lng: 'en', who }) },
  });

  /**
   * While a reception or refusal is being recorded (its scans linked), the form must stay the one it was made from:
   * its end empties the form, and would empty one set in its place, or leave the saved citizen in the list.
   */
  const occupied = busy || linking || parking;

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

  /** The citizen went to fetch a paper: their form is kept aside, whole (scans included), and emptied for the next. */
  const setAside = async () => {
    if (occupied || !draftHasContent(draft)) return;
    setParking(true);
    try {
      // At the limit, or with the draft store failing, nothing moves: the form stays on screen as typed, and the
      // clerk is told what to do.
      const parked = await park(draft);
      if (parked === 'full') return setParkRefused(limitReached());
      if (parked === 'failed') return setParkRefused(parkedStoreFailed('parkFailed', whoOf(draft)));
      startNew();
      setDone({ kind: 'setAside', draft });
      setParkRefused(null);
    } finally {
      setParking(false);
    }
  };

  /** The citizen is back: their form returns; one being typed meanwhile takes its place in the list, so nothing is lost. */
  const resume = async (entry: ParkedReception) => {
    if (occupied) return;
    setParking(true);
    try {
      // The form being typed could not be set aside: it stays on screen, and the one asked for stays in the list.
      if (draftHasContent(draft) && (await park(draft, { swap: true })) !== 'parked') {
        return setParkRefused(parkedStoreFailed('resumeFailed', whoOf(entry.value)));
      }
      // The copy set aside goes only once the form is in the drafts: if it could not be written (the failure is
      // said), that copy is the one a reload finds. One the store would not give up stays listed beside the form
      // taken up, holding the same scans: the clerk is told to leave it until this dossier is done.
      const stuck = (await replace(entry.value)) && !(await unpark(entry));
      clearMarks();
      setError(null);
      setScanError(null);
      setDone(null);
      setParkRefused(stuck ? parkedStoreFailed('unparkFailed', whoOf(entry.value)) : null);
      setAlsoAside(null);
      focusForm(entry.value.procedureCode !== null);
    } finally {
      setParking(false);
    }
  };

  /** Thrown away: the scans picked for it go back to the scan folder (while the desk still knows them as unlinked). */
  const discardParked = async (entry: ParkedReception): Promise<boolean> => {
    // Still listed (and in the store) if it could not be removed: its scans stay with it, not back in the folder.
    if (!(await unpark(entry))) {
      setParkRefused(parkedStoreFailed('parkedDiscardFailed', whoOf(entry.value)));
      return false;
    }
    setParkRefused(null);
    setAlsoAside(null);
    await putBackScans(Object.values(entry.value.components));
    return true;
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
    setSubmitted(true);
    if (!procedure || !complete || linking || parking) return;
    setDone(null);
    if (!applicantOk || !copiesOk) return focusProblem();
    if (holds.clockSkew && !clockAccepted && !acceptClock) return setAskingClock(true);
    setAskingClock(false);
    const result = await run('dossiers.receive', {
      // The form's id, the same on every retry: a reception recorded whose answer was lost is answered again.
      requestId: draft.id,
      procedureCode: procedure.code,
      channel: draft.channel,
      applicant: applicantInput(draft.applicant),
      components: dossierComponents(procedure, draft).map((c) => ({ componentId: c.componentId, present: c.present, copies: c.copies })),
    });
    if (!result.ok) return focusProblem();
    const receipt: Receipt = result.value;
    // Until the scans are linked and the form is reset, a second F2 must not receive the same citizen twice.
    setLinking(true);
    let linked: Set<string>;
    try {
      linked = await linkScans(receipt);
    } finally {
      setLinking(false);
    }
    const components = dossierComponents(procedure, draft).map((c) => {
      if (c.attachmentSha256 === undefined || linked.has(c.componentId)) return c;
      const { attachmentSha256: _notLinked, ...rest } = c;
      return rest;
    });
    setPrinted({
      kind: '01',
      slip: {
        code: receipt.code,
        pin: receipt.pin,
        // As the desk stored it, read with the desk's own schema, as every reprint shows it (a phone typed
        // "+84 912 345 678" is kept as "0912345678"); not read back, which would count as a view in the audit trail.
        applicant: storedApplicant(draft.applicant) ?? applicantInput(draft.applicant),
        procedureName: procedure.name,
        processingTime: processingTimeText(procedure, 'vi'),
        components,
        receivedAt: receipt.receivedAt,
        dueAt: receipt.dueAt,
        lookupUrl,
      },
    });
    const twin = alsoSetAside(draft);
    clearForNext();
    // The scans of papers left unticked (and of any whose link failed) belong to no dossier: back to the scan folder,
    // after the links, as when the clerk takes a scan off its paper. Not waited for: the slip is for the citizen.
    void putBackScans(scansNotLinked(draft, linked), draft);
    setAlsoAside(twin);
    setDone({ kind: 'saved', code: receipt.code });
  };

  /**
   * The scans picked for the papers, linked now that the dossier exists (one event each, through the same
   * `attachments.link` as the detail screen). The reception itself is already recorded: a scan that cannot be
   * linked is reported for the clerk to attach from the dossier screen, and left off the slip.
   */
  const linkScans = async (receipt: Receipt): Promise<Set<string>> => {
    const linked = new Set<string>();
    if (!procedure) return linked;
    const failed: string[] = [];
    let version = receipt.dossier.version;
    for (const scan of scansToLink(procedure, draft)) {
      const r = await call('attachments.link', { dossierId: receipt.dossier.id, sha256: scan.sha256, ...(scan.fileName ? { fileName: scan.fileName } : {}), target: { componentId: scan.componentId }, expectedVersion: version });
      if (r.ok) {
        linked.add(scan.componentId);
        version = r.value.dossier.version;
      } else {
        failed.push(scan.name);
      }
    }
    setScanError(
      failed.length > 0
        ? { code: 'scan_not_linked', message: { vi: i18n.t('reception.scanLinkFailed', { lng: 'vi', code: receipt.code, names: failed.join(', ') }), en: i18n.t('reception.scanLinkFailed', { lng: 'en', code: receipt.code, names: failed.join(', ') }) } }
        : null,
    );
    return linked;
  };

  const notice = (): NoticeData => ({
    code: null,
    // As the desk stores it (form 03 is recorded), as the slip does; null while a field is marked wrong.
    applicant: storedApplicant(draft.applicant),
    procedureName: procedure?.name ?? '',
    items: missing.map((c) => c.name),
    reason: draft.note.trim(),
  });

  const refuse = async () => {
    if (parking) return;
    setAskingNew(false);
    setSubmitted(true);
    setRefusalTried(true);
    if (!procedure) return;
    setDone(null);
    if (!applicantOk || draft.note.trim() === '') return focusProblem();
    const result = await run('dossiers.refuse', {
      // The form's id, as for the reception: a refusal whose answer was lost is not recorded twice on a retry.
      requestId: draft.id,
      procedureCode: procedure.code,
      channel: draft.channel,
      applicant: applicantInput(draft.applicant),
      reason: draft.note.trim(),
      ...(missing.length > 0 ? { missingItems: missing.map((c) => c.name) } : {}),
    });
    if (!result.ok) return focusProblem();
    // The citizen takes the papers away, and form 03 records only what was missing: a refusal made at the desk has no
    // papers a scan could be linked to, and keeping their ID scans would keep personal data for no dossier. Back to
    // the scan folder, where the clerk picks them again when the citizen returns, or deletes them. Asked once the
    // form is emptied, so the form on screen no longer names them.
    setPrinted({ kind: '03', notice: notice() });
    const twin = alsoSetAside(draft);
    clearForNext();
    void putBackScans(scansNotLinked(draft), draft);
    setAlsoAside(twin);
    setDone({ kind: 'refused' });
  };

  const guide = () => {
    setAskingNew(false);
    setSubmitted(true);
    // A form 02 printed while a field is marked wrong would leave the applicant off the paper without a word.
    if (!procedure) return;
    setDone(null);
    if (!applicantOk) return focusProblem();
    // Guidance is advice, not a record: nothing is stored, the draft stays for when the citizen comes back.
    setPrinted({ kind: '02', notice: notice() });
    setDone({ kind: 'guided' });
  };

  const noteError: LocalizedText | null =
    refusalTried && !complete && draft.note.trim() === '' ? { vi: 'Hãy ghi lý do từ chối tiếp nhận.', en: 'Write the reason for the refusal.' } : null;

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
      {done && (
        <Notice tone="success">
          <div className="row">
            <span data-testid="reception-done">
              {done.kind === 'saved'
                ? t('reception.saved', { code: done.code })
                : done.kind === 'setAside'
                  ? t('reception.setAsideDone', { who: whoOf(done.draft) })
                  : t(`reception.${done.kind}`)}
            </span>
          </div>
        </Notice>
      )}
      {alsoAside && (
        <Notice tone="warning">
          <span data-testid="also-set-aside">{t('reception.alsoSetAside', { who: whoOf(alsoAside) })}</span>
        </Notice>
      )}
      <DeskHoldNotices holds={holds} />
      <ErrorBanner error={scanError} />
      <ErrorBanner error={notReturnedCount > 0 ? bothLanguages('scansNotReturned', { count: notReturnedCount }, 'scans_not_returned') : null} />
      <ErrorBanner error={catalogError} />
      <ErrorBanner error={parkedReadFailed ? bothLanguages('parkedReadFailed', {}, 'draft_store_failed') : null} />
      <ErrorBanner error={offersReadFailed ? bothLanguages('draftsReadFailed', {}, 'draft_store_failed') : null} />
      <ParkedReceptions
        parked={parked}
        procedureName={procedureNameOf}
        canResume={!occupied}
        onResume={(entry) => void resume(entry)}
        onDiscard={discardParked}
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
                if (dropped.length > 0) void putBackScans(dropped);
                // Focus follows the form: after the procedure comes the applicant's name.
                setTimeout(() => (p ? document.querySelector<HTMLInputElement>('input[name="name"]') : searchRef.current)?.focus(), 0);
              }}
            />
          </fieldset>
          <ApplicantFields
            applicant={draft.applicant}
            errors={shownIssues}
            onChange={(applicant) => {
              for (const field of Object.keys(applicant) as ApplicantField[])
                if (applicant[field] !== draft.applicant[field]) edited.current.add(field);
              setDraft((d) => ({ ...d, applicant }));
            }}
            // A field left empty without typing in it shows "required" only when the dossier is saved: the procedure
            // puts the keyboard in the name, and an error appearing as the clerk clicked elsewhere moved the page under
            // the click (the first tick of a paper went astray). A field with a value (a restored draft's too) is
            // checked when left, as before.
            onBlur={(field) => {
              // Shown once a mouse press that left the field has become its click (after-press.ts).
              if (edited.current.has(field) || String(draft.applicant[field] ?? '').trim() !== '') afterPress(() => setTouched((s) => new Set(s).add(field)));
            }}
          />
          <fieldset>
            <legend>{t('reception.channel')}</legend>
            <div className="radio-row">
              {(['in_person', 'postal'] as DeskChannel[]).map((channel) => (
                <label key={channel}>
                  <input type="radio" name="channel" checked={draft.channel === channel} onChange={() => setDraft((d) => ({ ...d, channel }))} />
                  {t(`reception.channels.${channel}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {procedure && (
            <ComponentChecklist
              procedure={procedure}
              components={draft.components}
              onChange={(components, options) => setDraft((d) => ({ ...d, components }), options)}
              onScanDropped={(scan) => putBackScans([{ present: true, copies: 1, attachmentSha256: scan.sha256, attachmentName: scan.fileName }])}
            />
          )}
          {unsaved && (
            <p className="banner banner-warning" role="alert" data-testid="draft-not-saved">
              {t('reception.draftNotSaved')}
            </p>
          )}
          {savedAt && (
            <p className="muted" aria-live="polite" data-testid="draft-saved" data-saved-at={savedAt}>
              {t('reception.draftSaved')} · {formatVnDateTime(savedAt)}
            </p>
          )}
        </form>
        <aside className="panel sticky" aria-label={t('reception.appointment')}>
          <AppointmentPanel procedure={procedure} />
          {procedure && (
            <div data-testid="completeness">
              {complete ? (
                <Notice tone="success">{t('reception.complete')}</Notice>
              ) : (
                <Notice tone="warning">
                  <strong>{t('reception.incomplete', { count: missing.length })}</strong>
                  <ul>
                    {missing.map((c) => (
                      <li key={c.id}>{c.name}</li>
                    ))}
                  </ul>
                  <span>{t('reception.incompleteHint')}</span>
                </Notice>
              )}
            </div>
          )}
          {submitted && (!applicantOk || !copiesOk) && <ErrorBanner error={{ code: 'validation', message: { vi: 'Hãy sửa các ô được đánh dấu trước khi lưu.', en: 'Correct the marked fields before saving.' } }} />}
          <ErrorBanner error={error && Object.keys(deskIssues).length === 0 ? error : null} />
          <ErrorBanner error={parkRefused} />
          {slow && <ProgressBar />}
          {procedure && !complete && (
            <Field label={t('reception.refuseReason')} error={noteError}>
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
              onSetAside={() => void setAside()}
              onDiscard={discardForm}
            />
          )}
          {askingClock && holds.clockSkew && !occupied && (
            <Question
              question={t('reception.clockSkewQuestion')}
              body={holds.clockSkew}
              onKeep={() => setAskingClock(false)}
              data-testid="clock-skew-question"
            >
              <ActionButton variant="primary" data-answer="keep" onActivate={() => setAskingClock(false)}>
                {t('reception.clockSkewWait')}
              </ActionButton>
              <ActionButton
                onActivate={() => {
                  setClockAccepted(true);
                  void save(true);
                }}
              >
                {t('reception.clockSkewSaveAnyway')}
              </ActionButton>
            </Question>
          )}
          <div className="stack">
            <ActionButton variant="primary" shortcut="F2" busy={busy || linking} disabled={!complete} onActivate={() => void save()} data-testid="save-reception">
              {t('reception.save')}
            </ActionButton>
            {procedure && !complete && (
              <>
                <ActionButton onActivate={guide} shortcut="Alt+B">
                  {t('reception.guide')}
                </ActionButton>
                <ActionButton variant="danger" busy={busy} onActivate={() => void refuse()} shortcut="Alt+T">
                  {t('reception.refuse')}
                </ActionButton>
              </>
            )}
            <ActionButton onActivate={() => void setAside()} shortcut="Alt+R" disabled={!draftHasContent(draft) || busy || linking} busy={parking} data-testid="set-aside">
              {t('reception.setAside')}
            </ActionButton>
            <ActionButton variant="ghost" onActivate={askNew} shortcut="Alt+N">
              {t('reception.newReception')}
            </ActionButton>
          </div>
        </aside>
      </div>
      {printed && (
        <PrintPreview
          title={printed.kind === '01' ? t('detail.printSlip') : t('detail.printForm', { form: printed.kind })}
          onClose={() => {
            setPrinted(null);
            setTimeout(() => searchRef.current?.focus(), 0);
          }}
        >
          {printed.kind === '01' && <ReceiptSlip header={header} slip={printed.slip} />}
          {printed.kind === '02' && <SupplementRequestForm header={header} data={printed.notice} />}
          {printed.kind === '03' && <RefusalForm header={header} data={printed.notice} />}
        </PrintPreview>
      )}
    </div>
  );
}
