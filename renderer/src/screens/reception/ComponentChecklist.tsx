/** The papers the chosen procedure requires: brought or not, how many copies; missing mandatory ones stand out. */
import type { Procedure } from '../../../../shared/domain/procedure';
import { componentFormLabels } from '../../../../shared/domain/procedure';
import { useLocalized, useTranslation } from '../../i18n';
import type { ComponentDraft } from './model';

interface Props {
  procedure: Procedure;
  components: Record<string, ComponentDraft>;
  onChange(components: Record<string, ComponentDraft>): void;
}

export function ComponentChecklist({ procedure, components, onChange }: Props) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const update = (id: string, change: Partial<ComponentDraft>) => {
    const current = components[id] ?? { present: false, copies: 1 };
    onChange({ ...components, [id]: { ...current, ...change } });
  };
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
          </tr>
        </thead>
        <tbody>
          {procedure.components.map((c) => {
            const d = components[c.id] ?? { present: false, copies: c.copies };
            const missing = c.mandatory && !d.present;
            const checkboxId = `component-${c.id}`;
            return (
              <tr key={c.id} className={missing ? 'missing' : undefined} data-component={c.id}>
                <td>
                  <input id={checkboxId} type="checkbox" checked={d.present} onChange={(e) => update(c.id, { present: e.target.checked })} />
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
                  <input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`${t('reception.copies')}: ${c.name}`}
                    value={d.copies}
                    onChange={(e) => update(c.id, { copies: Math.max(0, Math.min(100, Number(e.target.value) || 0)) })}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}
