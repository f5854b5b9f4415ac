/**
 * Keyboard shortcuts the whole app listens to. A shortcut is written once (`Alt+N`, `F2`, `Ctrl+K`) and the same
 * text is printed on the button it triggers, so what the clerk sees is what works.
 */
import { useEffect, useRef, type RefObject } from 'react';

export interface Shortcut {
  key: string;
  alt?: boolean;
  ctrl?: boolean;
  shift?: boolean;
}

export function parseShortcut(text: string): Shortcut {
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    alt: parts.includes('Alt'),
    ctrl: parts.includes('Ctrl'),
    shift: parts.includes('Shift'),
  };
}

export function matchesShortcut(event: Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>, text: string): boolean {
  const s = parseShortcut(text);
  // With Alt held, some layouts (Vietnamese Telex/VNI input methods, macOS) change `key`; `code` stays put.
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const codeKey = event.code.startsWith('Key') ? event.code.slice(3).toLowerCase() : event.code.startsWith('Digit') ? event.code.slice(5) : event.code;
  return (
    (key === s.key || codeKey === s.key) &&
    event.altKey === !!s.alt &&
    (event.ctrlKey || event.metaKey) === !!s.ctrl &&
    (s.key.length === 1 ? true : event.shiftKey === !!s.shift)
  );
}

/**
 * Runs `handler` when `shortcut` is pressed anywhere in the window (also inside form fields). While a modal dialog is
 * open (the print preview), only the shortcuts of its own buttons (`owner` inside it) work: F2 pressed again over a
 * receipt's preview "saved" the next citizen's blank form behind it and filled it with errors (QA).
 */
export function useShortcut(shortcut: string | null, handler: () => void, enabled = true, owner?: RefObject<HTMLElement | null>): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!shortcut || !enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const modal = document.querySelector('[aria-modal="true"]');
      if (modal && !(owner?.current && modal.contains(owner.current))) return;
      if (matchesShortcut(event, shortcut)) {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut, enabled, owner]);
}
