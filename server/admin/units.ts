/** Adding or renaming a unit: used by the admin HTTP API and by `motcua server add-unit`. */
import { unitParentRule } from '../../shared/domain/messages';
import { UNIT_LEVEL_VI as LEVEL_VI, type Unit } from '../../shared/domain/units';
import type { ServerStorage } from '../storage/contract';
import { HttpProblem } from '../http-problem';

/** Higher levels first: a unit's parent always stands above it, so the tree can hold no loop. */
const RANK: Record<Unit['level'], number> = { province: 0, district: 1, commune: 2 };

/**
 * Refuses a parent the server does not have (a mistyped parent code would leave a unit outside the tree), a parent
 * that is not above the unit, and a change of level that would put the unit at or below one of its own units: the
 * reports and the desks' unit pickers read the tree from the top, and a province filed under its own district (one
 * `add-unit` away before) left the tree without a top.
 */
export async function putUnitUnderKnownParent(storage: ServerStorage, unit: Unit): Promise<void> {
  if (unit.parentCode) {
    const parent = await storage.unit(unit.parentCode);
    if (!parent) {
      throw new HttpProblem(
        422,
        'unknown_unit',
        `Chưa có đơn vị cha ${unit.parentCode} trên máy chủ: hãy thêm đơn vị đó trước (thêm từ cấp trên xuống), hoặc kiểm tra lại mã đơn vị cha. Không có gì được lưu.`,
        `The parent unit ${unit.parentCode} is not on this server: add it first (units go in from the top), or check the parent code. Nothing was stored.`,
      );
    }
    if (RANK[parent.level] >= RANK[unit.level]) {
      throw new HttpProblem(
        422,
        'unit_parent_level',
        `Đơn vị cha ${parent.code} là cấp ${LEVEL_VI[parent.level]}; ${unitParentRule[unit.level].vi}. Không có gì được lưu.`,
        `The parent unit ${parent.code} is a ${parent.level}; ${unitParentRule[unit.level].en}. Nothing was stored.`,
      );
    }
  }
  const child = (await storage.listUnits()).find(
    (u) => u.parentCode === unit.code && RANK[u.level] <= RANK[unit.level],
  );
  if (child) {
    throw new HttpProblem(
      422,
      'unit_children_level',
      `Đơn vị ${unit.code} có đơn vị trực thuộc ${child.code} (cấp ${LEVEL_VI[child.level]}); không thể đổi thành cấp ${LEVEL_VI[unit.level]}. Không có gì được lưu.`,
      `The unit ${unit.code} has ${child.code} (a ${child.level}) under it, so it cannot become a ${unit.level}. Nothing was stored.`,
    );
  }
  await storage.putUnit(unit);
}
