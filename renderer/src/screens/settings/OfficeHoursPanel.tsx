/**
 * The unit's office hours and its own days off and make-up working days, editable by an administrator. Holidays
 * stay the server's; this is the desk's layer over them (docs/decisions.md, "Unit office hours"). Saving takes
 * effect for the next appointment computed at reception, including the one already on the reception screen.
 */
import { useEffect, useState } from 'react';
import type { CalendarView } from '../../../../shared/api/desk-calendar';
import type { LocalizedText } from '../../../../shared/result';
import { ActionButton, ErrorBanner, Field, Notice, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useDesk } from '../../desk-context';
import { fieldErrorsOf } from '../../components/desk-errors';
import { useLocalized, useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import { useWorkingCalendar, useWorkingCalendarStore } from '../../store/working-calendar';
import { calendarInput, formFromView, MAX_SESSIONS, withServerHours, type CalendarForm, type CalendarFormErrors, type DayRow } from './calendar-form';
import { UpcomingDaysOff } from './UpcomingDaysOff';
import './settings.css';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function OfficeHoursPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { view, calendar, error: loadError } = useWorkingCalendar();
  const [form, setForm] = useState<CalendarForm | null>(null);
  const [errors, setErrors] = useState<CalendarFormErrors>({});
  const [saved, setSaved] = useState(false);
  /** After a save: the running dossiers whose appointment now falls on a day off (0 when the desk could not say). */
  const [onDaysOff, setOnDaysOff] = useState(0);
  const save = useDeskAction();
  const { call } = useDesk();
  const accept = useWorkingCalendarStore((s) => s.accept);

  // The form starts from the desk's calendar; later changes from the server do not overwrite what is being typed.
  useEffect(() => {
    if (view && form === null) setForm(formFromView(view));
  }, [view, form]);

  if (!view || !form || !calendar) return <ErrorBanner error={loadError} />;

  const change = (next: Partial<CalendarForm>) => {
    setSaved(false);
    setForm({ ...form, ...next });
  };
  const deskErrors = fieldErrorsOf(save.error);
  const errorOf = (field: string): LocalizedText | null => errors[field] ?? deskErrors[field] ?? null;

  const submit = async () => {
    setSaved(false);
    const checked = calendarInput(form);
    if ('errors' in checked) {
      setErrors(checked.errors);
      save.setError(null);
      // Focus the first marked field, so a keyboard user lands where the problem is.
      setTimeout(() => document.querySelector<HTMLElement>('.office-hours [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setErrors({});
    const result = await save.run('calendar.setLocal', checked.input);
    if (result.ok) {
      accept(result.value);
      setForm(formFromView(result.value));
      // Appointments already given are kept: the administrator learns how many now fall on a day off.
      const found = await call('dossiers.appointmentsOnDaysOff', { limit: 1 });
      setOnDaysOff(found.ok ? found.value.count : 0);
      setSaved(true);
    }
  };

  const hoursLocked = !canEdit || form.useServerHours;
  const anyError = Object.keys(errors).length > 0 || Object.keys(deskErrors).length > 0;

  return (
    <section className="panel office-hours" aria-labelledby="office-hours-title" data-testid="office-hours">
      <h2 id="office-hours-title">{t('settings.officeHours')}</h2>
      <p className="muted">{t('settings.officeHoursIntro')}</p>
      {!canEdit && <Notice>{t('settings.officeHoursAdminOnly')}</Notice>}
      <LastChange view={view} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset disabled={!canEdit}>
          <legend>{t('settings.hoursSource')}</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="hours-source" checked={form.useServerHours} onChange={() => setForm(withServerHours(form, view))} />
              {t('settings.hoursFromServer')}
            </label>
            <label>
              <input type="radio" name="hours-source" checked={!form.useServerHours} onChange={() => change({ useServerHours: false })} />
              {t('settings.hoursLocal')}
            </label>
          </div>
        </fieldset>

        <fieldset disabled={hoursLocked} aria-describedby={errorOf('officeHours.weekdays') ? 'weekdays-error' : undefined}>
          <legend>{t('settings.workingWeekdays')}</legend>
          <div className="radio-row">
            {WEEKDAYS.map((d) => (
              <label key={d}>
                <input
                  type="checkbox"
                  checked={form.weekdays.includes(d)}
                  onChange={(e) => change({ weekdays: e.target.checked ? [...form.weekdays, d] : form.weekdays.filter((w) => w !== d) })}
                />
                {t(`settings.weekdayNames.${d}`)}
              </label>
            ))}
          </div>
          <FieldError id="weekdays-error" error={errorOf('officeHours.weekdays')} />
        </fieldset>

        <fieldset disabled={hoursLocked}>
          <legend>{t('settings.sessions')}</legend>
          {form.sessions.map((s, i) => (
            <div className="session-row" key={i} data-testid={`session-${i + 1}`}>
              <Field label={t('settings.sessionStart', { n: i + 1 })} error={errorOf(`officeHours.sessions.${i}.start`)}>
                {(p) => <TimeInput {...p} value={s.start} onChange={(v) => change({ sessions: form.sessions.map((x, j) => (j === i ? { ...x, start: v } : x)) })} />}
              </Field>
              <Field label={t('settings.sessionEnd', { n: i + 1 })} error={errorOf(`officeHours.sessions.${i}.end`)}>
                {(p) => <TimeInput {...p} value={s.end} onChange={(v) => change({ sessions: form.sessions.map((x, j) => (j === i ? { ...x, end: v } : x)) })} />}
              </Field>
              {form.sessions.length > 1 && (
                <ActionButton variant="ghost" onActivate={() => change({ sessions: form.sessions.filter((_, j) => j !== i) })}>
                  {t('settings.sessionRemove', { n: i + 1 })}
                </ActionButton>
              )}
            </div>
          ))}
          <FieldError error={errorOf('officeHours.sessions')} />
          {form.sessions.length < MAX_SESSIONS && (
            <ActionButton variant="ghost" onActivate={() => change({ sessions: [...form.sessions, { start: '', end: '' }] })}>
              {t('settings.sessionAdd')}
            </ActionButton>
          )}
          <div className="grid-3">
            <Field label={t('settings.sameDayCutoff')} error={errorOf('officeHours.sameDayCutoff')} hint={t('settings.timeHint')}>
              {(p) => <TimeInput {...p} value={form.sameDayCutoff} onChange={(v) => change({ sameDayCutoff: v })} />}
            </Field>
            <Field label={t('settings.fridayNoWaitCutoff')} error={errorOf('officeHours.fridayNoWaitCutoff')} hint={t('settings.timeHint')}>
              {(p) => <TimeInput {...p} value={form.fridayNoWaitCutoff} onChange={(v) => change({ fridayNoWaitCutoff: v })} />}
            </Field>
            <Field label={t('settings.fridayNoWaitNextDue')} error={errorOf('officeHours.fridayNoWaitNextDue')} hint={t('settings.timeHint')}>
              {(p) => <TimeInput {...p} value={form.fridayNoWaitNextDue} onChange={(v) => change({ fridayNoWaitNextDue: v })} />}
            </Field>
          </div>
        </fieldset>

        <DayList
          kind="daysOff"
          legend={t('settings.localDaysOff')}
          rows={form.daysOff}
          disabled={!canEdit}
          errorOf={errorOf}
          onChange={(daysOff) => change({ daysOff })}
        />
        <DayList
          kind="workingDays"
          legend={t('settings.localWorkingDays')}
          rows={form.workingDays}
          disabled={!canEdit}
          errorOf={errorOf}
          onChange={(workingDays) => change({ workingDays })}
        />

        {anyError && <ErrorBanner error={{ code: 'validation', message: { vi: 'Hãy sửa các ô được đánh dấu rồi lưu lại.', en: 'Correct the marked fields, then save again.' } }} />}
        <ErrorBanner error={save.error && Object.keys(deskErrors).length === 0 ? save.error : null} />
        {saved && (
          <Notice tone={onDaysOff > 0 ? 'warning' : 'success'}>
            {t('settings.calendarSaved')}
            {onDaysOff > 0 && <> {t('settings.calendarSavedDaysOff', { count: onDaysOff })}</>}
          </Notice>
        )}
        {canEdit && (
          <button type="submit" className="btn btn-primary" disabled={save.busy} aria-busy={save.busy || undefined} data-testid="office-hours-save">
            {t('settings.calendarSave')}
          </button>
        )}
      </form>
      <UpcomingDaysOff calendar={calendar} view={view} />
    </section>
  );
}

function LastChange({ view }: { view: CalendarView }) {
  const { t } = useTranslation();
  if (!view.local.updatedAt || !view.local.updatedBy) return null;
  return <p className="muted">{t('settings.calendarLastChange', { when: formatVnDateTime(view.local.updatedAt), who: view.local.updatedBy })}</p>;
}

function FieldError({ error, id }: { error: LocalizedText | null; id?: string }) {
  const localized = useLocalized();
  if (!error) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {localized(error)}
    </p>
  );
}

type TimeInputProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string; value: string; onChange: (value: string) => void };

function TimeInput({ onChange, ...props }: TimeInputProps) {
  // Text, not type="time": the browser's time field follows the PC's locale (12-hour in English); the desk writes 24-hour.
  return <TextInput {...props} className="time-input mono" inputMode="numeric" placeholder="07:30" maxLength={5} onChange={(e) => onChange(e.target.value)} />;
}

interface DayListProps {
  kind: 'daysOff' | 'workingDays';
  legend: string;
  rows: DayRow[];
  disabled: boolean;
  errorOf: (field: string) => LocalizedText | null;
  onChange: (rows: DayRow[]) => void;
}

function DayList({ kind, legend, rows, disabled, errorOf, onChange }: DayListProps) {
  const { t } = useTranslation();
  const update = (i: number, change: Partial<DayRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const add = () => {
    onChange([...rows, { date: '', name: '' }]);
    // The new row's date field is where the administrator types next.
    setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="${kind}-${rows.length + 1}"] input`)?.focus(), 0);
  };
  return (
    <fieldset disabled={disabled} data-testid={kind}>
      <legend>{legend}</legend>
      {rows.length === 0 && <p className="muted">{t('settings.noDays')}</p>}
      {rows.map((r, i) => (
        <div className="day-row" key={i} data-testid={`${kind}-${i + 1}`} role="group" aria-label={t('settings.dayRow', { n: i + 1 })}>
          <Field label={t('settings.dayDate')} error={errorOf(`${kind}.${i}.date`)}>
            {(p) => <TextInput {...p} className="mono" inputMode="numeric" placeholder="dd/mm/yyyy" maxLength={10} value={r.date} onChange={(e) => update(i, { date: e.target.value })} />}
          </Field>
          <Field label={kind === 'daysOff' ? t('settings.dayOffName') : t('settings.workingDayName')} error={errorOf(`${kind}.${i}.name`)} required={kind === 'daysOff'}>
            {(p) => <TextInput {...p} value={r.name} onChange={(e) => update(i, { name: e.target.value })} />}
          </Field>
          <ActionButton variant="ghost" onActivate={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('settings.dayRemove', { n: i + 1 })}
          </ActionButton>
        </div>
      ))}
      <FieldError error={errorOf(kind)} />
      <ActionButton variant="ghost" onActivate={add}>
        {kind === 'daysOff' ? t('settings.dayOffAdd') : t('settings.workingDayAdd')}
      </ActionButton>
    </fieldset>
  );
}
