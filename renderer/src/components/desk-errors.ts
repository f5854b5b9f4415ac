/**
 * Errors from the desk, put next to the field they concern. A validation error names its first field in
 * `error.field` and every problem in `details` (`{ field: 'applicant.idNumber', message: { vi, en } }`).
 */
import type { AppError, LocalizedText } from '../../../shared/result';

export function fieldErrorsOf(error: AppError | null | undefined, prefix = ''): Record<string, LocalizedText> {
  if (!error) return {};
  const out: Record<string, LocalizedText> = {};
  const add = (field: string | undefined, message: LocalizedText) => {
    if (!field || !field.startsWith(prefix)) return;
    const key = field.slice(prefix.length);
    if (key && !out[key]) out[key] = message;
  };
  if (Array.isArray(error.details)) {
    for (const d of error.details as { field?: unknown; message?: unknown }[]) {
      const message = d.message as LocalizedText | undefined;
      if (typeof d.field === 'string' && message && typeof message.vi === 'string') add(d.field, message);
    }
  }
  add(error.field, error.message);
  return out;
}

/** True when the error is shown next to one of `fields`, so a banner would only repeat it. */
export const errorIsOnField = (error: AppError | null | undefined, fields: string[]): boolean =>
  !!error?.field && fields.includes(error.field);
