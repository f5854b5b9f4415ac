/** Adding or renaming a unit: used by the admin HTTP API and by `motcua server add-unit`. */
import type { Unit } from '../../shared/domain/units';
import type { ServerStorage } from '../storage/contract';
import { HttpProblem } from '../http-problem';

/** Refuses a parent the server does not have: a mistyped parent code would leave a unit outside the tree. */
export async function putUnitUnderKnownParent(storage: ServerStorage, unit: Unit): Promise<void> {
  if (unit.parentCode && !(await storage.unit(unit.parentCode))) {
    throw new HttpProblem(
      422,
      'unknown_unit',
      `Chưa có đơn vị cha ${unit.parentCode}.`,
      `The parent unit ${unit.parentCode} does not exist yet.`,
    );
  }
  await storage.putUnit(unit);
}
