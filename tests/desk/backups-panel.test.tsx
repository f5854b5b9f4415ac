// @vitest-environment jsdom
/**
 * The Settings backups panel against a real desk (not a stand-in): a backup to a chosen folder lands there, and a
 * restore confirmed on screen replaces the data and keeps a pre-restore copy. The API itself is covered in
 * backups.test.ts; this checks that what the panel sends is what the desk needs.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeskCall } from '../../shared/api/desk-api';
import { DeskProvider } from '../../renderer/src/desk-context';
import type { DeskTransport } from '../../renderer/src/bridge';
import { initI18n } from '../../renderer/src/i18n';
import { formatVnDateTime } from '../../renderer/src/format/vn-time';
import { BackupsPanel } from '../../renderer/src/screens/settings/BackupsPanel';
import { allPresent, applicant, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

let t: TestDesk | undefined;
let usb: string | undefined;
beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  t?.cleanup();
  if (usb) rmSync(usb, { recursive: true, force: true });
  t = undefined;
  usb = undefined;
});

const transportOf = (desk: TestDesk): DeskTransport => ({ kind: 'loopback', call: desk.call as DeskCall, onDeskEvent: () => () => undefined });
const dossierCount = (desk: TestDesk) => (desk.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
const receive = (desk: TestDesk, name: string) => {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, '001203004567'), components: allPresent(p) });
};

describe('the backups panel on a real desk', () => {
  it('writes a backup into the typed folder and says the file it wrote', async () => {
    t = await makeTestDesk();
    usb = tempDir('motcua-usb-');
    await receive(t, 'Nguyễn Văn A');
    const user = userEvent.setup();
    render(
      <DeskProvider transport={transportOf(t)}>
        <BackupsPanel isAdmin />
      </DeskProvider>,
    );
    await user.type(screen.getByRole('textbox', { name: 'Thư mục đích' }), usb);
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    const said = (await screen.findByText(/^Đã sao lưu vào: /)).textContent!;
    const file = said.slice('Đã sao lưu vào: '.length);
    expect(file.startsWith(usb)).toBe(true);
    expect(existsSync(file)).toBe(true);
  });

  it('restores a listed backup once confirmed: later dossiers are gone, a pre-restore copy is kept', async () => {
    t = await makeTestDesk();
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.must('backups.create', {});
    await receive(t, 'Nguyễn Văn B');
    expect(dossierCount(t)).toBe(2);
    const user = userEvent.setup();
    render(
      <DeskProvider transport={transportOf(t)}>
        <BackupsPanel isAdmin />
      </DeskProvider>,
    );
    await user.click(await screen.findByRole('button', { name: `Khôi phục bản sao lưu lúc ${formatVnDateTime(backup.takenAt)}` }));
    expect(dossierCount(t)).toBe(2);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    const outcome = (await screen.findByText('Đã khôi phục dữ liệu.')).closest('[role="status"]')!;
    expect(outcome.textContent).toContain(`Khôi phục từ: ${backup.file}`);
    expect(outcome.textContent).toContain('Kiểm tra chuỗi sự kiện: nguyên vẹn.');
    const safety = /Bản lưu dữ liệu trước khi khôi phục: (\S+?\.sqlite)/.exec(outcome.textContent!)![1]!;
    expect(existsSync(safety)).toBe(true);
    expect(dossierCount(t)).toBe(1);
  });
});
