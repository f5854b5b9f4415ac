/**
 * The frame the account forms share (new account, rename, password reset): a titled form the browser does not
 * validate (the desk's rules are shown under each field), Enter submits, and an error that names none of the
 * fields goes in a banner under them, so it is never lost.
 */
import type { ReactNode } from 'react';
import type { AppError } from '../../../../shared/result';
import { ActionButton, ErrorBanner } from '../../components/ui';
import { useTranslation } from '../../i18n';

interface AccountFormProps {
  /** Names the form for tests (`data-testid`) and its heading's id. */
  name: string;
  title: string;
  intro?: string;
  banner: AppError | null;
  onSubmit: () => void;
  children: ReactNode;
  /** Below the banner (the new-account form's button sits there). */
  after?: ReactNode;
}

export function AccountForm({ name, title, intro, banner, onSubmit, children, after }: AccountFormProps) {
  return (
    <form
      noValidate
      aria-labelledby={`${name}-title`}
      data-testid={name}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 id={`${name}-title`}>{title}</h3>
      {intro && <p className="muted">{intro}</p>}
      {children}
      <ErrorBanner error={banner} />
      {after}
    </form>
  );
}

/** Submit and cancel, side by side after the fields of a form opened from an account's row. */
export function SubmitOrCancel({ name, label, busy, onCancel }: { name: string; label: string; busy: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <ActionButton variant="primary" type="submit" busy={busy} data-testid={`${name}-submit`}>
        {label}
      </ActionButton>
      <ActionButton variant="ghost" onActivate={onCancel}>
        {t('app.cancel')}
      </ActionButton>
    </>
  );
}
