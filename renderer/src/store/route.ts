/**
 * Which screen is open, kept in the URL hash (`#/dossiers`, `#/dossier/<id>`) so a reload — or a renderer crash —
 * brings the clerk back to the same screen, and the browser's Back key works as clerks expect.
 */
import { create } from 'zustand';

export type Route =
  | { name: 'reception' }
  | { name: 'dossiers' }
  | { name: 'dossier'; id: string }
  | { name: 'results' }
  | { name: 'friday' }
  | { name: 'sync' }
  | { name: 'reports' }
  | { name: 'settings' };

export type RouteName = Route['name'];

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const [head, arg] = path.split('/');
  switch (head) {
    case 'dossiers':
      return { name: 'dossiers' };
    case 'dossier':
      return arg ? { name: 'dossier', id: decodeURIComponent(arg) } : { name: 'dossiers' };
    case 'results':
    case 'friday':
    case 'sync':
    case 'reports':
    case 'settings':
      return { name: head };
    default:
      return { name: 'reception' };
  }
}

export function routeHash(route: Route): string {
  return route.name === 'dossier' ? `#/dossier/${encodeURIComponent(route.id)}` : `#/${route.name}`;
}

interface RouteState {
  route: Route;
  navigate(route: Route): void;
}

const initial = typeof window === 'undefined' ? { name: 'reception' as const } : parseRoute(window.location.hash);

/**
 * Every history entry the app makes carries the mark of the login it was made under (kept in sessionStorage, so a
 * reload keeps it): Back into an entry of an earlier login lands on the first screen, not on what that clerk had open.
 */
const LOGIN_MARK_KEY = 'motcua.loginMark';
const newMark = (): string => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
function loginMark(): string {
  let mark = window.sessionStorage.getItem(LOGIN_MARK_KEY);
  if (mark === null) window.sessionStorage.setItem(LOGIN_MARK_KEY, (mark = newMark()));
  return mark;
}
const firstScreenAddress = (): string => `${window.location.pathname}${window.location.search}`;
if (typeof window !== 'undefined' && !(window.history.state as { login?: string } | null)?.login) {
  window.history.replaceState({ login: loginMark() }, '', window.location.href);
}

export const useRoute = create<RouteState>((set) => ({
  route: initial,
  navigate(route) {
    if (typeof window !== 'undefined') {
      const hash = routeHash(route);
      if (window.location.hash !== hash) window.history.pushState({ login: loginMark() }, '', hash);
    }
    set({ route });
  },
}));

/**
 * Back to the first screen under a new login mark, replacing the address rather than adding to the history: at a
 * login, so a clerk never starts on (nor goes Back to) the dossier, with its CCCD, phone and address, that whoever
 * used the desk before left open.
 */
export function resetRoute(): void {
  if (typeof window !== 'undefined') {
    window.sessionStorage.setItem(LOGIN_MARK_KEY, newMark());
    window.history.replaceState({ login: loginMark() }, '', firstScreenAddress());
  }
  useRoute.setState({ route: parseRoute('') });
}

/**
 * Keeps the store in step with Back/Forward and with hashes typed by hand. An entry made under an earlier login
 * (its mark is another) opens the first screen, and is rewritten to it.
 */
export function followHashChanges(): () => void {
  const onChange = () => {
    const mark = (window.history.state as { login?: string } | null)?.login;
    if (mark !== undefined && mark !== loginMark()) {
      window.history.replaceState({ login: loginMark() }, '', firstScreenAddress());
      useRoute.setState({ route: parseRoute('') });
      return;
    }
    useRoute.setState({ route: parseRoute(window.location.hash) });
  };
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}
