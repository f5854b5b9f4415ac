/**
 * The reports dashboard: the district report's figures for a period (this year to today by default) and a unit
 * (the desk's own by default, or one under it), the change against the same period a year earlier, the charts by
 * month and by field, the dossiers behind any figure or month, and exports.
 */
import { useEffect, useRef, useState } from 'react';
import { vnDateKey } from '../../../../shared/calendar/vn-time';
import type { ReportUnitChoice } from '../../../../shared/api/report-months';
import type { Report } from '../../../../shared/reports/report';
import { yearsBack } from '../../../../shared/reports/period';
import type { LocalizedText } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, ProgressBar, Select, TextInput } from '../../components/ui';
import { useDeskQuery } from '../../components/use-desk-call';
import { dateInputProblem, dateKeyToVn, parseVnDateInput } from '../../format/vn-time';
import { useLanguage, useTranslation } from '../../i18n';
import { ByFieldTable } from './ByFieldTable';
import { DrillDown } from './DrillDown';
import { ExportButtons } from './ExportButtons';
import { MonthChart } from './MonthChart';
import {
  defaultPeriod,
  formatCount,
  formatPercent,
  formatPoints,
  headlineCounts,
  headlineRates,
  type DrillTarget,
} from './report-figures';
import './reports.css';

interface Period {
  from: string;
  to: string;
}

/**
 * How long a report may take before the screen says why: after an upgrade or a first sync the desk refolds tens of
 * thousands of dossiers' figures first (electron/desk/reports/report-facts.ts), half a minute on a large store.
 */
export const SLOW_REPORT_MS = 2_000;

/** Shown once a report has been loading for SLOW_REPORT_MS: what the desk is doing, and that the rest still works. */
function SlowRefreshNote() {
  const { t } = useTranslation();
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_REPORT_MS);
    return () => clearTimeout(timer);
  }, []);
  return slow ? (
    <p className="muted" role="status">
      {t('reports.slowRefresh')}
    </p>
  ) : null;
}

/** What every report call of the screen asks for: the period, and the unit when the clerk chose one. */
export interface ReportQuery extends Period {
  unitCode?: string;
}

interface Drill {
  target: DrillTarget;
  title: string;
  /** A month's drill-down lists that month's dossiers, not the whole period's. */
  period?: Period;
}

export function ReportsScreen() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(vnDateKey(new Date())));
  const [unitCode, setUnitCode] = useState<string | undefined>(undefined);
  const [drill, setDrill] = useState<Drill | null>(null);
  /** The dates typed are not a period: the figures of the last one are not left on screen beside the errors. */
  const [typedInvalid, setTypedInvalid] = useState(false);
  const query: ReportQuery = { ...period, ...(unitCode ? { unitCode } : {}) };
  const deps = [period.from, period.to, unitCode];
  const summary = useDeskQuery('reports.summary', query, deps);
  const months = useDeskQuery('reports.months', query, deps);
  const units = useDeskQuery('reports.units', {}, []);
  const choose = (next: Period) => {
    setDrill(null);
    setTypedInvalid(false);
    setPeriod(next);
  };
  const chooseUnit = (next: string) => {
    setDrill(null);
    setUnitCode(next);
  };
  const fieldError = (name: string): LocalizedText | null =>
    summary.error?.field === name ? summary.error.message : null;
  const report = summary.data;
  return (
    <div>
      <h1>{t('reports.title')}</h1>
      <p className="muted">{t('reports.summaryIntro')}</p>
      <PeriodPicker
        period={period}
        onChoose={choose}
        onInvalid={() => setTypedInvalid(true)}
        fromError={fieldError('from')}
        toError={fieldError('to')}
      />
      {units.data && units.data.length > 1 && (
        <UnitPicker
          choices={units.data}
          value={unitCode ?? units.data[0]!.code}
          onChoose={chooseUnit}
          error={fieldError('unitCode')}
        />
      )}
      {summary.error && !summary.error.field && <ErrorBanner error={summary.error} />}
      {summary.loading && <ProgressBar />}
      {summary.loading && <SlowRefreshNote />}
      {report && !summary.error && !typedInvalid && (
        <>
          <p className="muted" data-testid="report-period">
            {t('reports.periodShown', {
              from: dateKeyToVn(report.period.from),
              to: dateKeyToVn(report.period.to),
              judgedOn: dateKeyToVn(report.judgedOn),
            })}
          </p>
          <Headlines report={report} onDrill={(target, title) => setDrill({ target, title })} />
          {drill && !drill.period && <DrillDown query={query} target={drill.target} title={drill.title} />}
          {months.data && months.data.length > 0 && (
            <MonthChart
              months={months.data}
              onDrill={(bar) =>
                setDrill({
                  target: { figure: 'received_new' },
                  title: `${t('reports.newReceived')} – ${bar.full}`,
                  period: bar.period,
                })
              }
            />
          )}
          {months.error && <ErrorBanner error={months.error} />}
          {/* A month's dossiers open under the chart, where the clerk clicked. */}
          {drill?.period && (
            <DrillDown query={{ ...query, ...drill.period }} target={drill.target} title={drill.title} />
          )}
          <ByFieldTable report={report} />
          <ExportButtons query={query} />
        </>
      )}
    </div>
  );
}

function PeriodPicker({
  period,
  onChoose,
  onInvalid,
  fromError,
  toError,
}: {
  period: Period;
  onChoose: (p: Period) => void;
  /** Shown with dates that are not dates: the screen stops showing the last period's figures. */
  onInvalid: () => void;
  fromError: LocalizedText | null;
  toError: LocalizedText | null;
}) {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState(dateKeyToVn(period.from));
  const [to, setTo] = useState(dateKeyToVn(period.to));
  /** What is wrong with each date typed, as the last "Xem báo cáo" found it (null: nothing). */
  const [typed, setTyped] = useState<{ from: LocalizedText | null; to: LocalizedText | null }>({ from: null, to: null });
  const form = useRef<HTMLFormElement>(null);
  const [submits, setSubmits] = useState(0);
  // A refused period (a date that does not exist, or a first day after the last) puts the focus on the field to
  // correct, as the other forms do; the desk's answer comes later than the click, hence the errors in the deps.
  // Not when the clerk has already moved on to something outside the form.
  useEffect(() => {
    if (submits === 0) return;
    const active = document.activeElement;
    if (active && active !== document.body && !form.current?.contains(active)) return;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submits, typed, fromError, toError]);
  const invalid: LocalizedText = {
    vi: i18n.getFixedT('vi')('reports.dateInvalid'),
    en: i18n.getFixedT('en')('reports.dateInvalid'),
  };
  const needed: LocalizedText = {
    vi: i18n.getFixedT('vi')('reports.dateNeeded'),
    en: i18n.getFixedT('en')('reports.dateNeeded'),
  };
  // "Không có ngày 31/02/2026 trong lịch." as the list's dates say it; an empty field is asked for a date (QA: it was
  // told its date was not valid).
  const problem = (text: string): LocalizedText | null =>
    parseVnDateInput(text) ? null : text.trim() === '' ? needed : (dateInputProblem(text) ?? invalid);
  const submit = () => {
    const next = { from: parseVnDateInput(from), to: parseVnDateInput(to) };
    setTyped({ from: problem(from), to: problem(to) });
    setSubmits((n) => n + 1);
    if (next.from && next.to) onChoose({ from: next.from, to: next.to });
    else onInvalid();
  };
  return (
    <form
      ref={form}
      className="report-period"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field label={t('reports.from')} hint={t('reports.dateHint')} error={typed.from ?? fromError}>
        {(props) => (
          <TextInput {...props} value={from} inputMode="numeric" onChange={(e) => setFrom(e.target.value)} />
        )}
      </Field>
      <Field label={t('reports.to')} hint={t('reports.dateHint')} error={typed.to ?? toError}>
        {(props) => (
          <TextInput {...props} value={to} inputMode="numeric" onChange={(e) => setTo(e.target.value)} />
        )}
      </Field>
      {/* The form's submit button: with two date fields and none, Enter in either did nothing. */}
      <ActionButton variant="primary" type="submit">
        {t('reports.show')}
      </ActionButton>
    </form>
  );
}

function UnitPicker({
  choices,
  value,
  onChoose,
  error,
}: {
  choices: readonly ReportUnitChoice[];
  value: string;
  onChoose: (code: string) => void;
  error: LocalizedText | null;
}) {
  const { t } = useTranslation();
  // A desk holds its own unit's dossiers and those transferred to it, never a unit under it whole: a commune's figures
  // here are only what the commune sent up (server/sync/scope.ts). Every unit under the desk's own is one of these.
  const hint = choices.some((c) => c.onlyTransferred) ? t('reports.unitHintTransferred') : choices.some((c) => !c.heldHere) ? t('reports.unitHintNotHeld') : t('reports.unitHint');
  return (
    <div className="report-unit">
      <Field label={t('reports.unit')} hint={hint} error={error}>
        {(props) => (
          <Select
            {...props}
            value={value}
            data-testid="report-unit"
            onChange={(e) => onChoose(e.target.value)}
          >
            {choices.map((c) => (
              // Indented by depth (non-breaking spaces survive in an option), so a commune reads as under its district.
              // A unit whose dossiers this desk does not hold (a commune, on the district's desk) cannot be reported
              // here: its report would be zeros. It stays in the list, disabled and marked, the hint saying where to look.
              <option key={c.code} value={c.code} disabled={!c.heldHere}>
                {'\u00a0\u00a0\u00a0'.repeat(c.depth)}
                {!c.heldHere ? t('reports.unitNotHeld', { unit: c.name }) : c.onlyTransferred ? t('reports.unitTransferredOnly', { unit: c.name }) : c.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </div>
  );
}

function Headlines({
  report,
  onDrill,
}: {
  report: Report;
  onDrill: (target: DrillTarget, title: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const c = report.counts;
  const previous = report.yearOnYear.previousPeriod;
  return (
    <>
      <h2>{t('reports.counts')}</h2>
      <div className="stat-grid">
        <div className="report-figure" data-testid="report-received">
          <div className="muted">{t('reports.received')}</div>
          <div className="value">{formatCount(c.inPeriod, language)}</div>
          <div className="muted">
            {t('reports.receivedSplit', {
              carried: formatCount(c.carriedOver, language),
              fresh: formatCount(c.received.total, language),
            })}
          </div>
        </div>
        {headlineCounts(report).map((h) => {
          const title = t(`reports.${h.label}`);
          const body = (
            <>
              <div className="muted">{title}</div>
              <div className="value">{formatCount(h.value, language)}</div>
            </>
          );
          const testId = `figure-${h.target.figure}${h.target.channel ? `-${h.target.channel}` : ''}`;
          return (
            <button
              key={h.label}
              type="button"
              className="report-figure"
              data-testid={testId}
              onClick={() => onDrill(h.target, title)}
            >
              {body}
            </button>
          );
        })}
      </div>
      <h2>{t('reports.rates')}</h2>
      <p className="muted">
        {/* A period over a year is compared as many whole years back as it spans (shared/reports/period.ts). */}
        {yearsBack(report.period, previous) > 1
          ? t('reports.yearsOnYears', { years: yearsBack(report.period, previous), from: dateKeyToVn(previous.from), to: dateKeyToVn(previous.to) })
          : t('reports.yearOnYear', { from: dateKeyToVn(previous.from), to: dateKeyToVn(previous.to) })}
      </p>
      <div className="stat-grid">
        {headlineRates(report).map((r) => (
          <div key={r.label} className="report-figure" data-testid={`rate-${r.label}`}>
            <div className="muted">{t(`reports.${r.label}`)}</div>
            <div className="value">{formatPercent(r.value, language)}</div>
            <div className="report-change">
              {r.change === null
                ? t('reports.noComparison')
                : t('reports.points', { value: formatPoints(r.change, language) })}
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
