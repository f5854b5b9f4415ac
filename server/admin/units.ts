/** Adding, renaming or moving a unit: used by the admin HTTP API and by `motcua server add-unit`. */
import { unitParentRule } from '../../shared/domain/messages';
import type { LocalizedText } from '../../shared/result';
import { UNIT_LEVEL_VI as LEVEL_VI, type Unit } from '../../shared/domain/units';
import type { ServerStorage, UnitRecord } from '../storage/contract';
import { HttpProblem } from '../http-problem';

/** Higher levels first: a unit's parent always stands above it, so the tree can hold no loop. */
const RANK: Record<Unit['level'], number> = { province: 0, district: 1, commune: 2 };

/**
 * Refuses a parent the server does not have (a mistyped parent code would leave a unit outside the tree), a parent
 * that is not above the unit, and a change of level that would put the unit at or below one of its own units: the
 * reports and the desks' unit pickers read the tree from the top, and a province filed under its own district (one
 * `add-unit` away before) left the tree without a top.
 */
async function putUnitUnderKnownParent(storage: ServerStorage, unit: Unit): Promise<void> {
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

/** "a commune under 000.00.06.H56" / "cấp xã, thuộc 000.00.06.H56": where a unit stands, as the messages say it. */
export const unitPlace = (u: Pick<UnitRecord, 'level' | 'parentCode'>): LocalizedText => ({
  en: u.parentCode ? `a ${u.level} under ${u.parentCode}` : `a ${u.level} (no parent)`,
  vi: u.parentCode ? `cấp ${LEVEL_VI[u.level]}, thuộc ${u.parentCode}` : `cấp ${LEVEL_VI[u.level]} (không có đơn vị cha)`,
});

/**
 * How the caller asks for a move, in its own terms: the refusal tells the technician what to type or send. `askedVi`
 * names the request ("lệnh này" for the command, "yêu cầu này" for the HTTP request); `how` ends the refusal.
 */
export interface MoveTerms {
  askedVi: string;
  how: LocalizedText;
}

/** The HTTP API's terms: `POST /v1/admin/units` with `"move": true`. */
export const API_MOVE_TERMS: MoveTerms = {
  askedVi: 'yêu cầu này',
  how: {
    vi: 'Để đổi tên, gửi level và parentCode như đơn vị đang có; để chuyển đơn vị, thêm "move": true.',
    en: 'To rename it, send the level and parentCode it has; to move it, add "move": true.',
  },
};

export interface SaveUnitOptions {
  /** The caller asked for a change of level or parent (`"move": true`, `--move`). */
  move: boolean;
  terms?: MoveTerms;
}

/** What a save did: `before` is the unit as it was (undefined for a new one). */
export interface SavedUnit {
  unit: Unit;
  before: UnitRecord | undefined;
  change: 'added' | 'renamed' | 'moved' | 'unchanged';
}

/**
 * Adds a unit, renames one, or moves one in the tree. An existing unit's level or parent changes only when the
 * caller says so (`move`): its desks' dossier codes and the reports read the tree, and a body copied from the one
 * that added a commune, with a new name and a stale level or parent, moved the commune with its desks and dossiers
 * out of its district's reports. Without `move` such a change is refused with 409 and nothing is written; a rename
 * alone (same level and parent) needs no flag.
 */
export async function saveUnit(storage: ServerStorage, unit: Unit, options: SaveUnitOptions): Promise<SavedUnit> {
  const before = await storage.unit(unit.code);
  const moved = before !== undefined && (unit.level !== before.level || unit.parentCode !== before.parentCode);
  if (before && moved && !options.move) {
    const terms = options.terms ?? API_MOVE_TERMS;
    const was = unitPlace(before);
    const asked = unitPlace(unit);
    throw new HttpProblem(
      409,
      'unit_move_not_asked',
      `Đơn vị ${unit.code} (${before.name}) đang là ${was.vi}; ${terms.askedVi} sẽ chuyển nó thành ${asked.vi}. ${terms.how.vi} Chưa thay đổi gì.`,
      `Unit ${unit.code} (${before.name}) is ${was.en}; this would make it ${asked.en}. ${terms.how.en} Nothing was changed.`,
      { level: before.level, parentCode: before.parentCode },
    );
  }
  await putUnitUnderKnownParent(storage, unit);
  const change = !before ? 'added' : moved ? 'moved' : unit.name !== before.name ? 'renamed' : 'unchanged';
  return { unit, before, change };
}
