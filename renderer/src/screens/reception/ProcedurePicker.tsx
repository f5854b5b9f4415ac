/**
 * Finding the procedure by name or code as the clerk types, without diacritics, all from the keyboard. Only the
 * procedures a new reception may be made under are offered: one the server's catalog retired is not.
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import type { Procedure } from '../../../../shared/domain/procedure';
import type { CatalogProcedure } from '../../../../shared/api/desk-views';
import { useLanguage, useTranslation } from '../../i18n';
import { searchProcedures } from './model';
import { processingTimeText } from '../../format/processing-time';
import { feeText } from '../../format/fee';

interface Props {
  /** The desk's catalog, retired procedures included (they are left out here). */
  procedures: readonly CatalogProcedure[];
  chosen: Procedure | null;
  onChoose(procedure: Procedure | null): void;
  inputRef?: React.Ref<HTMLInputElement>;
}

export function ProcedurePicker({ procedures, chosen, onChoose, inputRef }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const offered = useMemo(() => procedures.filter((p) => !p.retired), [procedures]);
  const matches = useMemo(() => searchProcedures(offered, query), [offered, query]);
  const listShown = query.trim() !== '' && matches.length > 0;

  if (chosen) {
    return (
      <div className="stack" data-testid="chosen-procedure">
        <div className="row">
          <strong>{chosen.name}</strong>
          {chosen.fridayNoWait && <span className="badge badge-friday">{t('reception.fridayBadge')}</span>}
        </div>
        <div className="muted mono">{chosen.code}</div>
        <div className="grid-3">
          <div>
            <span className="muted">{t('reception.processingTime')}: </span>
            {processingTimeText(chosen, language)}
          </div>
          {/* For the clerk to tell the citizen what to pay, as the catalog says. */}
          <div data-testid="procedure-fee">
            <span className="muted">{t('reception.fee')}: </span>
            {feeText(chosen, language, t('reception.feeNone'))}
          </div>
          <div>
            <span className="muted">{t('reception.field')}: </span>
            {chosen.field}
          </div>
          <div>
            <span className="muted">{t('reception.agency')}: </span>
            {chosen.agency}
          </div>
        </div>
        <button type="button" className="btn btn-ghost" onClick={() => onChoose(null)}>
          {t('reception.procedureChange')}
        </button>
      </div>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, matches.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const pick = matches[active];
      if (pick) {
        e.preventDefault();
        onChoose(pick);
        setQuery('');
      }
    }
  };

  return (
    <div className="field">
      <label htmlFor={`${id}-input`}>{t('reception.procedureSearch')}</label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        role="combobox"
        aria-expanded={listShown}
        aria-controls={listShown ? `${id}-list` : undefined}
        aria-activedescendant={listShown && matches[active] ? `${id}-opt-${active}` : undefined}
        aria-autocomplete="list"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        data-testid="procedure-search"
        data-autofocus
      />
      {query.trim() === '' ? null : matches.length === 0 ? (
        <p className="muted">{t('reception.procedureNone')}</p>
      ) : (
        <ul className="procedure-results" id={`${id}-list`} role="listbox" aria-label={t('reception.procedure')}>
          {matches.map((p, i) => (
            <li
              key={p.code}
              id={`${id}-opt-${i}`}
              role="option"
              data-code={p.code}
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                onChoose(p);
                setQuery('');
              }}
            >
              <div>
                <span className="procedure-name">{p.name}</span> {p.fridayNoWait && <span className="badge badge-friday">{t('reception.fridayBadge')}</span>}
              </div>
              <div className="code mono">
                {p.code} · {p.field} · {processingTimeText(p, language)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
