/**
 * How a transport reaches the desk: one function that takes a method name and the raw, unvalidated input and
 * answers with a Result. The desk backend's `callDesk(handlers, method, input)` is exactly this once its handler
 * map is bound; the transports never see the handlers themselves, so every method the desk adds is served by all
 * of them without touching this folder.
 */
import type { Result } from '../../shared/result';
import { fail } from '../../shared/result';
import type { DeskApiMethod } from '../../shared/api/desk-api';
import { deskApiMethods } from '../../shared/api/desk-api';

export type DeskDispatch = (method: DeskApiMethod, rawInput: unknown) => Promise<Result<unknown>>;

const knownMethods: ReadonlySet<string> = new Set(deskApiMethods);

/** A Set lookup, so names such as `__proto__` or `constructor` are never mistaken for methods. */
export const isDeskApiMethod = (name: string): name is DeskApiMethod => knownMethods.has(name);

export const unknownMethod = (name: string): Result<never> =>
  fail(
    'unknown_method',
    `Phần mềm không có chức năng "${name.slice(0, 80)}". Hãy cập nhật phần mềm hoặc báo cho quản trị viên.`,
    `The desk has no function "${name.slice(0, 80)}". Update the application or tell the administrator.`,
  );

/**
 * Calls the desk and turns anything it throws into a Result, so a bug in one handler answers one request with an
 * error instead of taking the transport down. The thrown text is not passed on: it may quote personal data.
 */
export async function dispatchSafely(
  dispatch: DeskDispatch,
  method: DeskApiMethod,
  rawInput: unknown,
): Promise<Result<unknown>> {
  try {
    return await dispatch(method, rawInput);
  } catch {
    return fail(
      'internal',
      'Đã có lỗi bên trong phần mềm. Thao tác chưa được thực hiện; hãy thử lại hoặc báo cho quản trị viên.',
      'Something went wrong inside the desk. Nothing was done; try again or tell the administrator.',
    );
  }
}
