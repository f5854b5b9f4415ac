// @vitest-environment jsdom
/**
 * The sync page's dossiers (`dossiers.syncProblems`): those the server refused a change of and those in conflict,
 * with their reasons, and ONE line in the audit trail for the look, not one "viewed" line per dossier shown; the
 * page itself against a real desk, which is what the trail records.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { canonicalEventText, type DossierEvent } from '../../shared/domain/events';
import { DeskProvider } from '../../renderer/src/desk-context';
import { initI18n } from '../../renderer/src/i18n';
import { SyncScreen } from '../../renderer/src/screens/sync/SyncScreen';
import { makeTestDesk, receiveDossier, transportOf, type TestDesk } from './helpers';

let t: TestDesk | undefined;
beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  t?.cleanup();
  t = undefined;
});

/** A withdrawal by another desk, as the server delivers it, made when it had seen only the reception. */
function otherDeskWithdrawal(dossierId: string, serverSeq: number): DossierEvent {
  const unhashed = {
    id: uuidv7(),
    dossierId,
    deviceId: 'desk-khac',
    deviceSeq: serverSeq,
    type: 'dossier.withdrawn' as const,
    payload: { reason: 'Công dân xin rút' },
    baseVersion: 1,
    actor: { userId: 'u-khac', name: 'Cán bộ quầy khác', role: 'clerk' as const },
    deviceTime: '2026-11-27T10:00:00+07:00',
    prevHash: null,
  };
  const hash = createHash('sha256').update(canonicalEventText(unhashed as never)).digest('hex');
  return { ...unhashed, hash, serverSeq, serverTime: '2026-11-27T10:00:01+07:00' } as DossierEvent;
}

/** Two dossiers whose transfer the server refused, one in conflict with another desk, one without a problem. */
async function deskWithProblems(desk: TestDesk) {
  const names = ['Nguyễn Văn Đức', 'Trần Thị Bích Ngọc', 'Lê Đình Phúc', 'Đặng Thuỳ Dương'];
  const received = [];
  for (const [i, name] of names.entries()) received.push(await receiveDossier(desk, name, `00120300456${i}`));
  const [refusedA, refusedB, conflicted] = received.map((r) => r.dossier.id) as [string, string, string];
  for (const id of [refusedA, refusedB]) await desk.must('dossiers.transfer', { dossierId: id });
  // Resolved here, withdrawn at the other desk: the withdrawal cannot stand after the resolution.
  await desk.must('dossiers.resolve', { dossierId: conflicted, resultDigitised: false });
  const db = desk.desk.db;
  db.transaction(() => {
    for (const id of [refusedA, refusedB]) {
      const transfer = desk.desk.events.forDossier(id).find((e) => e.type === 'dossier.transferred')!;
      desk.desk.events.markQuarantined(transfer.id, 'scope: not in this desk’s scope');
      desk.desk.projector.refresh(id);
    }
    desk.desk.events.forDossier(conflicted).forEach((e, i) => desk.desk.events.markAccepted(e.id, i + 1, '2026-11-27T09:40:00+07:00'));
    desk.desk.events.insertFromServer(otherDeskWithdrawal(conflicted, 10));
    desk.desk.projector.refresh(conflicted);
  })();
  return { received, refusedA, refusedB, conflicted };
}

const auditLines = async (desk: TestDesk) => (await desk.must('audit.list', { limit: 200 })).entries;

describe('the sync page’s dossiers', () => {
  it('are read in one call with their reasons, and the look is ONE audit line naming how many and which', async () => {
    t = await makeTestDesk();
    const { received, refusedA, refusedB, conflicted } = await deskWithProblems(t);
    const before = await auditLines(t);

    const problems = await t.must('dossiers.syncProblems', {});
    expect(problems.refused.map((d) => d.summary.id).sort()).toEqual([refusedA, refusedB].sort());
    expect(problems.refused[0]!.reasons).toEqual(['scope: not in this desk’s scope']);
    expect(problems.conflicts.map((d) => d.summary.id)).toEqual([conflicted]);
    expect(problems.conflicts[0]!.since).toBe('2026-11-27T10:00:01+07:00');
    expect(problems.conflicts[0]!.reasons[0]!.vi).toContain('Không thể rút hồ sơ');

    const after = await auditLines(t);
    const added = after.slice(0, after.length - before.length);
    expect(added.map((e) => e.action)).toEqual(['dossier.list']);
    expect(added[0]).toMatchObject({ targetKind: 'sync', userName: 'Trần Thị Quản Trị' });
    const codes = (ids: string[]) => ids.map((id) => received.find((r) => r.dossier.id === id)!.code);
    // Newest first within each kind, as the page lists them: refused, then in conflict.
    const refusedCodes = problems.refused.map((d) => d.summary.code);
    expect(added[0]!.detail).toBe(`sync problems, 2 refused, 1 in conflict; dossiers ${[...refusedCodes, ...codes([conflicted])].join(', ')}`);
    expect(JSON.stringify(added)).not.toContain('Nguyễn');

    // The page reads them again after every sync round while it stays open: the same look, no new line.
    await t.must('dossiers.syncProblems', {});
    expect((await auditLines(t)).length).toBe(before.length + 1);
    // A look after the window is a new line.
    t.clock.advanceMinutes(11);
    await t.must('dossiers.syncProblems', {});
    expect((await auditLines(t)).length).toBe(before.length + 2);
  });

  it('a supervisor asking who saw a dossier finds the sync page’s looks that showed it, and no others', async () => {
    t = await makeTestDesk();
    const { received, refusedA } = await deskWithProblems(t);
    await t.must('dossiers.syncProblems', {});
    const code = received.find((r) => r.dossier.id === refusedA)!.code;
    const found = await t.must('audit.list', { dossierCode: code.toLowerCase(), limit: 50 });
    expect(found.entries.map((e) => [e.action, e.targetKind])).toContainEqual(['dossier.list', 'sync']);
    // The fourth dossier had no problem: the page never showed it.
    const clean = received[3]!.code;
    const none = await t.must('audit.list', { dossierCode: clean, limit: 50 });
    expect(none.entries.filter((e) => e.targetKind === 'sync')).toEqual([]);
    // A code that is the start of a shown one is not it.
    const prefix = await t.must('audit.list', { dossierCode: code.slice(0, -1), limit: 50 });
    expect(prefix.entries.filter((e) => e.targetKind === 'sync')).toEqual([]);
  });

  it('the sync page shows them all and writes one line for the look, not a "viewed" line per dossier', async () => {
    t = await makeTestDesk();
    const { received } = await deskWithProblems(t);
    const before = (await auditLines(t)).length;
    render(
      <DeskProvider transport={transportOf(t)}>
        <SyncScreen />
      </DeskProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('sync-problem')).toHaveLength(3));
    expect(screen.getByTestId('sync-refused').textContent).toContain(received[0]!.code);
    const added = (await auditLines(t)).slice(0, (await auditLines(t)).length - before);
    expect(added.map((e) => e.action)).toEqual(['dossier.list']);
    expect(added[0]!.detail).toMatch(/^sync problems, 2 refused, 1 in conflict; dossiers /);
  });

  it('a reception the server refused whole is named from the reception, counted in the heading, and recorded as looked at', async () => {
    t = await makeTestDesk();
    const { dossier, code } = await receiveDossier(t, 'Phạm Thị Hồng Nhung', '001203004599');
    await t.must('dossiers.transfer', { dossierId: dossier.id });
    const [reception, transfer] = t.desk.events.forDossier(dossier.id);
    t.desk.db.transaction(() => {
      t!.desk.events.markQuarantined(reception!.id, 'sequence_reused: Số thứ tự 7 của máy này đã được dùng cho một sự kiện khác');
      // The change after it is refused too (its chain no longer follows): still one dossier on the page.
      t!.desk.events.markQuarantined(transfer!.id, 'chain_broken: Sự kiện không nối tiếp sự kiện trước của máy này');
      t!.desk.projector.refresh(dossier.id);
    })();
    // The fold leaves a refused reception out: the dossier is in neither the list nor the search.
    expect((await t.must('dossiers.list', { limit: 10 })).items.map((d) => d.id)).not.toContain(dossier.id);
    expect((await t.must('sync.status', {})).quarantined).toBe(1);
    const before = (await auditLines(t)).length;
    render(
      <DeskProvider transport={transportOf(t)}>
        <SyncScreen />
      </DeskProvider>,
    );
    const item = await screen.findByTestId('sync-refused-alone');
    expect(screen.getAllByTestId('sync-refused-alone')).toHaveLength(1);
    expect(item.textContent).toContain('không nối tiếp sự kiện trước');
    expect(item.textContent).toContain(code);
    expect(item.textContent).toContain('Phạm Thị Hồng Nhung');
    expect(item.textContent).toContain('bị máy chủ từ chối nên hồ sơ này không có trong danh sách');
    expect(item.textContent).toContain('đã được dùng cho một sự kiện khác');
    const refused = screen.getByTestId('sync-refused');
    expect(refused.textContent).toContain('Hồ sơ bị máy chủ từ chối (1)');
    expect(refused.textContent).not.toContain('Không có hồ sơ nào bị máy chủ từ chối');
    const added = (await auditLines(t)).slice(0, (await auditLines(t)).length - before);
    expect(added.map((e) => [e.action, e.detail])).toEqual([['dossier.list', `sync problems, 1 refused, 0 in conflict; dossiers ${code}`]]);
  });

  it('writes nothing to the trail when there is nothing to show', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    const before = (await auditLines(t)).length;
    expect(await t.must('dossiers.syncProblems', {})).toEqual({ refused: [], refusedAlone: [], conflicts: [], limit: 50 });
    expect((await auditLines(t)).length).toBe(before);
  });
});
