/**
 * The papers the chosen procedure requires: brought or not, how many copies, and the scan of each (picked from the
 * scan inbox); missing mandatory ones stand out. Attaching a scan ticks the paper as brought, as typing its copies
 * does; 0 copies unticks it (model.ts, copiesTyped). More copies than the desk takes are marked, not changed.
 */
import { useEffect, useState } from 'react';
import type { Procedure } from '../../../../shared/domain/procedure';
import { componentFormLabels } from '../../../../shared/domain/procedure';
import { useLocalized, useTranslation } from '../../i18n';
import { copiesTyped, copiesWrong, MAX_COPIES, scanCount, ticked, type ComponentDraft } from './model';
import { ScanPicker, type PickedScan } from './ScanPicker';
import './reception-scan.css';

interface Props {
  procedure: Procedure;
  components: Record<string, ComponentDraft>;
  /** `immediate`: the change is a scan chosen or dropped, worth saving to the draft at once. */
  onChange(components: Record<string, ComponentDraft>, options?: { immediate?: boolean }): void;
  /** A scan taken off its paper, to give back to the scan folder; resolves once that is done or refused. */
  onScanDropped(scan: PickedScan): Promise<void>;
}

export function ComponentChecklist({ procedure, components, onChange, onScanDropped }: Props) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const update = (id: string, change: Partial<ComponentDraft>, options?: { immediate?: boolean }) => {
    const current = components[id] ?? { present: false, copies: procedure.components.find((c) => c.id === id)?.copies ?? 1 };
    onChange({ ...components, [id]: { ...current, ...change } }, options);
  };
  const scans = scanCount(procedure, components);
  return (
    <fieldset>
      <legend>{t('reception.components')}</legend>
      <p className="muted">{t('reception.componentsHint')}</p>
      <table className="checklist">
        <thead>
          <tr>
            <th scope="col">{t('reception.present')}</th>
            <th scope="col">{t('reception.components')}</th>
            <th scope="col">{t('reception.copies')}</th>
            <th scope="col">{t('reception.scan')}</th>
          </tr>
        </thead>
        <tbody>
          {procedure.components.map((c) => {
            const d = components[c.id] ?? { present: false, copies: c.copies };
            const missing = c.mandatory && !d.present;
            const checkboxId = `component-${c.id}`;
            const copiesError = copiesWrong(d.copies) ? `copies-${c.id}-error` : undefined;
            return (
              <tr key={c.id} className={missing ? 'missing' : undefined} data-component={c.id}>
                <td>
                  <input id={checkboxId} type="checkbox" checked={d.present} onChange={(e) => update(c.id, ticked(d, e.target.checked, c.copies))} />
                </td>
                <td>
                  <label htmlFor={checkboxId}>
                    {c.name}{' '}
                    <span className="muted">
                      ({localized(componentFormLabels[c.form])}, {c.mandatory ? t('reception.mandatory') : t('reception.optional')})
                    </span>
                  </label>
                </td>
                <td>
                  <CopiesInput
                    label={`${t('reception.copies')}: ${c.name}`}
                    copies={d.copies}
                    errorId={copiesError}
                    onType={(typed) => {
                      const next = copiesTyped(d, typed);
                      update(c.id, next);
                      return next.copies;
                    }}
                  />
                  {copiesError && (
                    <p className="field-error" id={copiesError} role="alert">
                      {t('reception.copiesRange', { max: MAX_COPIES })}
                    </p>
                  )}
                </td>
                <td>
                  <ScanPicker
                    componentId={c.id}
                    componentName={c.name}
                    scan={d.attachmentSha256 ? { sha256: d.attachmentSha256, fileName: d.attachmentName ?? d.attachmentSha256.slice(0, 12) } : null}
                    onPick={(scan) => update(c.id, { present: true, attachmentSha256: scan.sha256, attachmentName: scan.fileName }, { immediate: true })}
                    onRemove={(taken) => {
                      const { attachmentSha256: _sha, attachmentName: _name, ...rest } = d;
                      onChange({ ...components, [c.id]: rest }, { immediate: true });
                      return onScanDropped(taken);
                    }}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {scans.brought > 0 && (
        <p className="muted" data-testid="scan-count" aria-live="polite">
          {scans.scanned === scans.brought ? t('reception.scanAllDigitised') : t('reception.scanCount', { n: scans.scanned, total: scans.brought })}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The copies of one paper as the clerk types them. A box emptied, or holding a half-typed "-", changes nothing until
 * it holds a number: clearing it to type another would otherwise untick the paper on the way (and show a 0 typed over).
 */
function CopiesInput({ label, copies, errorId, onType }: { label: string; copies: number; errorId: string | undefined; onType(typed: number): number }) {
  const [text, setText] = useState(String(copies));
  // A number set from elsewhere (the paper ticked again, a draft restored) is shown; one being typed is left alone.
  useEffect(() => setText((shown) => (shown !== '' && Number(shown) === copies ? shown : String(copies))), [copies]);
  return (
    <input
      type="number"
      min={0}
      max={MAX_COPIES}
      aria-label={label}
      value={text}
      {...(errorId ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
      onChange={(e) => {
        const raw = e.target.value;
        if (raw === '') return setText('');
        const kept = onType(Number(raw));
        // "-5" is kept as 0 copies: the box shows what the paper now has.
        setText(kept === Number(raw) ? raw : String(kept));
      }}
      onBlur={() => text === '' && setText(String(copies))}
    />
  );
}
