/**
 * Shows a printable form over the app and prints it. The sheet is rendered into document.body (outside #root) so
 * the print stylesheet can hide the whole app and send only the sheet to the printer or to "save as PDF".
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ActionButton } from '../components/ui';
import { useTranslation } from '../i18n';
import { loadPrintPrefs } from '../store/print-prefs';

/** `paper`: the forms' A5 sheet (A4 where the desk's printer has only A4), or a landscape A4 for a wide book. */
export function PrintPreview({ title, children, onClose, tools, paper = 'form' }: { title: string; children: ReactNode; onClose: () => void; tools?: ReactNode; paper?: 'form' | 'a4-landscape' }) {
  const { t } = useTranslation();
  const printButton = useRef<HTMLDivElement>(null);
  useEffect(() => {
    printButton.current?.querySelector('button')?.focus();
  }, []);
  return createPortal(
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-label={title}>
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
