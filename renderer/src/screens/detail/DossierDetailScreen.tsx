/**
 * One dossier: everything about it, its attachments, the timeline of events (who, when, synced or not), the
 * actions its status and the clerk's role allow, and the forms to print (01–05).
 */
import { useEffect, useRef, useState } from 'react';
import type { DossierDetail, TimelineEntry } from '../../../../shared/api/dossier-views';
import type { DeskApiInput, DeskApiMethod } from '../../../../shared/api/desk-api';
import type { LocalizedText } from '../../../../shared/result';
import { componentFormLabels } from '../../../../shared/domain/procedure';
import { formatPin } from '../../../../shared/domain/pin';
import { DossierStatus } from '../../../../shared/domain/dossier';
import { useDesk } from '../../desk-context';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { ActionButton, ErrorBanner, Notice, ProgressBar } from '../../components/ui';
import { DueBadge, StatusBadge } from '../../components/badges';
import { useLanguage, useLocalized, useTranslation } from '../../i18n';
import { formatVnDateTime, formatVnd } from '../../format/vn-time';
import { useSession } from '../../store/session';
import { useSyncState } from '../../store/sync';
import { agencyNameOf, useDeskInfo, unitNameOf } from '../../store/desk-info';
import { PrintPreview } from '../../forms/print-preview';
import { usePublicLookupUrl } from '../../forms/use-lookup-url';
import { ApologyForm, ControlSlipForm, ReceiptSlip, RefusalForm, SupplementRequestForm } from '../../forms/forms';
import { useNow } from '../reception/AppointmentPanel';
import { useActionClockWarning } from '../../store/clock';
import { Question } from '../../components/Question';
import { papersOf, actionInput, initialValues, problemsOnForm, specFor, type ActionSpec, type ActionValues } from './actions';
import { ActionForm } from './ActionForm';
import { processingTimeText } from '../../format/processing-time';
import { feeText } from '../../format/fee';
import { idNumberLabel } from '../../format/applicant-labels';
import { Attachments } from './Attachments';
import { Timeline } from './Timeline';
import { ConflictNotice } from './ConflictNotice';
import { legalLateness } from './legal-lateness';
import { whereabouts } from './whereabouts';
import { useFocusAfterAction } from './use-focus-after-action';

type FormNo = '01' | '02' | '03' | '04' | '05';

/** Received and not ended: the appointment on form 01 still stands (not after a withdrawal, a stop or the return). */
const SLIP_STANDS: readonly number[] = [
  DossierStatus.Received,
  DossierStatus.Processing,
  DossierStatus.SupplementRequested,
  DossierStatus.FeesRequested,
  DossierStatus.Resolved,
];

export function DossierDetailScreen({ dossierId }: { dossierId: string }) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useDeskQuery('dossiers.get', { dossierId }, [dossierId]);
  useReloadAfterSync(reload);
  if (loading && !data) return <p>{t('app.loading')}</p>;
  if (!data)
    return (
      <div>
        <h1>{t('detail.title')}</h1>
        <ErrorBanner error={error} />
      </div>
    );
  return <DetailView detail={data} reload={reload} />;
}

/**
 * A round of sync can change what the clerk is looking at (the dossier's sync state, or another desk's action on
 * it), so the detail is read again whenever the pending count or the last successful sync moves.
 */
function useReloadAfterSync(reload: () => void): void {
  const mark = useSyncState((s) => (s.snapshot ? `${s.snapshot.pending}|${s.snapshot.lastSyncAt}` : ''));
  const seen = useRef(mark);
  useEffect(() => {
    if (mark === seen.current) return;
    seen.current = mark;
    reload();
  }, [mark, reload]);
}

function DetailView({ detail, reload }: { detail: DossierDetail; reload: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const localized = useLocalized();
  const { call } = useDesk();
  const user = useSession((s) => s.user)!;
  const info = useDeskInfo((s) => s.info);
  const now = useNow();
  const { run, busy, slow, error, setError } = useDeskAction();
  const lookupUrl = usePublicLookupUrl();
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [problems, setProblems] = useState<Record<string, LocalizedText>>({});
  const [printing, setPrinting] = useState<FormNo | null>(null);
  /**
   * The papers an online dossier being checked still lacks, while its guidance (form 02) is printed: advice, not a
   * record, as at the counter; the dossier stays "Mới đăng ký" until it is received or refused.
   */
  const [guidance, setGuidance] = useState<string[] | null>(null);
  /**
   * The form an action prints, held until the dossier is read again: drawn from the detail as it was before the
   * action, a new receipt would give the citizen the old appointment (a sync round can keep the re-read waiting).
   */
  const [printAfter, setPrintAfter] = useState<{ form: FormNo; before: DossierDetail } | null>(null);
  useEffect(() => {
    if (!printAfter || detail === printAfter.before) return;
    setPrintAfter(null);
    setPrinting(printAfter.form);
  }, [detail, printAfter]);
  const [done, setDone] = useState(false);
  const { refs, focusAfter, rememberOpener } = useFocusAfterAction();
  const { state, summary, procedure, timeline } = detail;
  /**
   * With the PC's clock found wrong, an action asks before it writes a wrong time into the dossier (as the reception
   * asks before printing); answered "record anyway", this dossier's next actions do not ask again. The desk itself
   * asks too when the clock reads earlier than its own unsent deed on the dossier (`clock_unconfirmed`), and refuses
   * a deed dated before what the server holds of the dossier (dossiers/clock-order.ts).
   */
  const clockWarning = useActionClockWarning();
  const [clockAccepted, setClockAccepted] = useState(false);
  const [askingClock, setAskingClock] = useState<{ spec: ActionSpec; values: ActionValues; body: string } | null>(null);
  useEffect(() => {
    setDone(false);
    setClockAccepted(false);
    setAskingClock(null);
  }, [state.id]);
  // Opened from a list, a board or a scanned slip, the screen first shows "loading", so the app's move of the focus
  // to the new screen's heading finds none and the focus is left on <body>: the dossier's own heading takes it.
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) title.current?.focus();
  }, [state.id]);

  const header = { unitName: unitNameOf(state.unitCode ?? info?.unitCode), clerkName: user.displayName, printedAt: new Date() };
  /**
   * A form records a deed (received, asked for the supplement, refused, re-appointed, handed over): it is signed in
   * the name of the clerk who did it and dated the day it was done, not by whoever reprints it later nor that day.
   * The latest such event; without one, the clerk at the desk and today.
   */
  const signedBy = (...types: TimelineEntry['type'][]) => {
    const deed = timeline.findLast((e) => types.includes(e.type));
    return deed ? { ...header, clerkName: deed.actor.name, actAt: deed.deviceTime } : header;
  };
  const actions = detail.allowedActions.map(specFor).filter((s): s is ActionSpec => s !== undefined);
  const handovers = timeline.filter((e) => e.type === 'dossier.handed_over' || e.type === 'dossier.transferred');
  const refusal = timeline.find((e) => e.type === 'dossier.refused');
  const reappointment = timeline.find((e) => e.type === 'dossier.reappointed');
  const lateness = legalLateness(state, now);
  const where = whereabouts(state);

  const submit = async (spec: ActionSpec, values: ActionValues, clockConfirmed = clockAccepted) => {
    const built = actionInput(spec, values, detail, (info?.units ?? []).map((u) => u.code));
    if (!built.ok) {
      setProblems(built.problems);
      focusAfter('problem');
      return;
    }
    setProblems({});
    if (clockWarning && !clockConfirmed) {
      setAskingClock({ spec, values, body: clockWarning });
      return;
    }
    setAskingClock(null);
    const input = clockConfirmed ? { ...built.input, clockConfirmed: true } : built.input;
    const result = await run(spec.method as DeskApiMethod, input as DeskApiInput<DeskApiMethod>);
    if (!result.ok && result.error.code === 'clock_unconfirmed') {
      // The desk's own question (its clock reads earlier than its unsent deed on this dossier): asked here, not shown
      // as an error.
      setError(null);
      setAskingClock({ spec, values, body: localized(result.error.message) });
      return;
    }
    if (!result.ok) {
      setProblems(problemsOnForm(spec, result.error));
      focusAfter('problem');
      return;
    }
    setOpen(null);
    setDone(true);
    reload();
    // The print preview takes the focus itself, and gives it back to the notice when it closes.
    if (spec.form) {
      rememberOpener();
      setPrintAfter({ form: spec.form, before: detail });
    } else focusAfter('done');
  };
  const bannerError = error && !(open && Object.keys(problemsOnForm(open, error)).length > 0) ? error : null;

  const printable: FormNo[] = [];
  // The slip promises the result on its date: only while that promise stands (QA: a withdrawn dossier printed one).
  if (state.code && state.pin && state.receivedAt && state.dueAt && SLIP_STANDS.includes(state.status)) printable.push('01');
  if (state.supplement) printable.push('02');
  if (refusal || state.status === 3) printable.push('03');
  if (reappointment) printable.push('04');
  if (handovers.length > 0) printable.push('05');

  return (
    <div data-testid="dossier-detail">
      <div className="row">
        <h1 ref={title} tabIndex={-1}>
          {t('detail.title')}{' '}
          {/* An online dossier gets its code at reception: said in words, as the Friday board says it, not a dash. */}
          {state.code ? (
            <span className="mono" data-testid="detail-code">
              {state.code}
            </span>
          ) : (
            <span data-testid="detail-code">({t('detail.noCode')})</span>
          )}
        </h1>
      </div>
      <p className="row">
        <span data-testid="detail-status">
          <StatusBadge status={state.status} />
        </span>
        <DueBadge dossier={summary} now={now} />
        {summary.fridayNoWait && <span className="badge badge-friday">{t('reception.fridayBadge')}</span>}
        <span className="badge badge-status" data-sync={summary.syncState} data-testid="detail-sync">
          {t('detail.syncState')}: {t(`sync.states.${summary.syncState}`)}
        </span>
      </p>
      {state.voidedReceipts && state.voidedReceipts.length > 0 && (
        <div data-testid="detail-voided-receipts">
          <Notice tone="warning">
            {t('detail.voidedReceipts', { codes: state.voidedReceipts.map((r) => r.code).join(', '), code: state.code ?? '—' })}
          </Notice>
        </div>
      )}
      {state.conflict && (
        <ConflictNotice conflict={state.conflict} timeline={timeline} status={state.status} canResolve={detail.allowedActions.includes('dossier.conflict_resolved')} />
      )}
      {done && (
        <div ref={refs.notice} tabIndex={-1} data-testid="detail-done">
          <Notice tone="success">{t('detail.done')}</Notice>
        </div>
      )}
      <div className="reception-layout">
        <div>
          <section className="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{procedure?.name ?? state.procedureCode}</h2>
            <dl className="facts">
              <dt>{t('reception.applicant')}</dt>
              <dd>{state.applicant?.name ?? '—'}</dd>
              {state.applicant?.idNumber && (
                <>
                  <dt>{t(idNumberLabel(state.applicant))}</dt>
                  <dd className="mono">{state.applicant.idNumber}</dd>
                </>
              )}
              {state.applicant?.phone && (
                <>
                  <dt>{t('reception.phone')}</dt>
                  <dd>{state.applicant.phone}</dd>
                </>
              )}
              {state.applicant?.email && (
                <>
                  <dt>{t('reception.email')}</dt>
                  <dd data-testid="detail-email">{state.applicant.email}</dd>
                </>
              )}
              {state.applicant?.address && (
                <>
                  <dt>{t('reception.address')}</dt>
                  <dd>{state.applicant.address}</dd>
                </>
              )}
              <dt>{t('reception.channel')}</dt>
              <dd>{state.channel ? t(`reception.channels.${state.channel}`) : '—'}</dd>
              {/* The catalog's fee, for the clerk to tell the citizen and to ask for (the fee request starts with it):
                  today's catalog, which the label says, since an older dossier may have been received under another. */}
              {procedure && (
                <>
                  <dt>{t('detail.feeNow')}</dt>
                  <dd data-testid="detail-fee">{feeText(procedure, language, t('reception.feeNone'))}</dd>
                </>
              )}
              {state.submittedAt && (
                <>
                  <dt>{t('detail.submittedOnlineAt')}</dt>
                  <dd>{formatVnDateTime(state.submittedAt)}</dd>
                </>
              )}
              {/* The day it came to the desk: a dossier refused at the counter has no other. One submitted online and
                  not yet received has none: the portal's submission is not a receipt. */}
              {(state.receivedAt || !state.submittedAt) && (
                <>
                  {/* A dossier refused at the counter was never received: its day is the refusal's (QA). */}
                  <dt>{t(state.receivedAt ? 'dossiers.receivedAt' : 'detail.refusedAt')}</dt>
                  <dd>{formatVnDateTime(state.receivedAt ?? state.refusedAt)}</dd>
                </>
              )}
              <dt>{t('dossiers.dueAt')}</dt>
              <dd data-testid="detail-due">{formatVnDateTime(state.dueAt)}</dd>
              {state.originalDueAt && state.originalDueAt !== state.dueAt && (
                <>
                  <dt>{t('detail.originalDue')}</dt>
                  <dd>
                    {formatVnDateTime(state.originalDueAt)}
                    {lateness && (
                      <>
                        {' '}
                        <span className="badge due-overdue" data-testid="legal-lateness">
                          {t(lateness === 'overdue' ? 'detail.lateAgainstOriginal' : 'detail.resolvedLateAgainstOriginal')}
                        </span>
                      </>
                    )}
                  </dd>
                </>
              )}
              {state.pin && (
                <>
                  <dt>{t('detail.pin')}</dt>
                  <dd className="mono">{formatPin(state.pin)}</dd>
                </>
              )}
              {(where?.kind === 'held' || where?.kind === 'resultAtDesk') && (
                <>
                  <dt>{t('detail.currentAgency')}</dt>
                  <dd>{where.kind === 'held' ? where.by : t('detail.resultAtDesk')}</dd>
                </>
              )}
              {where?.kind === 'ended' && (
                <>
                  <dt>{t('detail.ended')}</dt>
                  <dd data-testid="detail-ended">
                    {where.at
                      ? t('detail.endedAt', { what: t(`detail.endedAs.${where.as}`), at: formatVnDateTime(where.at) })
                      : t(`detail.endedAs.${where.as}`)}
                  </dd>
                </>
              )}
              {state.fees && (
                <>
                  <dt>{t('actions.dossiers.requestFees')}</dt>
                  <dd>
                    {formatVnd(state.fees.amountVnd, language)} — {state.fees.reason}
                  </dd>
                </>
              )}
              {state.closingReason && (
                <>
                  <dt>{t('detail.reasonLabel')}</dt>
                  <dd>{state.closingReason}</dd>
                </>
              )}
            </dl>
            {/* A dossier refused at the counter records no papers: no heading over an empty table. */}
            {state.components.length > 0 && <h3>{t('reception.components')}</h3>}
            <table className="plain">
              <tbody>
                {state.components.map((c) => (
                  <tr key={c.componentId}>
                    <td>{c.present ? '✔' : '✘'}</td>
                    <td>{c.name}</td>
                    <td>{localized(componentFormLabels[c.form])}</td>
                    <td>{c.copies}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {state.supplement && (
              <>
                <h3>{t('actions.dossiers.requestSupplement')}</h3>
                <ul>
                  {state.supplement.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <Attachments detail={detail} call={call} onLinked={reload} />
          <section className="panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('detail.timeline')}</h2>
            <Timeline entries={timeline} notApplied={detail.notApplied} adopted={detail.adopted} inOpenConflict={state.conflict?.events.map((c) => c.eventId)} applicant={state.applicant} />
          </section>
        </div>
        <aside className="panel sticky" aria-labelledby="actions-title" ref={refs.panel}>
          <h2 id="actions-title" ref={refs.heading} tabIndex={-1}>
            {t('detail.actions')}
          </h2>
          {bannerError && (
            <div ref={refs.banner} tabIndex={-1}>
              <ErrorBanner error={bannerError} />
            </div>
          )}
          {slow && <ProgressBar />}
          {clockWarning && (
            <Notice tone="warning">
              <span data-testid="detail-clock-warning">⚠ {clockWarning}</span>
            </Notice>
          )}
          {askingClock && (
            <Question
              question={t('clock.actionQuestion')}
              body={askingClock.body}
              onKeep={() => setAskingClock(null)}
              data-testid="detail-clock-question"
            >
              <ActionButton variant="primary" data-answer="keep" onActivate={() => setAskingClock(null)}>
                {t('clock.actionWait')}
              </ActionButton>
              <ActionButton
                busy={busy}
                onActivate={() => {
                  setClockAccepted(true);
                  void submit(askingClock.spec, askingClock.values, true);
                }}
              >
                {t('clock.actionAnyway')}
              </ActionButton>
            </Question>
          )}
          {open ? (
            <ActionForm
              spec={open}
              busy={busy}
              problems={problems}
              // The desk names the choices of a dossier in conflict; the status that stands is always one of them.
              statusChoices={detail.conflictChoices ?? [state.status]}
              // Any unit of the registry but this desk's and the one the dossier is with: its desks then receive it.
              agencyChoices={{
                procedureAgency: procedure?.agency ?? null,
                units: (info?.units ?? []).filter((u) => u.code !== info?.unitCode && u.code !== state.currentAgency),
              }}
              papers={papersOf(detail)}
              initial={initialValues(open, detail, language)}
              {...(open.type === 'dossier.received' && state.status === DossierStatus.SubmittedOnline
                ? {
                    onGuide: (missing: string[]) => {
                      rememberOpener();
                      setGuidance(missing);
                      setPrinting('02');
                    },
                  }
                : {})}
              onSubmit={(values) => void submit(open, values)}
              onCancel={() => {
                const opener = open.type;
                setOpen(null);
                setAskingClock(null);
                setProblems({});
                setError(null);
                // Back to the action's own button, which comes back with the list of actions.
                setTimeout(() => document.querySelector<HTMLElement>(`[data-action="${opener}"]`)?.focus(), 0);
              }}
            />
          ) : (
            <div className="stack" data-testid="dossier-actions">
              {actions.length === 0 && <p className="muted">{t('detail.noActions')}</p>}
              {actions.map((spec) => (
                <ActionButton
                  key={spec.type}
                  data-action={spec.type}
                  variant={spec.tone === 'danger' ? 'danger' : 'secondary'}
                  onActivate={() => {
                    setDone(false);
                    setError(null);
                    setAskingClock(null);
                    if (spec.fields.length === 0 && !spec.explain) void submit(spec, {});
                    else setOpen(spec);
                  }}
                  busy={busy}
                >
                  {t(`actions.${spec.method}`)}
                </ActionButton>
              ))}
            </div>
          )}
          {printable.length > 0 && (
            <div className="stack spaced">
              {printable.map((form) => (
                <ActionButton
                  key={form}
                  variant="ghost"
                  onActivate={() => {
                    rememberOpener();
                    setPrinting(form);
                  }}
                >
                  {form === '01' ? t('detail.printSlip') : t('detail.printForm', { form })}
                </ActionButton>
              ))}
            </div>
          )}
        </aside>
      </div>
      {printing && (
        <PrintPreview
          title={t('detail.printForm', { form: printing })}
          onClose={() => {
            setPrinting(null);
            setGuidance(null);
            focusAfter('returned');
          }}
        >
          {printing === '01' && state.code && state.pin && state.applicant && (
            <ReceiptSlip
              // Given again once a supplement came or the fees were paid, it is signed by who recorded that.
              header={signedBy('dossier.received', 'dossier.supplement_received', 'dossier.fees_paid')}
              slip={{
                code: state.code,
                pin: state.pin,
                applicant: state.applicant,
                procedureName: procedure?.name ?? state.procedureCode ?? '',
                ...(procedure ? { processingTime: processingTimeText(procedure, 'vi') } : {}),
                components: state.components,
                receivedAt: state.receivedAt ?? '',
                dueAt: state.dueAt ?? '',
                lookupUrl,
                ...(state.supplementsReceived ? { supplements: state.supplementsReceived } : {}),
              }}
            />
          )}
          {printing === '02' && (
            <SupplementRequestForm
              header={guidance ? header : signedBy('dossier.supplement_requested')}
              data={{
                code: state.code,
                applicant: state.applicant,
                procedureName: procedure?.name ?? '',
                items: guidance ?? state.supplement?.items ?? [],
                reason: guidance ? '' : (state.supplement?.reason ?? ''),
              }}
            />
          )}
          {printing === '03' && (
            <RefusalForm
              header={signedBy('dossier.refused')}
              data={{
                code: state.code,
                applicant: state.applicant,
                procedureName: procedure?.name ?? '',
                items: ((refusal?.payload as { missingItems?: string[] } | undefined)?.missingItems ?? []),
                reason: state.closingReason ?? (refusal?.payload as { reason?: string } | undefined)?.reason ?? '',
              }}
            />
          )}
          {printing === '04' && reappointment && (
            <ApologyForm
              header={signedBy('dossier.reappointed')}
              data={{
                code: state.code ?? '',
                applicant: state.applicant,
                procedureName: procedure?.name ?? '',
                oldDueAt: state.originalDueAt,
                newDueAt: (reappointment.payload as { newDueAt: string }).newDueAt,
                reason: (reappointment.payload as { reason: string }).reason,
              }}
            />
          )}
          {printing === '05' && (
            <ControlSlipForm
              // Dated by its last line: the latest hand-over, or the result back at the desk.
              header={signedBy('dossier.transferred', 'dossier.handed_over', 'dossier.resolved')}
              code={state.code ?? ''}
              procedureName={procedure?.name ?? ''}
              dueAt={state.dueAt}
              lines={handovers.map((e) => {
                const p = e.payload as { from?: string; to?: string; toAgency?: string; note?: string };
                return { at: e.deviceTime, from: p.from ?? e.actor.name, to: p.to ?? (p.toAgency ? agencyNameOf(p.toAgency) : ''), note: p.note ?? '' };
              })}
              resultBack={
                state.resolvedAt
                  ? { at: state.resolvedAt, from: state.currentAgency ? agencyNameOf(state.currentAgency) : null, legalDueAt: state.originalDueAt ?? state.dueAt }
                  : null
              }
            />
          )}
        </PrintPreview>
      )}
    </div>
  );
}
