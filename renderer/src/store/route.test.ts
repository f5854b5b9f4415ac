// @vitest-environment jsdom
/**
 * The screen kept in the address: the browser's Back key walks the clerk's own screens, and never back into those
 * of whoever was logged in before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followHashChanges, resetRoute, useRoute } from './route';

/** history.back(), answered once the browser has moved (jsdom sends popstate after the move). */
const back = () =>
  new Promise<void>((resolve) => {
    window.addEventListener('popstate', () => setTimeout(resolve, 0), { once: true });
    window.history.back();
  });

let stop: () => void;
beforeAll(() => {
  stop = followHashChanges();
});
afterAll(() => stop());

describe('the route in the address', () => {
  it('goes Back through the screens of this login, and not into those of the login before', async () => {
    const { navigate } = useRoute.getState();
    navigate({ name: 'dossiers' });
    navigate({ name: 'dossier', id: 'ho-so-cua-nguoi-truoc' });
    await back();
    expect(useRoute.getState().route).toEqual({ name: 'dossiers' });
    navigate({ name: 'dossier', id: 'ho-so-cua-nguoi-truoc' });

    // Another clerk logs in: the first screen, and Back does not reach the dossier above.
    resetRoute();
    expect(useRoute.getState().route).toEqual({ name: 'reception' });
    navigate({ name: 'reports' });
    await back();
    expect(useRoute.getState().route).toEqual({ name: 'reception' });
    await back();
    expect(useRoute.getState().route).toEqual({ name: 'reception' });
    expect(window.location.hash).toBe('');
  });
});
