/**
 * "Đổi địa chỉ máy chủ…": the district's server moved and this desk must follow it. For administrators only; the desk
 * keeps the new address only once the server there has accepted this desk, and says why not otherwise, at the field.
 */
import { useState } from 'react';
import type { SyncStatusView } from '../../../../shared/api/desk-views';
import { ActionButton, Field, Notice, TextInput } from '../../components/ui';
import { useDeskAction } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';

export function ServerAddressForm({ current, onChanged }: { current: string; onChanged: (status: SyncStatusView) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useDeskAction();

  const submit = async () => {
    const result = await save.run('sync.setServer', { serverUrl: address });
    if (!result.ok) return;
    setSaved(result.value.serverUrl ?? address);
    setOpen(false);
    setAddress('');
    onChanged(result.value);
  };

  const start = () => {
    setOpen(true);
    setSaved(null);
    setAddress(current);
  };
  const cancel = () => {
    setOpen(false);
    save.setError(null);
  };

  if (!open) {
    return (
      <div className="row">
        <ActionButton onActivate={start} data-testid="server-address-open">
          {t('sync.changeServer')}
        </ActionButton>
        {saved && (
          <Notice tone="success">
            <span data-testid="server-address-saved">{t('sync.changeServerSaved', { url: saved })}</span>
          </Notice>
        )}
      </div>
    );
  }
  const fieldError = save.error && (save.error.field === 'serverUrl' || !save.error.field) ? save.error.message : undefined;
  return (
    <form
      className="panel"
      data-testid="server-address-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={t('sync.newServer')} hint={t('sync.newServerHint')} error={fieldError} required>
        {(a11y) => (
          <TextInput
            {...a11y}
            className="mono"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            data-testid="server-address-input"
            autoFocus
          />
        )}
      </Field>
      <div className="row">
        <ActionButton type="submit" variant="primary" busy={save.busy} data-testid="server-address-save">
          {save.busy ? t('sync.checkingServer') : t('sync.checkAndSave')}
        </ActionButton>
        <ActionButton onActivate={cancel}>{t('app.cancel')}</ActionButton>
      </div>
    </form>
  );
}
