/**
 * Shows a printable form over the app and prints it. The sheet is rendered into document.body (outside #root) so
 * the print stylesheet can hide the whole app and send only the sheet to the printer or to "save as PDF".
 */
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ActionButton } from '../components/ui';
import { useTranslation } from '../i18n';
import { loadPrintPrefs } from '../store/print-prefs';

/** `paper`: the forms' A5 sheet (A4 where the desk's printer has only A4), or a landscape A4 for a wide book. */
export function PrintPreview({ title, children, onClose, tools, paper = 'form' }: { title: string; children: ReactNode; onClose: () => void; tools?: ReactNode; paper?: 'form' | 'a4-landscape' }) {
  const { t } = useTranslation();
  const printButton = useRef<HTMLDivElement>(null);
  const backdrop = useRef<HTMLDivElement>(null);
  useHoldKeyboard(backdrop);
  useEffect(() => {
    printButton.current?.querySelector('button')?.focus();
  }, []);
  return createPortal(
    <div className="modal-backdrop" role="dialog" ref={backdrop} aria-modal="true" aria-label={title}>
      <div className="modal">
        <div className="print-toolbar no-print" ref={printButton}>
          <ActionButton variant="primary" shortcut="Ctrl+P" onActivate={() => window.print()}>
            {t('app.print')}
          </ActionButton>
          <ActionButton shortcut="Escape" onActivate={onClose}>
            {t('app.close')}
          </ActionButton>
          {tools}
        </div>
        <div className={`print-sheet${paper === 'a4-landscape' ? ' paper-a4-landscape' : loadPrintPrefs().paper === 'A4' ? ' paper-a4' : ''}`} data-testid="print-sheet">
          {children}
        </div>
      </div>
    </div>,
    document.body,
  );
}

/**
 * While the sheet is shown, the rest of the page is `inert`: Tab stays in the preview and a screen reader reads only
 * it (aria-modal alone holds neither: Tab went on to the detail screen's "In mẫu 02", and Enter there swapped the
 * slip under the clerk's eyes). On close the keyboard goes back to what opened the preview.
 * A layout effect, whose cleanup runs before the sheet leaves the page: the focus still in it (closed by "Đóng" or
 * Escape) is given back; one a screen has already put elsewhere is left there. A screen that places the focus itself
 * on close does so once the preview has gone (an effect, a timeout): until then the page is still inert.
 */
function useHoldKeyboard(backdrop: { current: HTMLElement | null }): void {
  useLayoutEffect(() => {
    const sheet = backdrop.current;
    const opener = document.activeElement;
    // Only what this preview made inert is given back (an element already inert stays so).
    const madeInert = [...document.body.children].filter((el) => el !== sheet && !el.hasAttribute('inert'));
    for (const el of madeInert) el.setAttribute('inert', '');
    return () => {
      for (const el of madeInert) el.removeAttribute('inert');
      const active = document.activeElement;
      const focusLeftHere = !active || active === document.body || (sheet?.contains(active) ?? false);
      if (focusLeftHere && opener instanceof HTMLElement && opener !== document.body && opener.isConnected) opener.focus();
    };
  }, [backdrop]);
}
