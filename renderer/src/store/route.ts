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

export const useRoute = create<RouteState>((set) => ({
  route: initial,
  navigate(route) {
    if (typeof window !== 'undefined') {
      const hash = routeHash(route);
      if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    }
    set({ route });
  },
}));

/**
 * Back to the first screen, replacing the address rather than adding to the history: at a login, so a clerk never
 * starts on the dossier (its CCCD, phone and address) that whoever used the desk before left open.
 */
export function resetRoute(): void {
  const route = parseRoute('');
  if (typeof window !== 'undefined' && window.location.hash !== '') {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  }
  useRoute.setState({ route });
}

/** Keeps the store in step with Back/Forward and with hashes typed by hand. */
export function followHashChanges(): () => void {
  const onChange = () => useRoute.setState({ route: parseRoute(window.location.hash) });
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}
