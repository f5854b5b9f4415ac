/** Small building blocks every screen uses: buttons with their shortcut, fields with their error, progress. */
import { useId, useRef, type ButtonHTMLAttributes, type ComponentProps, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useShortcut } from './shortcuts';
import { useLocalized, useTranslation } from '../i18n';
import type { AppError, LocalizedText } from '../../../shared/result';

interface ActionButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick'> {
  /** Printed on the button and bound window-wide, e.g. `F2`. */
  shortcut?: string;
  /** Runs on a click and on the shortcut alike. */
  onActivate?: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  busy?: boolean;
}

export function ActionButton({ shortcut, variant = 'secondary', busy, children, className, disabled, onActivate, ...rest }: ActionButtonProps) {
  const own = useRef<HTMLButtonElement>(null);
  useShortcut(shortcut ?? null, () => {
    if (!disabled && !busy) onActivate?.();
  }, !!shortcut && !disabled, own);
  // While busy the button stays focusable (aria-disabled, clicks ignored): a disabled button loses the keyboard
  // focus, which then falls to the page and the clerk has to find their place again after every action.
  return (
    <button
      ref={own}
      type="button"
      className={`btn btn-${variant}${className ? ` ${className}` : ''}`}
      disabled={disabled}
      aria-disabled={busy || undefined}
      aria-keyshortcuts={shortcut}
      aria-busy={busy || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onActivate?.();
      }}
      {...rest}
    >
      <span>{children}</span>
      {shortcut && <kbd className="shortcut">{shortcut}</kbd>}
    </button>
  );
}

/** What a field hands its control: its id, and the error and hint it is described by. */
export type FieldControlProps = { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

interface FieldProps {
  label: string;
  error?: LocalizedText | null;
  hint?: string;
  children: (props: FieldControlProps) => ReactNode;
  required?: boolean;
}

/** A labelled control with its error right under it, read out by screen readers with the field. */
export function Field({ label, error, hint, children, required }: FieldProps) {
  const id = useId();
  const localized = useLocalized();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required" aria-hidden="true"> *</span>}
      </label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {localized(error)}
        </p>
      )}
    </div>
  );
}

// With its `ref` (React 19 passes it as a prop), so a screen can put the keyboard back in a field.
export const TextInput = (props: ComponentProps<'input'>) => <input type="text" autoComplete="off" {...props} />;
export const Select = (props: SelectHTMLAttributes<HTMLSelectElement>) => <select {...props} />;
export const TextArea = (props: TextareaHTMLAttributes<HTMLTextAreaElement>) => <textarea rows={3} {...props} />;

/** An error from the desk that concerns no single field. */
export function ErrorBanner({ error }: { error: AppError | null | undefined }) {
  const localized = useLocalized();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert" data-error-code={error.code}>
      {localized(error.message)}
    </div>
  );
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
  return (
    <div className={`banner banner-${tone}`} role="status">
      {children}
    </div>
  );
}

/**
 * A progress bar for anything that may take over a second. With `value` it is determinate; without, it shows
 * that work is going on. It appears only after `delayMs`, so quick operations do not flicker.
 */
export function ProgressBar({ label, value, max = 1 }: { label?: string; value?: number; max?: number }) {
  const { t } = useTranslation();
  return (
    <div className="progress" role="progressbar" aria-label={label ?? t('progress.working')} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <div className={`progress-fill${value === undefined ? ' progress-indeterminate' : ''}`} style={value === undefined ? undefined : { width: `${Math.min(100, (value / max) * 100)}%` }} />
    </div>
  );
}
