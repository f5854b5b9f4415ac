/**
 * Where the clerk left the dossier list: the search typed, the filters chosen, how far down it was scrolled, and the
 * dossier opened from it. Coming back (Back, Alt+2, the menu) finds the list as it was, instead of an empty search
 * box over every dossier: a clerk working through the five dossiers of "le thi hoa" opens them one after another.
 * In memory only, and for the session: a search may hold a citizen's name or ID number, so it is never written to
 * disk (nor to the address or sessionStorage), and it is forgotten when the clerk logs out or another one logs in.
 */
import { create } from 'zustand';
import type { DossierStatus } from '../../../shared/domain/dossier';
import type { ListInput } from '../../../shared/api/dossier-inputs';
import { useSession } from './session';

/** The sync states the list can be filtered by (its "Đồng bộ" filter: screens/dossiers/sync-state-filter.ts). */
export type SyncStateChoice = NonNullable<ListInput['syncState']>;

/** The list's filters as its form holds them (text as typed, '' for "Tất cả"). */
export interface DossierListForm {
  status: '' | `${DossierStatus}`;
  due: '' | 'overdue' | 'today' | 'soon';
  procedureCode: string;
  field: string;
  channel: '' | 'online' | 'in_person' | 'postal';
  syncState: '' | SyncStateChoice;
  from: string;
  to: string;
  sort: 'received_desc' | 'received_asc' | 'due_asc';
}

export const emptyDossierListForm: DossierListForm = { status: '', due: '', procedureCode: '', field: '', channel: '', syncState: '', from: '', to: '', sort: 'received_desc' };

interface DossierListPlace {
  form: DossierListForm;
  query: string;
  /** How far the list was scrolled, in pixels. */
  scrollTop: number;
  /** The dossier last opened from this search and these filters. */
  openedId: string | null;
}

const nothingKept: DossierListPlace = { form: emptyDossierListForm, query: '', scrollTop: 0, openedId: null };

export const useDossierListPlace = create<DossierListPlace>(() => nothingKept);

/** The search and filters now shown; a new search or filter forgets the dossier opened from the last one. */
export function keepDossierSearch(form: DossierListForm, query: string): void {
  const kept = useDossierListPlace.getState();
  if (kept.query === query && JSON.stringify(kept.form) === JSON.stringify(form)) return;
  useDossierListPlace.setState({ form, query, openedId: null });
}

/** Followed as the list scrolls (a shorter list moves it too), so it is always where the box is. */
export function keepDossierListScroll(scrollTop: number): void {
  useDossierListPlace.setState({ scrollTop });
}

export function keepOpenedDossier(id: string): void {
  useDossierListPlace.setState({ openedId: id });
}

export function forgetDossierListPlace(): void {
  useDossierListPlace.setState(nothingKept);
}

// A logout, or a login as someone else: the next clerk does not find the last one's search.
useSession.subscribe((now, before) => {
  if (now.user?.id !== before.user?.id) forgetDossierListPlace();
});
