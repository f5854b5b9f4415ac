/**
 * Where the keyboard's focus goes once an action on the dossier has run. The form or button the clerk used is
 * gone or disabled by then, and the browser would drop the focus to <body>, making a keyboard user Tab from the top
 * of the app again. After a success it goes to the success notice (read out as it is focused); after a failure to
 * the first field with an error, else to the error banner; when a print preview closes, back to what opened it.
 * The actions heading is the fallback for each, so the focus always lands in the actions panel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type FocusAfter = 'done' | 'problem' | 'returned';

const usable = (el: Element | null): el is HTMLElement =>
  el instanceof HTMLElement && el.isConnected && el !== document.body && !(el as HTMLButtonElement).disabled;

export function useFocusAfterAction() {
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const notice = useRef<HTMLDivElement>(null);
  const banner = useRef<HTMLDivElement>(null);
  const opener = useRef<Element | null>(null);
  // A counter with the target, so asking twice for the same target (two failures in a row) moves the focus again.
  const [request, setRequest] = useState<{ to: FocusAfter; n: number } | null>(null);

  useEffect(() => {
    if (!request) return;
    const invalid = panel.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? null;
    const target =
      request.to === 'done'
        ? notice.current
        : request.to === 'problem'
          ? (invalid ?? banner.current)
          : usable(opener.current)
            ? opener.current
            : notice.current;
    (target ?? heading.current)?.focus();
  }, [request]);

  const focusAfter = useCallback((to: FocusAfter) => setRequest((r) => ({ to, n: (r?.n ?? 0) + 1 })), []);
  /** Remembers what had the focus when a print preview opened, to give it back when the preview closes. */
  const rememberOpener = useCallback(() => {
    opener.current = document.activeElement;
  }, []);
  return { refs: { panel, heading, notice, banner }, focusAfter, rememberOpener };
}
