/** Adding or renaming a unit: used by the admin HTTP API and by `motcua server add-unit`. */
import type { Unit } from '../../shared/domain/units';
import type { ServerStorage } from '../storage/contract';
import { HttpProblem } from '../http-problem';

/** Higher levels first: a unit's parent always stands above it, so the tree can hold no loop. */
const RANK: Record<Unit['level'], number> = { province: 0, district: 1, commune: 2 };
const LEVEL_VI: Record<Unit['level'], string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };
/** What may stand above a unit of each level, said for the refusal of a parent that does not. */
const ALLOWED_PARENT: Record<Unit['level'], { vi: string; en: string }> = {
  province: { vi: 'tỉnh không có đơn vị cha', en: 'a province has no parent unit' },
  district: { vi: 'đơn vị cha của một huyện phải là cấp tỉnh', en: "a district's parent must be a province" },
  commune: { vi: 'đơn vị cha của một xã phải là cấp huyện hoặc cấp tỉnh', en: "a commune's parent must be a district or a province" },
};

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
        `Đơn vị cha ${parent.code} là cấp ${LEVEL_VI[parent.level]}; ${ALLOWED_PARENT[unit.level].vi}. Không có gì được lưu.`,
        `The parent unit ${parent.code} is a ${parent.level}; ${ALLOWED_PARENT[unit.level].en}. Nothing was stored.`,
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
