// @vitest-environment jsdom
/**
 * The Settings backups panel against a real desk (not a stand-in): a backup to a chosen folder lands there, and a
 * restore confirmed on screen replaces the data and keeps a pre-restore copy. The API itself is covered in
 * backups.test.ts; this checks that what the panel sends is what the desk needs.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeskCall } from '../../shared/api/desk-api';
import { DeskProvider } from '../../renderer/src/desk-context';
import type { DeskTransport } from '../../renderer/src/bridge';
import { initI18n } from '../../renderer/src/i18n';
import { formatVnDateTime } from '../../renderer/src/format/vn-time';
import { BackupsPanel } from '../../renderer/src/screens/settings/BackupsPanel';
import { allPresent, applicant, makeTestDesk, ordinaryProcedure, tempDir, type TestDesk } from './helpers';

const PASSPHRASE = 'mùa lúa chín vàng 2026';

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

/** Calls still running: a backup to a folder derives its key with scrypt (slow on purpose), so the test waits for it. */
const pending: Promise<unknown>[] = [];
const deskAnswered = () => Promise.all(pending.splice(0));
const transportOf = (desk: TestDesk): DeskTransport => ({
  kind: 'loopback',
  call: ((method, input) => {
    const answer = (desk.call as DeskCall)(method, input);
    pending.push(answer);
    return answer;
  }) as DeskCall,
  onDeskEvent: () => () => undefined,
});
const dossierCount = (desk: TestDesk) => (desk.desk.db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n;
const receive = (desk: TestDesk, name: string) => {
  const p = ordinaryProcedure();
  return desk.must('dossiers.receive', { procedureCode: p.code, applicant: applicant(name, '001203004567'), components: allPresent(p) });
};

describe('the backups panel on a real desk', () => {
  it('writes an encrypted backup into the typed folder, which another desk restores once given its passphrase', async () => {
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
    await user.type(screen.getByLabelText('Mật khẩu sao lưu'), PASSPHRASE);
    await user.type(screen.getByLabelText('Nhập lại mật khẩu sao lưu'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    await deskAnswered();
    const said = (await screen.findByText(/^Đã sao lưu vào: /)).textContent!;
    const file = said.slice('Đã sao lưu vào: '.length);
    expect(file.startsWith(usb)).toBe(true);
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('MOTCUAEB');
    cleanup();

    // A new PC: restore from the file; the desk says it is encrypted, the confirmation asks for the passphrase.
    const fresh = await makeTestDesk();
    try {
      render(
        <DeskProvider transport={transportOf(fresh)}>
          <BackupsPanel isAdmin />
        </DeskProvider>,
      );
      await user.type(await screen.findByRole('textbox', { name: 'Tệp sao lưu' }), file);
      await user.click(screen.getByRole('button', { name: 'Khôi phục từ tệp này' }));
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
      await deskAnswered();
      const asked = await within(screen.getByRole('alertdialog')).findByLabelText('Mật khẩu của bản sao lưu');
      await user.type(asked, 'không phải mật khẩu này');
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
      await deskAnswered();
      expect((await screen.findByRole('alert')).textContent).toBe('Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.');
      expect(dossierCount(fresh)).toBe(0);
      await user.type(within(screen.getByRole('alertdialog')).getByLabelText('Mật khẩu của bản sao lưu'), PASSPHRASE);
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
      await deskAnswered();
      expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
      expect(dossierCount(fresh)).toBe(1);
    } finally {
      fresh.cleanup();
    }
  });

  it('says a damaged backup file apart from a wrong passphrase: the question closes, and the file field says why', async () => {
    t = await makeTestDesk();
    usb = tempDir('motcua-usb-');
    await receive(t, 'Nguyễn Văn A');
    const backup = await t.must('backups.create', { toDir: usb, passphrase: PASSPHRASE });
    // Bit rot on the stick, in the middle of the encrypted database.
    const bytes = readFileSync(backup.file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(backup.file, bytes);
    const fresh = await makeTestDesk();
    try {
      const user = userEvent.setup();
      render(
        <DeskProvider transport={transportOf(fresh)}>
          <BackupsPanel isAdmin />
        </DeskProvider>,
      );
      const fileField = await screen.findByRole('textbox', { name: 'Tệp sao lưu' });
      await user.type(fileField, backup.file);
      await user.click(screen.getByRole('button', { name: 'Khôi phục từ tệp này' }));
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
      await deskAnswered();
      await user.type(await within(screen.getByRole('alertdialog')).findByLabelText('Mật khẩu của bản sao lưu'), PASSPHRASE);
      await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
      await deskAnswered();
      expect((await screen.findByRole('alert')).textContent).toBe(
        'Tệp sao lưu bị hỏng (mật khẩu đúng): không khôi phục được từ tệp này. Chưa có gì bị thay đổi. Hãy dùng một bản sao lưu khác.',
      );
      // Typing the passphrase again would not help: the question is not asked again.
      expect(screen.queryByRole('alertdialog')).toBeNull();
      expect(fileField.getAttribute('aria-invalid')).toBe('true');
      expect(dossierCount(fresh)).toBe(0);
    } finally {
      fresh.cleanup();
    }
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
