/**
 * The lifecycle as a table: every status (and "no dossier yet") × every event type × every role, against the
 * rules of DESIGN.md §3 and the role table in docs/decisions.md, written out here independently of the code.
 */
import { describe, expect, it } from 'vitest';
import { decide, type DossierState } from '../../shared/domain/lifecycle';
import { dossierEventTypes, type DossierEventType } from '../../shared/domain/events';
import { DossierStatus, dossierStatuses } from '../../shared/domain/dossier';
import { roles, type Role } from '../../shared/domain/roles';
import { dossierAt } from './fixtures';

type From = DossierStatus | 'new';
const ALL: From[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const TERMINAL: From[] = [3, 7, 8, 10];

/** Where each event may be made from, the least role, and where it leads (the fixtures pause from status 2). */
const expected: Record<DossierEventType, { from: From[]; minRole: Role; to: (from: From) => DossierStatus }> =
  {
    'dossier.submitted_online': { from: ['new'], minRole: 'clerk', to: () => 1 },
    'dossier.received': { from: ['new', 1], minRole: 'clerk', to: () => 2 },
    'dossier.refused': { from: ['new', 1], minRole: 'clerk', to: () => 3 },
    'dossier.transferred': { from: [2, 4], minRole: 'clerk', to: () => 4 },
    'dossier.handed_over': { from: [4], minRole: 'clerk', to: () => 4 },
    'dossier.supplement_requested': { from: [2, 4], minRole: 'clerk', to: () => 5 },
    'dossier.supplement_received': { from: [5], minRole: 'clerk', to: () => 2 },
    'dossier.fees_requested': { from: [2, 4], minRole: 'clerk', to: () => 6 },
    'dossier.fees_paid': { from: [6], minRole: 'clerk', to: () => 2 },
    'dossier.withdrawn': { from: [1, 2, 4, 5, 6], minRole: 'clerk', to: () => 7 },
    'dossier.stopped': { from: [2, 4, 5, 6], minRole: 'supervisor', to: () => 8 },
    'dossier.resolved': { from: [2, 4], minRole: 'clerk', to: () => 9 },
    'dossier.returned': { from: [9], minRole: 'clerk', to: () => 10 },
    'dossier.reappointed': { from: [2, 4], minRole: 'supervisor', to: (from) => from as DossierStatus },
    'dossier.attachment_linked': { from: ALL, minRole: 'clerk', to: (from) => from as DossierStatus },
    // Only a dossier marked in conflict may be resolved; none of these plain dossiers is.
    'dossier.conflict_resolved': { from: [], minRole: 'supervisor', to: (from) => from as DossierStatus },
  };

const rank: Record<Role, number> = { clerk: 1, supervisor: 2, administrator: 3 };

function expectedRefusal(from: From, type: DossierEventType): string {
  if (from === 'new') return 'dossier_not_found';
  if (TERMINAL.includes(from) && type !== 'dossier.attachment_linked' && type !== 'dossier.conflict_resolved')
    return 'dossier_closed';
  if (type === 'dossier.submitted_online') return 'dossier_exists';
  if (type === 'dossier.conflict_resolved') return 'no_conflict';
  return 'illegal_transition';
}

const starts: From[] = ['new', ...dossierStatuses];

describe.each(starts)('from %s', (from) => {
  const state: DossierState | undefined = from === 'new' ? undefined : dossierAt(from);

  it.each(dossierEventTypes)('%s: allowed or refused with the right reason for every role', (type) => {
    const rule = expected[type];
    for (const role of roles) {
      const outcome = decide(state, type, role);
      const statusAllows = rule.from.includes(from);
      if (statusAllows && rank[role] >= rank[rule.minRole]) {
        expect(outcome, `${role} ${type} from ${from}`).toEqual({
          ok: true,
          value: { from: from === 'new' ? null : from, to: rule.to(from) },
        });
      } else {
        expect(outcome.ok, `${role} ${type} from ${from}`).toBe(false);
        if (outcome.ok) continue;
        expect(outcome.error.code).toBe(statusAllows ? 'forbidden_role' : expectedRefusal(from, type));
        expect(outcome.error.message.vi).toMatch(/^Không thể .+: .+/);
        expect(outcome.error.message.en).toMatch(/^Cannot .+: .+/);
      }
    }
  });
});

describe('refusal messages a clerk reads', () => {
  it('returning a result that is not resolved says so in both languages', () => {
    const outcome = decide(dossierAt(DossierStatus.Processing), 'dossier.returned', 'clerk');
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: 'illegal_transition',
        message: {
          vi: 'Không thể trả kết quả: hồ sơ chưa được giải quyết xong.',
          en: 'Cannot return the result: the dossier has not been resolved.',
        },
      },
    });
  });

  it('a closed dossier names its status', () => {
    const outcome = decide(dossierAt(DossierStatus.Withdrawn), 'dossier.transferred', 'clerk');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.message.vi).toContain('rút hồ sơ');
      expect(outcome.error.message.en).toContain('withdrawn');
    }
  });

  it('a clerk stopping a dossier is told which role it needs', () => {
    const outcome = decide(dossierAt(DossierStatus.Processing), 'dossier.stopped', 'clerk');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden_role' } });
    if (!outcome.ok) {
      expect(outcome.error.message.vi).toBe(
        'Không thể dừng xử lý hồ sơ: việc này cần vai trò lãnh đạo bộ phận trở lên.',
      );
      expect(outcome.error.message.en).toBe(
        'Cannot stop processing the dossier: this needs the supervisor role or higher.',
      );
    }
  });
});
