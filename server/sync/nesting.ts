/**
 * How deep a request's JSON goes, measured without recursion. A pushed event is kept exactly as the desk sent it
 * (its hash is over that text), extra keys inside its payload included, and hashing walks it recursively: an event
 * nested a hundred thousand levels deep overflowed the stack and its desk was told "try again later", for ever.
 * A real event is a few levels deep.
 */
import { HttpProblem } from '../http-problem';

/** Far above any real request: an event's payload holds lists of objects, a few levels in all. */
export const MAX_NESTING = 32;

export function nestedDeeperThan(value: unknown, limit: number): boolean {
  // Two parallel stacks rather than one of pairs: this runs over every push, up to 500 events.
  const nodes: unknown[] = [value];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const depth = depths.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= limit) return true;
    const record = node as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

export function refuseDeepNesting(body: unknown, what: string): void {
  if (!nestedDeeperThan(body, MAX_NESTING)) return;
  // `what` is "Vietnamese / English", as parseOrRefuse takes it.
  const [whatVi, whatEn = whatVi] = what.split(' / ');
  throw new HttpProblem(
    400,
    'invalid_request',
    `Yêu cầu ${whatVi} không hợp lệ: dữ liệu lồng nhau quá ${MAX_NESTING} tầng. Không có gì được lưu.`,
    `The ${whatEn} request is invalid: its data is nested more than ${MAX_NESTING} levels deep. Nothing was stored.`,
  );
}
