/**
 * An HTTP refusal with a stable code and a message in Vietnamese and English; the error handler turns it
 * into the protocol's error body `{ error: { code, message: { vi, en } } }`.
 */
import type { z } from 'zod';
import type { ErrorBody } from '../shared/sync/messages';
import { ownIssueText } from '../shared/domain/messages';

export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly details?: unknown,
  ) {
    super(`${code}: ${en}`);
    this.name = 'HttpProblem';
  }

  body(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: { vi: this.vi, en: this.en },
        ...(this.details === undefined ? {} : { details: this.details }),
      },
    };
  }
}

/**
 * Validates a request part. The refusal names the offending fields and zod's reason, never the values sent:
 * a value may be a citizen's ID number, and error bodies end up in desk logs.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.'), problem: i.code }));
  const fields = [...new Set(issues.map((i) => i.field || '(body)'))].join(', ');
  // `what` is "Vietnamese / English": each message names the request in its own language.
  const [whatVi, whatEn = whatVi] = what.split(' / ');
  // Where a check has words of our own ("Số quầy phải từ 1 đến 9."), they say what to mend; they are fixed texts,
  // never the value sent. zod's own reasons stay in `details`.
  const reasons = [...new Set(parsed.error.issues.slice(0, 10).map(ownIssueText))].filter((t) => t !== undefined).slice(0, 3);
  const why = (language: 'vi' | 'en') => (reasons.length > 0 ? `: ${reasons.map((r) => r[language]).join(' ')}` : '.');
  throw new HttpProblem(
    400,
    'invalid_request',
    `Yêu cầu ${whatVi} không hợp lệ (trường: ${fields})${why('vi')} Không có gì được lưu.`,
    `The ${whatEn} request is invalid (fields: ${fields})${why('en')} Nothing was stored.`,
    { issues },
  );
}
