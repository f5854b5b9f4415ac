/**
 * The dossier list's data for a virtualised view of any length: the desk pages by offset, so only the pages the
 * clerk scrolls to are fetched (50,000 rows means a few hundred rows in memory at a time, not 50,000). A search
 * text switches to the desk's search, at most one at a time and only for the newest text (latest-only.ts), with the
 * list's filters: the desk keeps the dossiers they keep before its limit, so a name is found among one procedure's
 * dossiers however many newer ones of other procedures share it. Answers that arrive after the filters or the text
 * changed are dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DeskCall, DeskApiInput } from '../../../../shared/api/desk-api';
import type { DossierSummary } from '../../../../shared/api/dossier-views';
import type { AppError, Result } from '../../../../shared/result';
import { LatestOnly } from './latest-only';

export const PAGE_SIZE = 100;
const SEARCH_LIMIT = 200;

export type ListFilters = Omit<DeskApiInput<'dossiers.list'>, 'cursor' | 'limit'>;
type SearchRequest = Omit<DeskApiInput<'dossiers.search'>, 'limit'>;

export interface DossierWindow {
  total: number | null;
  rowAt(index: number): DossierSummary | undefined;
  ensure(start: number, end: number): void;
  error: AppError | null;
  /** Bumped whenever rows arrive, so the view re-renders. */
  revision: number;
  /**
   * Reads the rows on screen again, in place: their pages (or the search) are asked for once more and replace what
   * they held as they arrive, so the list does not empty while the clerk looks at it.
   */
  refresh(): void;
}

export function useDossierWindow(call: DeskCall, filters: ListFilters, query: string): DossierWindow {
  const [total, setTotal] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const rows = useRef(new Map<number, DossierSummary>());
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const filterKey = JSON.stringify(filters);
  const trimmed = query.trim();

  const fetchPage = useCallback(
    (page: number, gen: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      void call('dossiers.list', { ...(JSON.parse(filterKey) as ListFilters), limit: PAGE_SIZE, ...(page > 0 ? { cursor: String(page * PAGE_SIZE) } : {}) }).then((result) => {
        if (gen !== generation.current) return;
        if (!result.ok) {
          requested.current.delete(page);
          setError(result.error);
          return;
        }
        const start = page * PAGE_SIZE;
        result.value.items.forEach((item, i) => rows.current.set(start + i, item));
        // Read again, the list may have shrunk: the rows past its new end are not shown, and not kept either.
        for (const index of rows.current.keys()) if (index >= result.value.total) rows.current.delete(index);
        setTotal(result.value.total);
        setError(null);
        setRevision((r) => r + 1);
      });
    },
    [call, filterKey],
  );

  const search = useMemo(() => new LatestOnly((request: SearchRequest) => call('dossiers.search', { ...request, limit: SEARCH_LIMIT })), [call]);

  const runSearch = useCallback(
    (gen: number, again = false) => {
      // The search answers newest first, whatever the list's order.
      const { sort: _sort, ...filters } = JSON.parse(filterKey) as ListFilters;
      search.submit({ query: trimmed, ...filters }, (result: Result<DossierSummary[]>) => {
        if (gen !== generation.current) return;
        if (!result.ok) {
          setError(result.error);
          // Read again in the background and failed: what the clerk was reading stays, with the error above it.
          if (!again) setTotal(0);
          return;
        }
        rows.current = new Map(result.value.map((item, i) => [i, item]));
        setTotal(result.value.length);
        setRevision((r) => r + 1);
      });
    },
    [filterKey, trimmed, search],
  );

  useEffect(() => {
    const gen = ++generation.current;
    rows.current = new Map();
    requested.current = new Set();
    setError(null);
    if (trimmed === '') {
      search.cancel();
      fetchPage(0, gen);
      return;
    }
    runSearch(gen);
  }, [fetchPage, runSearch, trimmed, search]);

  /** The rows the view last asked for (ensure): what a read again covers. */
  const shown = useRef<[number, number]>([0, 0]);

  const refresh = useCallback(() => {
    const gen = ++generation.current;
    if (trimmed !== '') return runSearch(gen, true);
    // The pages on screen, and those on their way (asked for by a scroll just now, whose answers this read drops).
    // The others are let go: scrolled to again, they are read then, as the view asks for them.
    const [start, end] = shown.current;
    const pages = new Set<number>();
    for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) pages.add(page);
    for (const page of requested.current) if (!rows.current.has(page * PAGE_SIZE)) pages.add(page);
    for (const index of rows.current.keys()) if (!pages.has(Math.floor(index / PAGE_SIZE))) rows.current.delete(index);
    requested.current = new Set();
    for (const page of pages) fetchPage(page, gen);
  }, [fetchPage, runSearch, trimmed]);

  const ensure = useCallback(
    (start: number, end: number) => {
      shown.current = [start, end];
      if (trimmed !== '') return;
      const gen = generation.current;
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++) {
        if (!rows.current.has(page * PAGE_SIZE)) fetchPage(page, gen);
      }
    },
    [fetchPage, trimmed],
  );

  // The same function for the window's life: the list's row keys are built from it once per revision.
  const rowAt = useCallback((i: number) => rows.current.get(i), []);
  return { total, rowAt, ensure, error, revision, refresh };
}
