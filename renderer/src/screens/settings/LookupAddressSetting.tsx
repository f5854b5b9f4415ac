/**
 * The public lookup address printed on every receipt (form 01). An administrator sets it; a clerk sees it
 * read-only. Left empty, receipts print the one the district server hands down (`motcua server lookup-address`),
 * which the screen names. When the desk is enrolled, the server's own lookup page is offered as a suggestion the administrator
 * takes with one click — never applied by itself, since the address the desk syncs with may be a LAN or VPN
 * address no citizen can open.
 */
import { useState } from 'react';
import { ActionButton, ErrorBanner, Field, Notice, TextInput } from '../../components/ui';
import { fieldErrorsOf } from '../../components/desk-errors';
import { useDeskAction, useDeskQuery } from '../../components/use-desk-call';
import { useTranslation } from '../../i18n';

/** The server's public lookup page (served at /tra-cuu), kept under any path the server address has. */
export function serverLookupAddress(serverUrl: string | null | undefined): string | null {
  if (!serverUrl) return null;
  try {
    return new URL('tra-cuu', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
  } catch {
    return null;
  }
}

export function LookupAddressSetting({
  current,
  district,
  isAdmin,
}: {
  current: string | null | undefined;
  /** The district server's address, printed while `current` is empty. */
  district: string | null | undefined;
  isAdmin: boolean;
}) {
  const { t } = useTranslation();
  const sync = useDeskQuery('sync.status', {});
  const save = useDeskAction();
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  // What the desk answered to the last save: the screen's own read of the settings is not refetched.
  const [answer, setAnswer] = useState<{ own: string | null; district: string | null } | null>(null);
  const own = answer ? answer.own : (current ?? null);
  const districtAddress = answer ? answer.district : (district ?? null);
  const value = draft ?? own ?? '';
  const suggestion = sync.data?.enrolled ? serverLookupAddress(sync.data.serverUrl) : null;

  const store = async (address: string) => {
    setSaved(false);
    const trimmed = address.trim();
    const result = await save.run('settings.set', { publicLookupUrl: trimmed === '' ? null : trimmed });
    if (!result.ok) return;
    setDraft(result.value.publicLookupUrl ?? '');
    setAnswer({ own: result.value.publicLookupUrl, district: result.value.districtLookupUrl ?? null });
    setSaved(true);
  };
  const fieldError = fieldErrorsOf(save.error).publicLookupUrl ?? null;

  return (
    <div data-testid="lookup-address-setting">
      <h2>{t('settings.lookupUrl')}</h2>
      {saved && <Notice tone="success">{t('settings.saved')}</Notice>}
      <Field label={t('settings.lookupUrl')} error={fieldError} hint={isAdmin ? t('settings.lookupUrlHint') : t('settings.lookupUrlAdminOnly')}>
        {(p) => (
          <TextInput
            {...p}
            className="mono"
            inputMode="url"
            disabled={!isAdmin}
            value={value}
            placeholder="https://dichvucong.…/tra-cuu"
            onChange={(e) => {
              setSaved(false);
              setDraft(e.target.value);
            }}
          />
        )}
      </Field>
      {!own && (
        <p className="field-hint" data-testid="lookup-district">
          {districtAddress ? t('settings.lookupUrlFromDistrict', { url: districtAddress }) : t('settings.lookupUrlNone')}
        </p>
      )}
      {isAdmin && suggestion && suggestion !== value.trim() && suggestion !== districtAddress && (
        <p className="field-hint" data-testid="lookup-suggestion">
          {t('settings.lookupUrlSuggestion', { url: suggestion })}{' '}
          <ActionButton disabled={save.busy} onActivate={() => void store(suggestion)}>
            {t('settings.lookupUrlUseSuggestion')}
          </ActionButton>
        </p>
      )}
      <ErrorBanner error={save.error && !fieldError ? save.error : null} />
      <ActionButton variant="primary" disabled={!isAdmin} busy={save.busy} onActivate={() => void store(value)}>
        {t('app.save')}
      </ActionButton>
    </div>
  );
}
