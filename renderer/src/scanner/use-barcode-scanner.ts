/**
 * A USB barcode scanner anywhere in the app: it types what the receipt's QR code holds — the dossier code, or the
 * public lookup link carrying it (shared/domain/lookup-link.ts) — and Enter. When such a burst reads as a dossier
 * code, the dossier opens — and what was typed is taken back out of whatever field had the focus, so scanning
 * while the reception form is open does not leave a code or a link in the name field.
 */
import { useEffect, useRef } from 'react';
import { dossierCodeOfScan } from '../../../shared/domain/lookup-link';
import { ScanBurstDetector } from './scan-burst';

/** Removes `text` from the end of the focused input, through the native setter so React sees the change. */
function takeBackTypedText(text: string): void {
  const el = document.activeElement;
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  if (!el.value.endsWith(text)) return;
  const proto = el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  setter?.call(el, el.value.slice(0, el.value.length - text.length));
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export function useBarcodeScanner(onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    const detector = new ScanBurstDetector({ read: dossierCodeOfScan });
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const scanned = detector.key(event.key, event.timeStamp);
      if (scanned) {
        // The Enter must not also submit the form the scan landed in.
        event.preventDefault();
        event.stopPropagation();
        takeBackTypedText(scanned.typed);
        latest.current(scanned.code);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
