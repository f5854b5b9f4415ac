/**
 * No page of ours ever navigates away from app://desk, opens a window or embeds a webview. A link to an
 * allow-listed public-service site opens in the clerk's browser instead; everything else is simply refused.
 */
import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin';
import type { ExternalOpener } from './external-links';
import { openExternalSafely } from './external-links';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Where the main frame may go: our own pages only. */
export const isAllowedNavigation = (url: string): boolean => isAppUrl(url);

/**
 * Where a sub-frame may go: our pages, or a blob the page itself made (`blob:app://desk/…`, how the UI previews a
 * scanned PDF held in memory). A blob made by any other origin is refused.
 */
export function isAllowedFrameNavigation(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'blob:' && isAppUrl(parsed.pathname);
  } catch {
    return false;
  }
}

export function guardWebContents(contents: GuardedContents, openExternal: ExternalOpener): void {
  const refuseUnlessOurs = (event: { preventDefault(): void }, url: string, isMainFrame = true): void => {
    if (isMainFrame ? isAllowedNavigation(url) : isAllowedFrameNavigation(url)) return;
    event.preventDefault();
    void openExternalSafely(url, openExternal).catch(() => undefined);
  };
  contents.on('will-navigate', (event, url) => refuseUnlessOurs(event, url));
  contents.on('will-frame-navigate', (event) => refuseUnlessOurs(event, event.url, event.isMainFrame));
  contents.on('will-redirect', (event, url) => refuseUnlessOurs(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, openExternal).catch(() => undefined);
    return { action: 'deny' };
  });
}
