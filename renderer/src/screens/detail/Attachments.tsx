/**
 * Scans linked to the dossier (view PDFs and images in place) and the scan inbox: files the scanner saved into the
 * watched folder, attached to a paper of the dossier or to its result in two steps (import by hash, then link).
 * An attached scan leaves the inbox, and its button with it, and closing the viewer removes its Close button: the
 * focus then goes where the detail's actions send it (use-focus-after-action), never down to <body>.
 * A scan not yet on this PC (a dossier transferred from a commune, a scan taken at another desk) is downloaded from
 * the server when opened: its button says it is loading at once, and after a second a notice says why it may take
 * minutes on a slow line; the clerk works on meanwhile, and a failure says what to do.
 */
import { useEffect, useRef, useState } from 'react';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { DossierDetail } from '../../../../shared/api/dossier-views';
import type { AppError } from '../../../../shared/result';
import type { InboxFileView } from '../../../../shared/api/desk-views';
import { ActionButton, ErrorBanner, Notice, Select } from '../../components/ui';
import { useTranslation } from '../../i18n';
import { formatVnDateTime } from '../../format/vn-time';
import { useSlowFlag } from '../../components/use-desk-call';
import { useFocusAfterAction } from './use-focus-after-action';

interface Linked {
  sha256: string;
  fileName: string;
  mime: string;
  target: string;
}

export function Attachments({ detail, call, onLinked }: { detail: DossierDetail; call: DeskCall; onLinked: () => void }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<{ url: string; mime: string; name: string } | null>(null);
  const [inbox, setInbox] = useState<InboxFileView[]>([]);
  const [target, setTarget] = useState<string>(detail.state.components[0]?.componentId ?? 'result');
  const [error, setError] = useState<AppError | null>(null);
  const [attached, setAttached] = useState<{ file: string; target: string } | null>(null);
  const [busy, setBusy] = useState(false);
  /** The scan being opened (possibly downloaded from the server), by hash and name. */
  const [opening, setOpening] = useState<{ sha256: string; fileName: string } | null>(null);
  const openingSlow = useSlowFlag(opening !== null);
  /** Counts the scans asked for: only the answer to the last one, in the dossier still shown, is shown. */
  const openRequest = useRef(0);
  const { refs, focusAfter, rememberOpener } = useFocusAfterAction();
  // The panel stays mounted from one dossier to the next: what it said about the last one goes.
  // The paper picked belongs to the dossier shown: another dossier's paper id would be refused after the scan had
  // already left the inbox.
  useEffect(() => {
    setAttached(null);
    setError(null);
    setViewing(null);
    setOpening(null);
    openRequest.current += 1;
    setTarget(detail.state.components[0]?.componentId ?? 'result');
  }, [detail.state.id]);
  const linked: Linked[] = detail.timeline
    .filter((e) => e.type === 'dossier.attachment_linked')
    .map((e) => {
      const p = e.payload as { sha256: string; fileName: string; mime: string; target: { componentId?: string; result?: true } };
      const component = detail.state.components.find((c) => c.componentId === p.target.componentId);
      return { sha256: p.sha256, fileName: p.fileName, mime: p.mime, target: component?.name ?? (p.target.result ? t('detail.resultTarget') : '') };
    });

  useEffect(() => {
    let live = true;
    void call('attachments.inbox', {}).then((r) => live && r.ok && setInbox(r.value.files));
    return () => {
      live = false;
    };
  }, [call, detail.state.version]);

  useEffect(() => () => {
    if (viewing) URL.revokeObjectURL(viewing.url);
  }, [viewing]);

  const failed = (e: AppError) => {
    setError(e);
    focusAfter('problem');
  };

  const view = async (a: Linked) => {
    rememberOpener();
    const request = ++openRequest.current;
    setError(null);
    setOpening({ sha256: a.sha256, fileName: a.fileName });
    const result = await call('attachments.get', { sha256: a.sha256, dossierId: detail.state.id });
    // Another scan was asked for meanwhile, or another dossier opened: this answer is no longer wanted.
    if (request !== openRequest.current) return;
    setOpening(null);
    if (!result.ok) return failed(result.error);
    const bytes = Uint8Array.from(atob(result.value.dataBase64), (c) => c.charCodeAt(0));
    setViewing({ url: URL.createObjectURL(new Blob([bytes], { type: result.value.mime })), mime: result.value.mime, name: a.fileName });
  };

  const attach = async (file: InboxFileView) => {
    setError(null);
    setAttached(null);
    setBusy(true);
    try {
      const imported = await call('attachments.import', { source: 'inbox', fileName: file.fileName });
      if (!imported.ok) return failed(imported.error);
      const linkedResult = await call('attachments.link', {
        dossierId: detail.state.id,
        sha256: imported.value.sha256,
        fileName: imported.value.fileName,
        target: target === 'result' ? { result: true } : { componentId: target },
        expectedVersion: detail.state.version,
      });
      if (!linkedResult.ok) return failed(linkedResult.error);
      const component = detail.state.components.find((c) => c.componentId === target);
      setAttached({ file: imported.value.fileName, target: component?.name ?? t('detail.resultTarget') });
      focusAfter('done');
      onLinked();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="attachments-title" ref={refs.panel}>
      <h2 id="attachments-title" ref={refs.heading} tabIndex={-1}>
        {t('detail.attachments')}
      </h2>
      {error && (
        <div ref={refs.banner} tabIndex={-1}>
          <ErrorBanner error={error} />
        </div>
      )}
      {attached && (
        <div ref={refs.notice} tabIndex={-1} data-testid="attachment-done">
          <Notice tone="success">{t('detail.attached', attached)}</Notice>
        </div>
      )}
      {linked.length === 0 ? (
        <p className="muted">{t('detail.noAttachments')}</p>
      ) : (
        <ul>
          {linked.map((a) => (
            <li key={`${a.sha256}-${a.target}`} className="row">
              <span>
                {a.fileName} <span className="muted">({a.target})</span>
              </span>
              <ActionButton
                variant="ghost"
                busy={opening?.sha256 === a.sha256}
                aria-label={t('detail.viewFile', { file: a.fileName })}
                onActivate={() => void view(a)}
              >
                {opening?.sha256 === a.sha256 ? t('app.loading') : t('detail.view')}
              </ActionButton>
            </li>
          ))}
        </ul>
      )}
      {opening && openingSlow && (
        <div data-testid="attachment-opening">
          <Notice>{t('detail.openingScan', { file: opening.fileName })}</Notice>
        </div>
      )}
      {viewing && (
        <div className="stack">
          {viewing.mime === 'application/pdf' ? (
            <iframe title={viewing.name} src={viewing.url} className="attachment-frame" />
          ) : (
            <img src={viewing.url} alt={viewing.name} className="attachment-image" />
          )}
          <ActionButton
            onActivate={() => {
              setViewing(null);
              focusAfter('returned');
            }}
          >
            {t('app.close')}
          </ActionButton>
        </div>
      )}
      {inbox.length > 0 && (
        <>
          <h3>{t('settings.scanInbox')}</h3>
          <label className="row">
            {t('reception.attachScan')}:
            <Select value={target} onChange={(e) => setTarget(e.target.value)} style={{ width: 'auto' }}>
              {detail.state.components.map((c) => (
                <option key={c.componentId} value={c.componentId}>
                  {c.name}
                </option>
              ))}
              <option value="result">{t('detail.resultTarget')}</option>
            </Select>
          </label>
          <ul>
            {inbox.map((f) => (
              <li key={f.fileName} className="row">
                <span>
                  {f.fileName} <span className="muted">{formatVnDateTime(f.modifiedAt)}</span>
                </span>
                <ActionButton variant="ghost" busy={busy} aria-label={t('detail.attachFile', { file: f.fileName })} onActivate={() => void attach(f)}>
                  {t('reception.attachScan')}
                </ActionButton>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
