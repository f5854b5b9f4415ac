/**
 * A USB barcode scanner anywhere in the app: it types what a QR code holds, and Enter. Two are known: a receipt's
 * (the dossier code, or the public lookup link carrying it: shared/domain/lookup-link.ts), which opens the dossier,
 * and a căn cước card's (shared/domain/id-card-qr.ts), which fills the applicant at reception. What was typed is
 * taken back out of whatever field had the focus, so a scan never leaves a code, a link or a card's line in the name
 * field.
 */
import { useEffect, useRef } from 'react';
import { dossierCodeOfScan } from '../../../shared/domain/lookup-link';
import { readIdCardQr, type IdCardReading } from '../../../shared/domain/id-card-qr';
import { ScanBurstDetector } from './scan-burst';

/** What a scan stood for. */
export type ScanReading = { kind: 'dossier'; code: string } | { kind: 'idCard'; card: IdCardReading };

export function readScan(text: string): ScanReading | null {
  const code = dossierCodeOfScan(text);
  if (code !== null) return { kind: 'dossier', code };
  const card = readIdCardQr(text);
  return card === null ? null : { kind: 'idCard', card };
}

/** Where typed text lands as text: a space there is part of what was typed, not a press. */
function isTextField(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'image', 'range', 'color'].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}

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

export function useBarcodeScanner(onScan: (reading: ScanReading) => void): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    const detector = new ScanBurstDetector({ read: readScan });
    // A space inside a scan pressed whatever had the focus: a paper's checkbox ticked or unticked, a button pressed.
    // Its keydown and its keyup (where a checkbox or button acts) are both held back, outside text fields.
    let spaceHeld = false;
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key !== ' ' || !spaceHeld) return;
      spaceHeld = false;
      event.preventDefault();
      event.stopPropagation();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key === ' ' && detector.continuesBurst(event.timeStamp) && !isTextField(document.activeElement)) {
        spaceHeld = true;
        event.preventDefault();
        event.stopPropagation();
      }
      const scanned = detector.key(event.key, event.timeStamp);
      if (scanned) {
        // The Enter must not also submit the form the scan landed in.
        event.preventDefault();
        event.stopPropagation();
        takeBackTypedText(scanned.typed);
        latest.current(scanned.reading);
      }
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, []);
}
