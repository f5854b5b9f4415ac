/**
 * All dossiers of the desk: a virtualised list (only visible rows are in the page, so 50,000 dossiers scroll as
 * smoothly as 50), filters, search as you type, sort; due and overdue shown in colour and in words. Left for a
 * dossier and come back to, it is as the clerk left it (store/dossier-list-place.ts).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type FocusEvent as ReactFocusEvent, type KeyboardEvent, type RefObject, type SetStateAction } from 'react';
import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { DossierStatus, dossierStatuses, statusLabel } from '../../../../shared/domain/dossier';
import type { Procedure } from '../../../../shared/domain/procedure';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import { useDesk } from '../../desk-context';
import { useLanguage, useTranslation } from '../../i18n';
import { useProcedureCatalog } from '../../store/catalog';
import { useRoute } from '../../store/route';
import { emptyDossierListForm, keepDossierListScroll, keepDossierSearch, keepOpenedDossier, useDossierListPlace, type DossierListForm } from '../../store/dossier-list-place';
import { ErrorBanner, Field, Select, TextInput } from '../../components/ui';
import { ConflictBadge, DueBadge, StatusBadge } from '../../components/badges';
import { dateInputProblem, formatVnDate, formatVnDateTime, parseVnDateInput } from '../../format/vn-time';
import type { LocalizedText } from '../../../../shared/result';
import { useNow } from '../reception/AppointmentPanel';
import { useDossierWindow, type ListFilters } from './use-dossier-window';
import { useDossiersChanged } from '../../components/use-dossiers-changed';
import { fieldOptions, procedureOptions } from './filter-options';
import { SYNC_STATE_CHOICES, useSyncStateFilter, type SyncStateCounts } from './sync-state-filter';
import { formatCount } from '../../format/numbers';
import { LogbookButton } from './LogbookPrint';
import { AppointmentsOnDaysOffNotice } from './AppointmentsOnDaysOffNotice';

const ROW_HEIGHT = 44;

/** What is wrong with the typed dates, by field: not a date, or a first day after the last (the list would be empty). */
export type DateProblems = Partial<Record<'from' | 'to', LocalizedText>>;

export function toListFilters(form: DossierListForm): { filters: ListFilters; dateProblems: DateProblems } {
  let from = form.from.trim() ? parseVnDateInput(form.from) : null;
  let to = form.to.trim() ? parseVnDateInput(form.to) : null;
  const dateProblems: DateProblems = {};
  const fromProblem = dateInputProblem(form.from);
  const toProblem = dateInputProblem(form.to);
  if (fromProblem) dateProblems.from = fromProblem;
  if (toProblem) dateProblems.to = toProblem;
  if (from && to && from > to) {
    const [first, last] = [form.from.trim(), form.to.trim()];
    dateProblems.from = { vi: `Ngày bắt đầu ${first} sau ngày kết thúc ${last}.`, en: `The first day ${first} is after the last day ${last}.` };
  }
  // Neither date is applied until both make a period: the list leaves dates aside rather than showing nothing, and
  // its count says so. One good date kept beside a wrong one gave a count filtered by it under "not filtered by date".
  if (dateProblems.from || dateProblems.to) {
    from = null;
    to = null;
  }
  return {
    filters: {
      sort: form.sort,
      ...(form.status ? { status: [Number(form.status) as DossierStatus] } : {}),
      ...(form.due ? { due: form.due } : {}),
      ...(form.procedureCode ? { procedureCode: form.procedureCode } : {}),
      ...(form.field ? { field: form.field } : {}),
      ...(form.channel ? { channel: form.channel } : {}),
      ...(form.syncState ? { syncState: form.syncState } : {}),
      ...(from ? { receivedFrom: from } : {}),
      ...(to ? { receivedTo: to } : {}),
    },
    dateProblems,
  };
}

export function DossierListScreen({ initialFilters }: { initialFilters?: Partial<DossierListForm> }) {
  const { t } = useTranslation();
  const { call } = useDesk();
  const navigate = useRoute((s) => s.navigate);
  const { procedures } = useProcedureCatalog();
  // Where the clerk left the list this session, read once as it opens; what is shown is kept as it changes.
  const [kept] = useState(() => useDossierListPlace.getState());
  const [form, setForm] = useState<DossierListForm>({ ...kept.form, ...initialFilters });
  const [query, setQuery] = useState(kept.query);
  useEffect(() => keepDossierSearch(form, query), [form, query]);
  const now = useNow(60_000);
  const { filters, dateProblems } = useMemo(() => toListFilters(form), [form]);
  const list = useDossierWindow(call, filters, query);
  // "Quá hạn", "Đến hạn hôm nay" and "Sắp đến hạn" are judged against the clock: a dossier falls due at 16:00.
  useDossiersChanged(list.refresh, now, { everyMinute: form.due !== '' });
  const sync = useSyncStateFilter(call);
  const scrollRef = useRef<HTMLDivElement>(null);

  const count = list.total ?? 0;
  // Online submissions not yet received have no code: their column of "—" gives most of its width to the names.
  const noCodes = form.status === `${DossierStatus.SubmittedOnline}`;
  // Rows are keyed by their dossier, not their place: read again with a new dossier above, the row the clerk's
  // keyboard is on keeps its dossier (Enter opens what the clerk was reading), instead of showing its neighbour.
  const { rowAt, revision } = list;
  // A new key function when rows arrive (`revision`), so the virtualizer takes the new keys.
  const getItemKey = useCallback((index: number) => dossierKey(rowAt, index), [rowAt, revision]);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, getItemKey, initialOffset: kept.scrollTop });
  useScrollRestored(scrollRef, kept.scrollTop, list.total);
  const searchRef = useRef<HTMLInputElement>(null);
  useFocusKeptInList(scrollRef, searchRef, revision, count);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { ensure } = list;
  useEffect(() => {
    if (count > 0) ensure(first, last);
  }, [ensure, first, last, count]);

  const open = useCallback(
    (id: string) => {
      keepOpenedDossier(id);
      navigate({ name: 'dossier', id });
    },
    [navigate],
  );
  const clear = useCallback(() => {
    setForm(emptyDossierListForm);
    setQuery('');
  }, []);
  // Read through a ref so a new result count does not hand every row a new handler (and re-render it).
  const countRef = useRef(count);
  countRef.current = count;
  const onRowKey = useCallback(
    (e: KeyboardEvent<HTMLDivElement>, index: number, id: string | undefined) => {
      if (e.key === 'Enter' && id) open(id);
      else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = Math.max(0, Math.min(countRef.current - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
        virtualizer.scrollToIndex(next);
        focusRow(scrollRef.current, next);
      }
    },
    [open, virtualizer],
  );

  // Back with a search kept, its text is selected as the box takes the focus: a new name typed replaces it.
  const keptQueryUnselected = useRef(kept.query !== '');
  const onSearchFocus = (e: ReactFocusEvent<HTMLInputElement>) => {
    if (!keptQueryUnselected.current) return;
    keptQueryUnselected.current = false;
    e.currentTarget.select();
  };

  // From the search box straight to the results: ten filters lie between them in the Tab order. Back from a dossier,
  // at the row of that dossier (on screen, where the list was left), so the clerk goes on to the next one.
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key !== 'ArrowDown' && e.key !== 'Enter') || count === 0) return;
    e.preventDefault();
    const { openedId } = useDossierListPlace.getState();
    const index = items.find((item) => openedId !== null && rowAt(item.index)?.id === openedId)?.index ?? 0;
    virtualizer.scrollToIndex(index);
    focusRow(scrollRef.current, index);
  };

  return (
    <div>
      <div className="screen-heading">
        <h1>{t('dossiers.title')}</h1>
        <LogbookButton />
      </div>
      <AppointmentsOnDaysOffNotice />
      <div className="panel">
        <div className="list-toolbar">
          <Field label={t('dossiers.search')}>
            {(p) => (
              <TextInput {...p} ref={searchRef} type="search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onSearchKey} onFocus={onSearchFocus} data-testid="dossier-search" data-autofocus />
            )}
          </Field>
          <FilterBar form={form} setForm={setForm} dateProblems={dateProblems} procedures={procedures} onClear={clear} syncs={sync.syncs} syncCounts={sync.counts} />
        </div>
      </div>
      <ErrorBanner error={list.error} />
      <p aria-live="polite" data-testid="dossier-total">
        {/* A date left aside (mistyped, or a reversed range) must not pass its count off as the filtered one. */}
        {list.total === null
          ? t('app.loading')
          : t(dateProblems.from || dateProblems.to ? 'dossiers.totalDatesAside' : 'dossiers.total', { count: list.total })}
      </p>
      <div className={noCodes ? 'dossier-table no-codes' : 'dossier-table'} role="table" aria-label={t('dossiers.title')} aria-rowcount={count + 1}>
        <div role="rowgroup">
          <div className="dossier-row header" role="row" aria-rowindex={1}>
            <span role="columnheader">{t('dossiers.code')}</span>
            <span role="columnheader">{t('dossiers.status')}</span>
            <span role="columnheader">{t('dossiers.applicant')} · {t('dossiers.procedure')}</span>
            <span role="columnheader">{t('dossiers.receivedAt')}</span>
            <span role="columnheader">{t('dossiers.dueAt')}</span>
            <span role="columnheader">{t('dossiers.due')}</span>
          </div>
        </div>
        <div className="dossier-scroll" ref={scrollRef} data-testid="dossier-scroll" onScroll={(e) => keepDossierListScroll(e.currentTarget.scrollTop)}>
          {count === 0 && list.total !== null ? (
            <p className="muted" style={{ padding: '1rem' }}>
              {t('dossiers.empty')}
            </p>
          ) : (
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <DossierRow key={item.key} item={item} row={list.rowAt(item.index)} now={now} onOpen={open} onKey={onRowKey} />
              ))}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

/**
 * Back at the list: once it knows how many rows it has (and so how tall it is), it is scrolled to where the clerk
 * left it. Only once: the clerk scrolls from there.
 */
function useScrollRestored(scrollRef: RefObject<HTMLDivElement | null>, scrollTop: number, total: number | null): void {
  const restored = useRef(scrollTop === 0);
  useEffect(() => {
    if (restored.current || total === null) return;
    restored.current = true;
    if (scrollRef.current) scrollRef.current.scrollTop = scrollTop;
  }, [scrollRef, scrollTop, total]);
}

/**
 * A row's key: its dossier's id. While the pages of a read again arrive one by one, a dossier may show twice for a
 * moment where two pages meet: the second place then has a key of its own.
 */
function dossierKey(rowAt: (index: number) => DossierSummary | undefined, index: number): string {
  const id = rowAt(index)?.id;
  if (id === undefined) return `loading-${index}`;
  return rowAt(index - 1)?.id === id ? `${id}#${index}` : id;
}

/**
 * The row the keyboard was on left the list when it was read again (handed back at another desk, no longer
 * "Quá hạn"): the keyboard goes to the row now in its place, or to the search box when the list is empty, instead of
 * falling to the page, from where the arrow keys do nothing.
 */
function useFocusKeptInList(
  scrollRef: RefObject<HTMLDivElement | null>,
  searchRef: RefObject<HTMLInputElement | null>,
  revision: number,
  count: number,
): void {
  const focused = useRef<{ element: HTMLElement; index: number } | null>(null);
  useEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    const onFocus = (e: FocusEvent) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (row) focused.current = { element: row, index: Number(row.dataset.index) };
    };
    box.addEventListener('focusin', onFocus);
    return () => box.removeEventListener('focusin', onFocus);
  }, [scrollRef]);
  useEffect(() => {
    const was = focused.current;
    if (!was || was.element.isConnected || (document.activeElement && document.activeElement !== document.body)) return;
    focused.current = null;
    const next = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${Math.min(was.index, count - 1)}"]`);
    (next ?? searchRef.current)?.focus();
  }, [revision, count, scrollRef, searchRef]);
}

/**
 * Puts the keyboard on a row: at once when it is drawn (the rows beside the focused one always are), so that an Enter
 * pressed right after ↓ opens the row ↓ went to — input events run before timers, and a focus moved only in a timer
 * let a quick Enter open the row before it; once the list has drawn it otherwise (scrolled far).
 */
function focusRow(box: HTMLElement | null, index: number): void {
  const row = () => box?.querySelector<HTMLElement>(`[data-index="${index}"]`);
  const drawn = row();
  if (drawn) drawn.focus();
  else setTimeout(() => row()?.focus(), 0);
}

interface FilterBarProps {
  form: DossierListForm;
  setForm: Dispatch<SetStateAction<DossierListForm>>;
  dateProblems: DateProblems;
  procedures: Procedure[];
  onClear: () => void;
  /** The desk syncs with a server: the "Đồng bộ" filter is offered, with its counts. */
  syncs: boolean;
  syncCounts: SyncStateCounts;
}

/** The filters; memoised, so typing in the search box does not rebuild the procedure and field menus. */
const FilterBar = memo(function FilterBar({ form, setForm, dateProblems, procedures, onClear, syncs, syncCounts }: FilterBarProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  // A choice the catalog no longer offers (a new catalog moved or renamed it) stays shown while it filters the list:
  // the menu would otherwise say "Tất cả" over a list it still narrows.
  const fields = useMemo(() => {
    const offered = fieldOptions(procedures);
    return form.field && !offered.includes(form.field) ? [form.field, ...offered] : offered;
  }, [procedures, form.field]);
  const procedureChoices = useMemo(() => {
    const offered: Pick<Procedure, 'code' | 'name'>[] = procedureOptions(procedures, form.field);
    if (!form.procedureCode || offered.some((p) => p.code === form.procedureCode)) return offered;
    const chosen = procedures.find((p) => p.code === form.procedureCode);
    return [{ code: form.procedureCode, name: chosen?.name ?? form.procedureCode }, ...offered];
  }, [procedures, form.field, form.procedureCode]);
  const set = <K extends keyof DossierListForm>(key: K, value: DossierListForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <>
      <Field label={t('dossiers.status')}>
        {(p) => (
          <Select {...p} value={form.status} onChange={(e) => set('status', e.target.value as DossierListForm['status'])} data-testid="filter-status">
            <option value="">{t('app.all')}</option>
            {dossierStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s)[language]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('dossiers.due')}>
        {(p) => (
          <Select {...p} value={form.due} onChange={(e) => set('due', e.target.value as DossierListForm['due'])} data-testid="filter-due">
            <option value="">{t('dossiers.dueAll')}</option>
            <option value="overdue">{t('dossiers.overdue')}</option>
            <option value="today">{t('dossiers.dueToday')}</option>
            <option value="soon">{t('dossiers.dueSoon')}</option>
          </Select>
        )}
      </Field>
      <Field label={t('dossiers.channel')}>
        {(p) => (
          <Select {...p} value={form.channel} onChange={(e) => set('channel', e.target.value as DossierListForm['channel'])}>
            <option value="">{t('app.all')}</option>
            <option value="online">{t('reception.channels.online')}</option>
            <option value="in_person">{t('reception.channels.in_person')}</option>
            <option value="postal">{t('reception.channels.postal')}</option>
          </Select>
        )}
      </Field>
      {/* A filter chosen before the desk said it syncs stays shown, so the list is never filtered by a hidden menu. */}
      {(syncs || form.syncState !== '') && (
        <Field label={t('dossiers.syncFilter')}>
          {(p) => (
            <Select {...p} value={form.syncState} onChange={(e) => set('syncState', e.target.value as DossierListForm['syncState'])} data-testid="filter-sync">
              <option value="">{t('app.all')}</option>
              {SYNC_STATE_CHOICES.map((state) => (
                <option key={state} value={state}>
                  {syncCounts[state] === undefined
                    ? t(`dossiers.syncStates.${state}`)
                    : t('dossiers.syncStateCount', { label: t(`dossiers.syncStates.${state}`), n: formatCount(syncCounts[state], language) })}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t('dossiers.sort')}>
        {(p) => (
          <Select {...p} value={form.sort} onChange={(e) => set('sort', e.target.value as DossierListForm['sort'])}>
            <option value="received_desc">{t('dossiers.sortReceivedDesc')}</option>
            <option value="received_asc">{t('dossiers.sortReceivedAsc')}</option>
            <option value="due_asc">{t('dossiers.sortDueAsc')}</option>
          </Select>
        )}
      </Field>
      <Field label={t('dossiers.field')}>
        {(p) => (
          <Select {...p} value={form.field} onChange={(e) => set('field', e.target.value)}>
            <option value="">{t('app.all')}</option>
            {fields.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('dossiers.procedure')}>
        {(p) => (
          <Select {...p} value={form.procedureCode} onChange={(e) => set('procedureCode', e.target.value)}>
            <option value="">{t('app.all')}</option>
            {procedureChoices.map((proc) => (
              <option key={proc.code} value={proc.code}>
                {proc.name}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('dossiers.from')} error={dateProblems.from ?? null}>
        {(p) => <TextInput {...p} placeholder={t('dossiers.datePlaceholder')} value={form.from} onChange={(e) => set('from', e.target.value)} />}
      </Field>
      <Field label={t('dossiers.to')} error={dateProblems.to ?? null}>
        {(p) => <TextInput {...p} placeholder={t('dossiers.datePlaceholder')} value={form.to} onChange={(e) => set('to', e.target.value)} />}
      </Field>
      <div>
        <button type="button" className="btn btn-ghost" onClick={onClear}>
          {t('dossiers.clearFilters')}
        </button>
      </div>
    </>
  );
});

interface DossierRowProps {
  item: VirtualItem;
  row: DossierSummary | undefined;
  now: Date;
  onOpen: (id: string) => void;
  onKey: (e: KeyboardEvent<HTMLDivElement>, index: number, id: string | undefined) => void;
}

/**
 * One visible row. Memoised on the row's data: a new answer re-renders only the rows it brought (a list read again
 * brings every row on screen anew), and scrolling re-renders none but the ones coming into view.
 */
const DossierRow = memo(function DossierRow({ item, row, now, onOpen, onKey }: DossierRowProps) {
  const { t } = useTranslation();
  return (
    <div
      role="row"
      aria-rowindex={item.index + 2}
      tabIndex={0}
      data-index={item.index}
      data-testid={row ? 'dossier-row' : 'dossier-row-loading'}
      className="dossier-row"
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
      onClick={() => row && onOpen(row.id)}
      onKeyDown={(e) => onKey(e, item.index, row?.id)}
    >
      {row ? (
        <>
          <span role="cell" className="mono dossier-code">
            {row.code ? <DossierCode code={row.code} /> : '—'}
          </span>
          <span role="cell" className="status-cell">
            <StatusBadge status={row.status} />
            <ConflictBadge syncState={row.syncState} />
          </span>
          <span role="cell" className="applicant-cell" title={`${row.applicantName ?? ''} · ${row.procedureName ?? ''}`}>
            <strong>{row.applicantName ?? '—'}</strong> · <span className="muted">{row.procedureName}</span>
          </span>
          <span role="cell" className="received-cell">
            <span className="received-date">{formatVnDate(row.receivedAt)}</span>
            {/* The column is when the dossier arrived: an online one not yet received arrived by its submission. */}
            {row.status === DossierStatus.SubmittedOnline && <span className="muted online-note"> {t('dossiers.submittedOnlineNote')}</span>}
          </span>
          <span role="cell">{formatVnDateTime(row.dueAt)}</span>
          <span role="cell" className="status-cell">
            <DueBadge dossier={row} now={now} />
          </span>
        </>
      ) : (
        <span role="cell" className="muted">
          {t('app.loading')}
        </span>
      )}
    </div>
  );
}, sameRow);

/**
 * An official code (UNITCODE-YYMMDD-NNNN) that may break after the unit's part, and only there, where its column is
 * narrow (app.css): both lines are read out whole, and copying it copies the code unbroken.
 */
function DossierCode({ code }: { code: string }) {
  const split = code.indexOf('-') + 1;
  if (split === 0) return code;
  return (
    <>
      {code.slice(0, split)}
      <wbr />
      {code.slice(split)}
    </>
  );
}

function sameRow(a: DossierRowProps, b: DossierRowProps): boolean {
  return (
    a.row === b.row &&
    a.item.index === b.item.index &&
    a.item.start === b.item.start &&
    a.now === b.now &&
    a.onOpen === b.onOpen &&
    a.onKey === b.onKey
  );
}

