/** The small form an action needs (a reason, an agency, a new date), its errors next to each field. */
import { useEffect, useRef, useState } from 'react';
import type { LocalizedText } from '../../../../shared/result';
import { statusLabel, type DossierStatus } from '../../../../shared/domain/dossier';
import { ActionButton, Field, TextArea, TextInput, Select } from '../../components/ui';
import { useLanguage, useTranslation } from '../../i18n';
import { OTHER_AGENCY, paperTicked, paperValue, type ActionField, type ActionSpec, type ActionValues, type PaperCheck } from './actions';

interface Props {
  spec: ActionSpec;
  busy: boolean;
  problems: Record<string, LocalizedText>;
  /** A status field's choices (a conflict's: those the competing deeds led to and the one before them). */
  statusChoices?: readonly DossierStatus[];
  /** An agency field's choices: the procedure's agency (the default), and the units whose desks can receive it. */
  agencyChoices?: { procedureAgency: string | null; units: readonly { code: string; name: string }[] };
  /** A papers field's list: the procedure's papers, ticked as the dossier holds them. */
  papers?: readonly PaperCheck[];
  /** What the fields start with (actions.ts `initialValues`), the clerk correcting it when it does not fit. */
  initial?: ActionValues;
  /**
   * An online dossier being checked: while a mandatory paper is not ticked, the clerk may print the guidance to
   * supplement (form 02) with the papers missing, as the counter's reception does; nothing is recorded.
   */
  onGuide?(missing: string[]): void;
  onSubmit(values: ActionValues): void;
  onCancel(): void;
}

export function ActionForm({ spec, busy, problems, statusChoices = [], agencyChoices = { procedureAgency: null, units: [] }, papers = [], initial = {}, onGuide, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [values, setValues] = useState<ActionValues>(initial);
  const form = useRef<HTMLFormElement>(null);
  // The panel opens where its button was, often low on a small screen: the field the keyboard is put in was left
  // mostly below the window's edge, out of the clerk's sight. A value filled in for the clerk is selected, so typing
  // another replaces it and Enter keeps it.
  const initialRef = useRef(initial);
  useEffect(() => {
    const field = document.activeElement;
    if (!(field instanceof HTMLElement) || !form.current?.contains(field)) return;
    field.scrollIntoView?.({ block: 'nearest' });
    if (field instanceof HTMLInputElement && initialRef.current[field.name]) field.select();
  }, []);
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));
  const missing = onGuide ? papers.filter((p) => p.mandatory && !paperTicked(values, p)).map((p) => p.name) : [];
  return (
    <form
      className="panel"
      data-testid="action-form"
      aria-label={t(`actions.${spec.method}`)}
      aria-describedby={spec.explain ? 'action-explain' : undefined}
      ref={form}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(values);
      }}
      // Escape gives up the form as "Huỷ" does, from any of its fields: it did nothing in most of them.
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onCancel();
      }}
    >
      <h3>{t(`actions.${spec.method}`)}</h3>
      {spec.explain && (
        <p id="action-explain" data-testid="action-explain">
          {t(spec.explain)}
        </p>
      )}
      {spec.fields.map((f, i) =>
        f.kind === 'agency' ? (
          <AgencyField key={f.name} field={f} first={i === 0} values={values} set={set} problems={problems} choices={agencyChoices} />
        ) : f.kind === 'papers' ? (
          <PapersField key={f.name} field={f} first={i === 0} values={values} set={set} problems={problems} papers={papers} />
        ) : f.kind === 'checkbox' ? (
          <label key={f.name} className="row">
            <input type="checkbox" checked={values[f.name] === true} onChange={(e) => set(f.name, e.target.checked)} autoFocus={i === 0} />
            {t(f.label)}
          </label>
        ) : (
          <Field key={f.name} label={t(f.label)} error={problems[f.name]} required={f.required} {...(f.hint ? { hint: t(f.hint) } : {})}>
            {(p) =>
              f.kind === 'textarea' || f.kind === 'lines' ? (
                <TextArea {...p} name={f.name} rows={f.kind === 'lines' ? 4 : 3} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} autoFocus={i === 0} />
              ) : f.kind === 'status' ? (
                <Select {...p} name={f.name} value={String(values[f.name] ?? '')} onChange={(e) => set(f.name, e.target.value)} autoFocus={i === 0}>
                  <option value="" />
                  {statusChoices.map((s) => (
                    <option key={s} value={s}>
                      {statusLabel(s)[language]}
                    </option>
                  ))}
                </Select>
              ) : (
                <TextInput
                  {...p}
                  name={f.name}
                  inputMode={f.kind === 'amount' ? 'numeric' : undefined}
                  placeholder={f.kind === 'date' ? 'dd/mm/yyyy' : f.kind === 'time' ? '9:00' : undefined}
                  value={String(values[f.name] ?? '')}
                  onChange={(e) => set(f.name, e.target.value)}
                  autoFocus={i === 0}
                />
              )
            }
          </Field>
        ),
      )}
      <div className="row">
        {/* With nothing to fill in, the keyboard waits on the confirmation (the button that opened the form is gone). */}
        <ActionButton variant={spec.tone === 'danger' ? 'danger' : 'primary'} type="submit" busy={busy} autoFocus={spec.fields.length === 0}>
          {t('detail.confirm')}
        </ActionButton>
        {onGuide && missing.length > 0 && (
          <ActionButton data-testid="action-guide" onActivate={() => onGuide(missing)}>
            {t('reception.guide')}
          </ActionButton>
        )}
        <ActionButton onActivate={onCancel}>{t('app.cancel')}</ActionButton>
      </div>
    </form>
  );
}

/** Where a transfer goes: a choice, and the name of another agency when that is chosen. */
function AgencyField({
  field,
  first,
  values,
  set,
  problems,
  choices,
}: {
  field: ActionField;
  first: boolean;
  values: ActionValues;
  set(name: string, value: string): void;
  problems: Record<string, LocalizedText>;
  choices: NonNullable<Props['agencyChoices']>;
}) {
  const { t } = useTranslation();
  const chosen = String(values[field.name] ?? '');
  const otherName = `${field.name}Other`;
  return (
    <>
      <Field label={t(field.label)} error={problems[field.name]} required={field.required} {...(field.hint ? { hint: t(field.hint) } : {})}>
        {(p) => (
          <Select {...p} name={field.name} value={chosen} onChange={(e) => set(field.name, e.target.value)} autoFocus={first}>
            <option value="">{t('detail.toAgencyProcedure', { agency: choices.procedureAgency ?? '—' })}</option>
            {choices.units.length > 0 && (
              <optgroup label={t('detail.toAgencyUnits')}>
                {choices.units.map((u) => (
                  <option key={u.code} value={u.code}>
                    {u.name} ({u.code})
                  </option>
                ))}
              </optgroup>
            )}
            <option value={OTHER_AGENCY}>{t('detail.toAgencyOther')}</option>
          </Select>
        )}
      </Field>
      {chosen === OTHER_AGENCY && (
        <Field label={t('detail.toAgencyOtherName')} error={problems[otherName]} required>
          {(p) => <TextInput {...p} name={otherName} value={String(values[otherName] ?? '')} onChange={(e) => set(otherName, e.target.value)} />}
        </Field>
      )}
    </>
  );
}

/** The procedure's papers, each ticked when checked at the desk; the mandatory ones marked as the reception's are. */
function PapersField({
  field,
  first,
  values,
  set,
  problems,
  papers,
}: {
  field: ActionField;
  first: boolean;
  values: ActionValues;
  set(name: string, value: boolean): void;
  problems: Record<string, LocalizedText>;
  papers: readonly PaperCheck[];
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const error = problems[field.name];
  return (
    <fieldset className="papers" data-testid="action-papers" aria-describedby={error ? `${field.name}-error` : undefined}>
      <legend>{t(field.label)}</legend>
      {field.hint && <p className="muted">{t(field.hint)}</p>}
      {papers.map((p, i) => {
        const checked = paperTicked(values, p);
        // After a refused confirm, the mandatory papers not ticked are what the desk said was missing: marked, and the
        // keyboard goes to the first of them (use-focus-after-action.ts), not back to the actions' heading.
        const missing = error !== undefined && p.mandatory && !checked;
        return (
          <label key={p.id} className="paper-check">
            <input
              type="checkbox"
              name={paperValue(p.id)}
              checked={checked}
              onChange={(e) => set(paperValue(p.id), e.target.checked)}
              autoFocus={first && i === 0}
              aria-invalid={missing ? true : undefined}
              aria-describedby={missing ? `${field.name}-error` : undefined}
            />
            <span>
              {p.name}
              {p.mandatory && <span aria-label={t('detail.paperMandatory')}> *</span>}
            </span>
          </label>
        );
      })}
      {error && (
        <p id={`${field.name}-error`} className="field-error" role="alert">
          {error[language]}
        </p>
      )}
    </fieldset>
  );
}
