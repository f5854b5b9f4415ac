// @vitest-environment jsdom
/**
 * The reception form across renderer reloads (a crash, a kill -9, a power cut), as QA drove it: what was typed while
 * the "Khôi phục?" offer waited must survive the next reload, and one form must carry one request id to the desk,
 * kept across retries and across a reload that restores it. Each "app run" imports the renderer's modules afresh
 * (vi.resetModules), so nothing held in memory outlives it; only IndexedDB (fake-indexeddb) does, as in the app.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fail } from '../../../../shared/result';
import { openDraftStore, type DraftStore } from '../../drafts/draft-store';
import { chooseBirth, killRun, receptionDesk, SLOW, startRun, track } from '../../test-support/reception-run';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What `dossiers.receive` and `dossiers.refuse` were called with, in order. */
const receives: { requestId?: unknown; applicant: { name: string } }[] = [];
const refusals: { requestId?: unknown; reason: string }[] = [];
/** How many of the next receptions lose their reply (the desk may have recorded them; the renderer cannot know). */
let lostReplies = 0;

/** The desk records every reception and refusal; the reply to one whose reply is lost is "cannot reach the desk". */
const desk = receptionDesk((method, input) => {
  if (method === 'dossiers.receive') receives.push(input as (typeof receives)[number]);
  else if (method === 'dossiers.refuse') refusals.push(input as (typeof refusals)[number]);
  else return undefined;
  if (lostReplies === 0) return undefined;
  lostReplies -= 1;
  return fail('desk_unreachable', 'Không kết nối được với phần mềm tại quầy.', 'Cannot reach the desk program.');
});

afterEach(async () => {
  await killRun();
  receives.length = 0;
  refusals.length = 0;
  lostReplies = 0;
});

/**
 * One run of the app for clerk `userId`: the renderer's modules loaded afresh, the drafts database as left. Only the
 * draft reads the screen starts are tracked: a reload waits for those (one still running answers into a torn-down
 * page, as in ReceptionScreen.test.tsx), never for a write, which a kill -9 does not wait for either.
 */
async function startApp(dbName: string, userId: string): Promise<DraftStore> {
  const opened = openDraftStore(dbName);
  await startRun(userId, { drafts: { ...opened, load: (key) => track(opened.load(key)), list: (prefix) => track(opened.list(prefix)) }, desk });
  return opened;
}

/** A reload of the renderer (F5, a crash, kill -9): the page goes without a word, and the app starts again. */
async function reload(dbName: string, userId: string): Promise<DraftStore> {
  await killRun();
  return startApp(dbName, userId);
}

/** The applicant names of the clerk's reception drafts in the store (the form's, not those set aside). */
async function storedNames(drafts: DraftStore, userId: string): Promise<string[]> {
  const all = await drafts.list<{ applicant: { name: string } }>(`reception:${userId}`);
  return all.filter((d) => d.key === `reception:${userId}` || d.key.startsWith(`reception:${userId}:`)).map((d) => d.value.applicant.name).sort();
}

const nameField = () => screen.getByRole('textbox', { name: /Họ và tên/ }) as HTMLInputElement;
const idField = () => screen.getByRole('textbox', { name: /Số định danh cá nhân/ }) as HTMLInputElement;
/** The offers of saved drafts, top first, each as the clerk reads it: a notice with its own "Khôi phục". */
const offers = () => screen.queryAllByRole('button', { name: 'Khôi phục' }).map((b) => b.closest('[data-testid="draft-offer"], .banner') as HTMLElement);
const offerFor = (name: string) => {
  const found = offers().find((o) => o.textContent?.includes(name));
  if (!found) throw new Error(`no offer for ${name}`);
  return found;
};

/** A complete birth registration typed for `name`: every paper ticked, ready for F2. */
async function typeCompleteBirth(user: ReturnType<typeof userEvent.setup>, name: string) {
  await chooseBirth(user);
  await user.type(nameField(), name);
  for (const box of screen.getAllByRole('checkbox')) await user.click(box);
}

/** The "Đã tự lưu bản nháp" note is shown (it says the store holds what was typed). */
async function savedNote(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('draft-saved').textContent).toContain('Đã tự lưu bản nháp'), SLOW);
}

describe('typing while "Khôi phục?" waits for an answer (QA)', () => {
  it('autosaves the new form as a draft of its own, and after the next reload offers both, newest first', async () => {
    const user = userEvent.setup();
    const db = 'drafts-qa-1';
    let drafts = await startApp(db, 'q1');
    await user.type(nameField(), 'Công dân A');
    await waitFor(async () => expect(await storedNames(drafts, 'q1')).toEqual(['Công dân A']), SLOW);

    drafts = await reload(db, 'q1');
    await waitFor(() => expect(offers()).toHaveLength(1), SLOW);
    // The clerk ignores the banner and serves the person in front of them.
    await user.type(nameField(), 'Công dân B');
    await user.type(idField(), '001203004567');
    // The note says it is saved, and it is; the draft on offer is untouched.
    await savedNote();
    await waitFor(async () => expect(await storedNames(drafts, 'q1')).toEqual(['Công dân A', 'Công dân B']), SLOW);
    expect(offers()).toHaveLength(1);
    expect(offers()[0]!.textContent).toContain('Công dân A');

    // kill -9: both are offered, the one typed last first.
    drafts = await reload(db, 'q1');
    await waitFor(() => expect(offers()).toHaveLength(2), SLOW);
    expect(offers().map((o) => (o.textContent?.includes('Công dân B') ? 'B' : o.textContent?.includes('Công dân A') ? 'A' : '?'))).toEqual(['B', 'A']);
    expect(nameField().value).toBe('');

    // Answering one leaves the other as it was.
    await user.click(within(offerFor('Công dân B')).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(nameField().value).toBe('Công dân B'), SLOW);
    expect(idField().value).toBe('001203004567');
    expect(offers()).toHaveLength(1);
    expect(offers()[0]!.textContent).toContain('Công dân A');
    expect(await storedNames(drafts, 'q1')).toEqual(['Công dân A', 'Công dân B']);

    await user.click(within(offerFor('Công dân A')).getByRole('button', { name: 'Bỏ bản nháp' }));
    await waitFor(() => expect(offers()).toHaveLength(0), SLOW);
    await waitFor(async () => expect(await storedNames(drafts, 'q1')).toEqual(['Công dân B']), SLOW);
    expect(nameField().value).toBe('Công dân B');
  });

  it('keeps the offer through receptions made meanwhile, removes each received form, and offers the one interrupted', async () => {
    const user = userEvent.setup();
    const db = 'drafts-qa-2';
    let drafts = await startApp(db, 'q2');
    await user.type(nameField(), 'Công dân A');
    await waitFor(async () => expect(await storedNames(drafts, 'q2')).toEqual(['Công dân A']), SLOW);
    drafts = await reload(db, 'q2');
    await waitFor(() => expect(offers()).toHaveLength(1), SLOW);

    // A citizen received with the banner up: the form's draft goes once its dossier is recorded, the offer stays.
    await typeCompleteBirth(user, 'Công dân C');
    await savedNote();
    await waitFor(async () => expect(await storedNames(drafts, 'q2')).toEqual(['Công dân A', 'Công dân C']), SLOW);
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    await waitFor(async () => expect(await storedNames(drafts, 'q2')).toEqual(['Công dân A']), SLOW);
    expect(offers()).toHaveLength(1);
    // No draft of the empty form: the note does not say there is one.
    expect(screen.queryByTestId('draft-saved')).toBeNull();
    // The next one is half typed when the PC is switched off.
    await user.type(nameField(), 'Công dân E');
    await waitFor(async () => expect(await storedNames(drafts, 'q2')).toEqual(['Công dân A', 'Công dân E']), SLOW);

    await reload(db, 'q2');
    await waitFor(() => expect(offers()).toHaveLength(2), SLOW);
    expect(offers()[0]!.textContent).toContain('Công dân E');
    expect(offers()[1]!.textContent).toContain('Công dân A');
  });

  it('restoring a draft over a form being typed keeps that form: it is offered in its place', async () => {
    const user = userEvent.setup();
    const db = 'drafts-qa-3';
    let drafts = await startApp(db, 'q3');
    await user.type(nameField(), 'Công dân A');
    await waitFor(async () => expect(await storedNames(drafts, 'q3')).toEqual(['Công dân A']), SLOW);
    drafts = await reload(db, 'q3');
    await waitFor(() => expect(offers()).toHaveLength(1), SLOW);
    await user.type(nameField(), 'Công dân B');

    await user.click(within(offers()[0]!).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(nameField().value).toBe('Công dân A'), SLOW);
    expect(offers()).toHaveLength(1);
    expect(offers()[0]!.textContent).toContain('Công dân B');
    await waitFor(async () => expect(await storedNames(drafts, 'q3')).toEqual(['Công dân A', 'Công dân B']), SLOW);

    // And after a reload it is still there to be taken up (the form on screen was A).
    await reload(db, 'q3');
    await waitFor(() => expect(offers()).toHaveLength(2), SLOW);
  });

  it('still offers a draft saved by the version before (one draft per clerk), and removes it once answered', async () => {
    const user = userEvent.setup();
    const db = 'drafts-qa-legacy';
    const old = openDraftStore(db);
    await old.save('reception:q4', {
      procedureCode: null,
      applicant: { kind: 'person', name: 'Công dân cũ', idNumber: '', phone: '', address: '', email: '' },
      channel: 'in_person',
      components: {},
      note: '',
    });
    const drafts = await startApp(db, 'q4');
    await waitFor(() => expect(offers()).toHaveLength(1), SLOW);
    await user.click(within(offerFor('Công dân cũ')).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(nameField().value).toBe('Công dân cũ'), SLOW);
    // One draft for it, not the old one and a new one.
    await waitFor(async () => expect(await storedNames(drafts, 'q4')).toEqual(['Công dân cũ']), SLOW);
  });
});

describe('one request id per reception form (a retry after a lost reply makes no second dossier)', () => {
  it('sends the same id on every retry of one form, and another for the next form', async () => {
    const user = userEvent.setup();
    await startApp('request-id-1', 'r1');
    await typeCompleteBirth(user, 'Nguyễn Văn Đức');
    lostReplies = 1;
    await user.keyboard('{F2}');
    expect((await screen.findByRole('alert')).textContent).toContain('Không kết nối được');
    expect(nameField().value).toBe('Nguyễn Văn Đức');
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    await user.click(screen.getByRole('button', { name: /Đóng/ }));
    expect(receives).toHaveLength(2);
    const [first, retry] = receives;
    expect(first!.requestId).toMatch(UUID);
    expect(retry!.requestId).toBe(first!.requestId);

    await typeCompleteBirth(user, 'Lê Văn Tám');
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    expect(receives).toHaveLength(3);
    expect(receives[2]!.requestId).toMatch(UUID);
    expect(receives[2]!.requestId).not.toBe(first!.requestId);
  });

  it('sends the form id with a refusal (form 03) too, the same on its retry', async () => {
    const user = userEvent.setup();
    await startApp('request-id-3', 'r3');
    await chooseBirth(user);
    await user.type(nameField(), 'Trịnh Văn Quyết');
    await user.tab();
    await user.type(screen.getByRole('textbox', { name: /Lý do từ chối/ }), 'Thiếu giấy chứng sinh');
    lostReplies = 1;
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Không kết nối được');
    await user.click(screen.getByRole('button', { name: /Từ chối tiếp nhận \(mẫu 03\)/ }));
    await screen.findByTestId('print-sheet');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]!.requestId).toMatch(UUID);
    expect(refusals[1]!.requestId).toBe(refusals[0]!.requestId);
  });

  it('keeps the id across a reload that restores the form, and across setting it aside and taking it up again', async () => {
    const user = userEvent.setup();
    const db = 'request-id-2';
    await startApp(db, 'r2');
    await typeCompleteBirth(user, 'Nguyễn Văn Đức');
    await savedNote();
    lostReplies = 2;
    await user.keyboard('{F2}');
    await screen.findByRole('alert');
    const sent = receives[0]!.requestId;
    expect(sent).toMatch(UUID);

    await reload(db, 'r2');
    await user.click(within(await waitFor(() => offerFor('Nguyễn Văn Đức'), SLOW)).getByRole('button', { name: 'Khôi phục' }));
    await waitFor(() => expect(nameField().value).toBe('Nguyễn Văn Đức'), SLOW);
    await user.keyboard('{F2}');
    await screen.findByRole('alert');
    expect(receives[1]!.requestId).toBe(sent);

    await user.click(screen.getByRole('button', { name: /Để riêng, tiếp người khác/ }));
    await waitFor(() => expect(nameField().value).toBe(''), SLOW);
    await user.click(screen.getByRole('button', { name: 'Tiếp tục hồ sơ: Nguyễn Văn Đức' }));
    // Taken up: the form is his again, with the keyboard in it.
    await waitFor(() => expect(document.activeElement).toBe(nameField()));
    expect(nameField().value).toBe('Nguyễn Văn Đức');
    await user.keyboard('{F2}');
    await screen.findByTestId('print-sheet');
    expect(receives.map((r) => r.requestId)).toEqual([sent, sent, sent]);
  });
});
