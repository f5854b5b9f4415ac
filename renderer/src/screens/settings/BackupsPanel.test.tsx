// @vitest-environment jsdom
/** Backing up to a USB folder and restoring a backup, in Vietnamese, against a recording stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ok } from '../../../../shared/result';
import type { BackupView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { BackupsPanel } from './BackupsPanel';
import { standInDesk } from '../../test-support/stand-in-desk';
import { dropFocusFromDisabledButton } from '../../test-support/drop-focus';

const backups: BackupView[] = [
  { file: '/d/backups/motcua-manual-20261128-101500.sqlite', kind: 'manual', takenAt: '2026-11-28T10:15:00+07:00', size: 2 * 1024 * 1024 },
  { file: '/d/backups/motcua-daily-20261128-080000.sqlite', kind: 'daily', takenAt: '2026-11-28T08:00:00+07:00', size: 2 * 1024 * 1024 },
];
const calls: { method: string; input: unknown }[] = [];
const PASSPHRASE = 'mùa lúa chín vàng 2026';
const callsOf = (method: string) => calls.filter((c) => c.method === method);

/** Whether the stand-in desk syncs, so that a restore leaves it catching up with the server. */
let catchingUp = false;

function deskStandIn(): DeskTransport {
  return standInDesk(async (method: string, input: unknown) => {
    calls.push({ method, input });
    if (method === 'backups.list') return ok(backups);
    if (method === 'backups.create' || method === 'backups.restore') await dropFocusFromDisabledButton();
    if (method === 'backups.create') {
      const { toDir } = input as { toDir?: string };
      if (toDir === 'F:\\khong-co') {
        return { ok: false, error: { code: 'backup_target_missing', field: 'toDir', message: { vi: 'Thư mục không tồn tại.', en: 'No such folder.' } } };
      }
      return ok({ file: `${toDir}\\motcua-manual-20261128-110000.sqlite`, kind: 'manual', takenAt: '2026-11-28T11:00:00+07:00', size: 1, blobsCopied: 3 });
    }
    if (method === 'backups.restore') {
      const { file } = input as { file: string };
      if (file === 'E:\\khong-phai.sqlite') {
        return { ok: false, error: { code: 'invalid_backup', field: 'file', message: { vi: 'Tệp sao lưu không dùng được: không tìm thấy tệp.', en: 'not found' } } };
      }
      if (file.endsWith('.enc')) {
        const { passphrase } = input as { passphrase?: string };
        if (passphrase === undefined) {
          return { ok: false, error: { code: 'backup_passphrase_required', field: 'passphrase', message: { vi: 'Tệp sao lưu này được mã hoá: hãy nhập mật khẩu sao lưu.', en: 'encrypted' } } };
        }
        if (passphrase !== PASSPHRASE) {
          return {
            ok: false,
            error: { code: 'backup_passphrase_wrong', field: 'passphrase', message: { vi: 'Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.', en: 'wrong' } },
          };
        }
      }
      const fromStick = file.startsWith('E:');
      return ok({
        restoredFrom: file,
        preRestoreBackup: '/d/backups/motcua-pre-restore-20261128-110500.sqlite',
        chainsSound: true,
        catchingUp,
        scansRestored: fromStick ? 4 : 0,
        scansMissing: fromStick ? 1 : 0,
      });
    }
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => {
  cleanup();
  calls.length = 0;
  catchingUp = false;
});

const renderPanel = (isAdmin: boolean) =>
  render(
    <DeskProvider transport={deskStandIn()}>
      <BackupsPanel isAdmin={isAdmin} />
    </DeskProvider>,
  );

describe('backing up now', () => {
  it('says the backup was taken, and lists sizes with a decimal comma', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    expect(await screen.findByText(/10:15 28\/11\/2026 · thủ công · 2,0 MB/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Sao lưu ngay' }));
    expect(await screen.findByText('Đã sao lưu xong (bản lúc 11:00 28/11/2026).')).toBeTruthy();
    expect(callsOf('backups.create').map((c) => c.input)).toEqual([{}]);
  });

  it('gives the focus back to the button once the backup is taken, for the keyboard user who pressed it', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await screen.findByText(/10:15 28\/11\/2026/);
    const button = screen.getByRole('button', { name: 'Sao lưu ngay' });
    button.focus();
    await user.keyboard('{Enter}');
    await screen.findByText('Đã sao lưu xong (bản lúc 11:00 28/11/2026).');
    await waitFor(() => expect(document.activeElement).toBe(button));
  });
});

/** Types the passphrase into both fields (the second may differ, to test the check). */
async function typePassphrase(user: ReturnType<typeof userEvent.setup>, first: string, again = first) {
  await user.type(screen.getByLabelText('Mật khẩu sao lưu'), first);
  await user.type(screen.getByLabelText('Nhập lại mật khẩu sao lưu'), again);
}

describe('backing up to another folder', () => {
  it('sends the typed folder and passphrase to the desk, says where the backup was written, and clears the passphrase', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.type(screen.getByRole('textbox', { name: 'Thư mục đích' }), 'E:\\SaoLuu');
    expect(screen.getByText(/trên máy tính này, ví dụ ổ USB/)).toBeTruthy();
    // Both passphrase fields hide what is typed, and the warning says plainly what a forgotten one means.
    expect((screen.getByLabelText('Mật khẩu sao lưu') as HTMLInputElement).type).toBe('password');
    expect((screen.getByLabelText('Nhập lại mật khẩu sao lưu') as HTMLInputElement).type).toBe('password');
    expect(screen.getByText(/Quên mật khẩu thì không ai đọc được bản sao lưu này, kể cả bộ phận CNTT\./)).toBeTruthy();
    // Unikey/Vietkey in TCVN3 or VNI type other characters for the same keys: said under the field.
    expect(screen.getByText(/Nên dùng mật khẩu không dấu, hoặc đặt bộ gõ ở bảng mã Unicode/)).toBeTruthy();
    await typePassphrase(user, PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    expect(await screen.findByText('Đã sao lưu vào: E:\\SaoLuu\\motcua-manual-20261128-110000.sqlite')).toBeTruthy();
    expect(callsOf('backups.create').map((c) => c.input)).toEqual([{ toDir: 'E:\\SaoLuu', passphrase: PASSPHRASE }]);
    expect((screen.getByLabelText('Mật khẩu sao lưu') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Nhập lại mật khẩu sao lưu') as HTMLInputElement).value).toBe('');
  });

  it('refuses a passphrase shorter than 10 characters, or typed differently twice, under its field and without asking the desk', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.type(screen.getByRole('textbox', { name: 'Thư mục đích' }), 'E:\\SaoLuu');
    await typePassphrase(user, 'ngắn-quá');
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Mật khẩu sao lưu phải có ít nhất 10 ký tự.');
    expect(screen.getByLabelText('Mật khẩu sao lưu').getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Mật khẩu sao lưu')));

    await user.clear(screen.getByLabelText('Mật khẩu sao lưu'));
    await user.clear(screen.getByLabelText('Nhập lại mật khẩu sao lưu'));
    await typePassphrase(user, PASSPHRASE, `${PASSPHRASE}!`);
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Hai lần nhập mật khẩu sao lưu không khớp.');
    expect(screen.getByLabelText('Nhập lại mật khẩu sao lưu').getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('backups.create')).toEqual([]);
    expect(screen.queryByText(/^Đã sao lưu vào/)).toBeNull();
  });

  it('puts the desk’s complaint about the folder under the folder field', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.type(screen.getByRole('textbox', { name: 'Thư mục đích' }), 'F:\\khong-co');
    await typePassphrase(user, PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Thư mục không tồn tại.');
    expect(screen.getByRole('textbox', { name: 'Thư mục đích' }).getAttribute('aria-invalid')).toBe('true');
    // The focus goes to the folder to correct, not to <body>.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Thư mục đích' })));
  });
});

describe('restoring a backup', () => {
  it('leaves only its own outcome on screen, not what was said about the backup just taken', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.click(await screen.findByRole('button', { name: 'Sao lưu ngay' }));
    await screen.findByText('Đã sao lưu xong (bản lúc 11:00 28/11/2026).');
    await user.click(screen.getByRole('button', { name: 'Khôi phục bản sao lưu lúc 10:15 28/11/2026' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
    expect(screen.queryByText('Đã sao lưu xong (bản lúc 11:00 28/11/2026).')).toBeNull();
  });

  it('tells the administrator of a syncing desk that it fetches its later changes before recording again', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.click(await screen.findByRole('button', { name: 'Khôi phục bản sao lưu lúc 10:15 28/11/2026' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    await screen.findByText('Đã khôi phục dữ liệu.');
    expect(screen.queryByTestId('restore-catching-up')).toBeNull();
    cleanup();
    catchingUp = true;
    renderPanel(true);
    await user.click(await screen.findByRole('button', { name: 'Khôi phục bản sao lưu lúc 10:15 28/11/2026' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect((await screen.findByTestId('restore-catching-up')).textContent).toMatch(/lấy lại từ máy chủ những thay đổi đã gửi sau bản sao lưu này/);
  });

  it('asks first, saying what will happen, and restores only once confirmed', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.click(await screen.findByRole('button', { name: 'Khôi phục bản sao lưu lúc 08:00 28/11/2026' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('Khôi phục dữ liệu từ bản sao lưu lúc 08:00 28/11/2026?')).toBeTruthy();
    expect(dialog.textContent).toMatch(/lưu thành một bản sao lưu “trước khi khôi phục”/);
    expect(dialog.textContent).toMatch(/đăng nhập lại/);
    // Restored while offline, a syncing desk records nothing new until it reaches the server: said before, not after.
    expect(dialog.textContent).toMatch(/phải kết nối được máy chủ một lần .* rồi mới ghi được hồ sơ mới/);
    expect(callsOf('backups.restore')).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Không khôi phục' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(callsOf('backups.restore')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Khôi phục bản sao lưu lúc 08:00 28/11/2026' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
    expect(callsOf('backups.restore').map((c) => c.input)).toEqual([{ file: backups[1]!.file }]);
    const outcome = screen.getByText('Đã khôi phục dữ liệu.').closest('[role="status"]')!;
    expect(outcome.textContent).toContain(`Khôi phục từ: ${backups[1]!.file}`);
    expect(outcome.textContent).toContain('Bản lưu dữ liệu trước khi khôi phục: /d/backups/motcua-pre-restore-20261128-110500.sqlite');
    expect(outcome.textContent).toContain('Kiểm tra chuỗi sự kiện: nguyên vẹn.');
    expect(within(outcome as HTMLElement).getByRole('button', { name: 'Đăng nhập lại' })).toBeTruthy();
  });

  it('takes the keyboard into the question, back to the backup when not confirmed, and to logging in again after', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    const restoreOf0800 = await screen.findByRole('button', { name: 'Khôi phục bản sao lưu lúc 08:00 28/11/2026' });
    restoreOf0800.focus();
    await user.keyboard('{Enter}');
    // The question opens above the list: the focus is in it, on the harmless answer, and it reads out what happens.
    const dialog = screen.getByRole('alertdialog');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Không khôi phục' }));
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toMatch(/đăng nhập lại/);

    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(restoreOf0800));

    await user.keyboard('{Enter}');
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Đăng nhập lại' })));
  });

  it('is not offered to a clerk, who cannot back up to a folder either', async () => {
    renderPanel(false);
    await screen.findByText(/10:15 28\/11\/2026/);
    expect(screen.queryByRole('button', { name: /Khôi phục/ })).toBeNull();
    // Said before the first of the disabled buttons, "Sao lưu ngay" included, not below it.
    const why = screen.getByText('Chỉ quản trị viên được sao lưu và khôi phục dữ liệu. Quầy vẫn tự sao lưu hằng ngày.');
    const backUpNow = screen.getByRole('button', { name: 'Sao lưu ngay' }) as HTMLButtonElement;
    expect(backUpNow.disabled).toBe(true);
    expect(why.compareDocumentPosition(backUpNow) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Sao lưu ra thư mục này' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('restoring a backup file named by its path (a USB stick, a new PC)', () => {
  const stickFile = 'E:\\SaoLuu\\motcua-manual-20261128-090000.sqlite';

  it('restores the typed file after the same confirmation, and says how many scans came back and how many are missing', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    await user.type(await screen.findByRole('textbox', { name: 'Tệp sao lưu' }), stickFile);
    await user.click(screen.getByRole('button', { name: 'Khôi phục từ tệp này' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText('Khôi phục dữ liệu từ tệp sao lưu này?')).toBeTruthy();
    expect(within(dialog).getByText(stickFile)).toBeTruthy();
    expect(callsOf('backups.restore')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
    expect(callsOf('backups.restore').map((c) => c.input)).toEqual([{ file: stickFile }]);
    expect(screen.getByText(/Đã lấy lại 4 bản quét từ thư mục của bản sao lưu\./)).toBeTruthy();
    expect(screen.getByTestId('restore-scans-missing').textContent).toMatch(/^1 bản quét của hồ sơ không có trên máy này/);
  });

  it('puts the desk’s refusal of the file under the file field and gives it the focus', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    const field = await screen.findByRole('textbox', { name: 'Tệp sao lưu' });
    await user.type(field, 'E:\\khong-phai.sqlite');
    await user.click(screen.getByRole('button', { name: 'Khôi phục từ tệp này' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Tệp sao lưu không dùng được: không tìm thấy tệp.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(screen.queryByText('Đã khôi phục dữ liệu.')).toBeNull();
  });

  it('asks for the passphrase of an encrypted backup in the confirmation, and says when it does not open the file', async () => {
    const user = userEvent.setup();
    renderPanel(true);
    const encrypted = `${stickFile}.enc`;
    await user.type(await screen.findByRole('textbox', { name: 'Tệp sao lưu' }), encrypted);
    await user.click(screen.getByRole('button', { name: 'Khôi phục từ tệp này' }));
    expect(within(screen.getByRole('alertdialog')).queryByLabelText('Mật khẩu của bản sao lưu')).toBeNull();
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    // The desk said the file is encrypted: the question stays, now with the passphrase to type, and the focus on it.
    const field = await within(screen.getByRole('alertdialog')).findByLabelText('Mật khẩu của bản sao lưu');
    expect((field as HTMLInputElement).type).toBe('password');
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.type(field, 'không phải mật khẩu này');
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Mật khẩu sao lưu không đúng. Chưa có gì bị thay đổi.');
    expect(screen.queryByText('Đã khôi phục dữ liệu.')).toBeNull();
    // The wrong passphrase is not kept in the field.
    expect((within(screen.getByRole('alertdialog')).getByLabelText('Mật khẩu của bản sao lưu') as HTMLInputElement).value).toBe('');
    await user.type(within(screen.getByRole('alertdialog')).getByLabelText('Mật khẩu của bản sao lưu'), PASSPHRASE);
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Đồng ý khôi phục' }));
    expect(await screen.findByText('Đã khôi phục dữ liệu.')).toBeTruthy();
    expect(callsOf('backups.restore').map((c) => c.input)).toEqual([
      { file: encrypted },
      { file: encrypted, passphrase: 'không phải mật khẩu này' },
      { file: encrypted, passphrase: PASSPHRASE },
    ]);
  });

  it('is offered to an administrator only', async () => {
    renderPanel(false);
    await screen.findByText(/10:15 28\/11\/2026/);
    expect(screen.queryByRole('textbox', { name: 'Tệp sao lưu' })).toBeNull();
  });
});
