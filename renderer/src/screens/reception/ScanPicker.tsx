/**
 * The scan of one paper of the reception checklist, picked from the scan inbox while the form is being filled. The
 * file is imported at once (content-addressed: the draft keeps its SHA-256, which stays valid over a reload and
 * after the scanner's file has moved to `imported/`); it is linked to the dossier right after the reception is
 * saved (ReceptionScreen). A scan taken off its paper ("Bỏ") goes back to the scan folder, to be offered again.
 * Escape closes the list and gives the focus back to the button that opened it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxFileView } from '../../../../shared/api/desk-views';
import type { AppError } from '../../../../shared/result';
import { useDesk } from '../../desk-context';
import { ErrorBanner } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';

export interface PickedScan {
  sha256: string;
  fileName: string;
}

interface Props {
  componentId: string;
  componentName: string;
  scan: PickedScan | null;
  onPick(scan: PickedScan): void;
  /**
   * The clerk takes the scan off the paper: resolves once it is back in the scan folder (or the desk said why not),
   * so the list opened next offers it.
   */
  onRemove(taken: PickedScan): Promise<void>;
}

type Inbox = { folder: string | null; missing: boolean; files: InboxFileView[] };

export function ScanPicker({ componentId, componentName, scan, onPick, onRemove }: Props) {
  const { t } = useTranslation();
  const { call, onDeskEvent } = useDesk();
  const [open, setOpen] = useState(false);
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    const result = await call('attachments.inbox', {});
    if (result.ok) setInbox(result.value);
    else setError(result.error);
  }, [call]);

  useEffect(() => {
    if (!open) return;
    void load();
    // A page the scanner saves while the list is open shows up in it.
    return onDeskEvent((event) => {
      if (event.type === 'scan.added') void load();
    });
  }, [open, load, onDeskEvent]);

  useEffect(() => {
    if (open && inbox) list.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [open, inbox]);

  // The list or the chosen file is replaced under the keyboard's focus: once the new one is drawn, keep the focus
  // in this row's cell (on "Bỏ" after a pick, on "Đính kèm" after a removal).
  const cell = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);
  const focusCell = () => {
    wantFocus.current = true;
  };
  const chosen = scan?.sha256 ?? null;
  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    cell.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, [chosen]);

  const close = () => {
    setOpen(false);
    setError(null);
    setTimeout(() => opener.current?.focus(), 0);
  };

  const pick = async (file: InboxFileView) => {
    setBusy(true);
    setError(null);
    try {
      const imported = await call('attachments.import', { source: 'inbox', fileName: file.fileName });
      if (!imported.ok) {
        setError(imported.error);
        return;
      }
      focusCell();
      onPick({ sha256: imported.value.sha256, fileName: imported.value.fileName });
      setOpen(false);
      setInbox(null);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (taken: PickedScan) => {
    // Asked before the change, which the focus follows (the effect above).
    focusCell();
    // The paper loses its scan whatever the desk answers (the clerk asked so); giving it back to the folder is the
    // screen's, which knows whether another form still names it and says when the desk does not take it back.
    await onRemove(taken);
  };

  if (scan) {
    return (
      <div className="scan-chosen" data-testid={`scan-${componentId}`} ref={cell}>
        <span className="scan-file" title={t('reception.scanChosen', { name: componentName, file: scan.fileName })}>
          {scan.fileName}
        </span>
        <button type="button" className="btn btn-ghost btn-small" aria-label={t('reception.scanRemove', { name: componentName })}
          onClick={() => void remove(scan)}
        >
          {t('reception.scanRemoveShort')}
        </button>
      </div>
    );
  }

  return (
    <div className="scan-picker" data-testid={`scan-${componentId}`} ref={cell}>
      <button
        ref={opener}
        type="button"
        className="btn btn-ghost btn-small"
        aria-expanded={open}
        aria-label={t('reception.scanFor', { name: componentName })}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('reception.attachScan')}
      </button>
      {open && (
        <div
          ref={list}
          className="scan-list"
          role="group"
          aria-label={t('reception.scanPickTitle')}
          aria-busy={busy || undefined}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <ErrorBanner error={error} />
          {inbox && inbox.folder === null && <p className="muted">{t('reception.scanInboxNotSet')}</p>}
          {inbox?.missing && <p className="muted">{t('reception.scanInboxMissing', { folder: inbox.folder ?? '' })}</p>}
          {inbox && inbox.folder !== null && !inbox.missing && inbox.files.length === 0 && <p className="muted">{t('reception.scanInboxEmpty')}</p>}
          {inbox && inbox.files.length > 0 && (
            <ul>
              {inbox.files.map((f) => (
                <li key={f.fileName}>
                  <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => void pick(f)}>
                    <span className="scan-file">{f.fileName}</span> <span className="muted">{formatVnDateTime(f.modifiedAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="row">
            <button type="button" className="btn btn-ghost btn-small" onClick={() => void load()}>
              {t('reception.scanReload')}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={close}>
              {t('app.close')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
