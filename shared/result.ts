/**
 * Results, not exceptions, across every boundary a clerk's action crosses (bridge, host, sync).
 * An error carries a stable code for programs and a message in Vietnamese and English for people.
 */
export interface LocalizedText {
  vi: string;
  en: string;
}

export interface AppError {
  /** Stable, machine-readable: 'validation', 'not_found', 'illegal_transition', … */
  code: string;
  message: LocalizedText;
  /** The input field the error concerns, so the UI can show it next to that field. */
  field?: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: string, vi: string, en: string, extra: Partial<Omit<AppError, 'code' | 'message'>> = {}): Result<never> => ({
  ok: false,
  error: { code, message: { vi, en }, ...extra },
});

/** An exception that carries an AppError; thrown inside a service, turned back into a Result at the boundary. */
export class AppFailure extends Error {
  constructor(readonly error: AppError) {
    super(`${error.code}: ${error.message.en}`);
    this.name = 'AppFailure';
  }
}

export function appFailure(code: string, vi: string, en: string, extra: Partial<Omit<AppError, 'code' | 'message'>> = {}): AppFailure {
  return new AppFailure({ code, message: { vi, en }, ...extra });
}
