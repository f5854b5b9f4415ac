// @vitest-environment jsdom
/** The Settings screen's list of backups, in Vietnamese, against a stand-in for the desk. */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { ok } from '../../../../shared/result';
import type { BackupView } from '../../../../shared/api/desk-views';
import { DeskProvider } from '../../desk-context';
import type { DeskTransport } from '../../bridge';
import { initI18n } from '../../i18n';
import { useSession } from '../../store/session';
import { useDeskInfo } from '../../store/desk-info';
import { SettingsScreen } from './SettingsScreen';
import { standInDesk } from '../../test-support/stand-in-desk';

const backups: BackupView[] = [
  { file: '/d/backups/motcua-manual-20261128-101500.sqlite', kind: 'manual', takenAt: '2026-11-28T10:15:00+07:00', size: 2 * 1024 * 1024 },
  { file: '/d/backups/motcua-pre-restore-20261128-093000.sqlite', kind: 'pre-restore', takenAt: '2026-11-28T09:30:00+07:00', size: 2 * 1024 * 1024 },
  { file: '/d/backups/motcua-daily-20261128-080000.sqlite', kind: 'daily', takenAt: '2026-11-28T08:00:00+07:00', size: 2 * 1024 * 1024 },
];

function deskStandIn(): DeskTransport {
  return standInDesk((method: string) => {
    if (method === 'backups.list') return ok(backups);
    if (method === 'settings.get') return ok({ scanInboxDir: null, dailyBackup: true, dueSoonWorkingHours: 8, publicLookupUrl: null, language: 'vi' });
    return undefined;
  });
}

beforeAll(() => initI18n('vi'));
afterEach(() => cleanup());

describe('the backups list', () => {
  it('names each kind of backup in Vietnamese, not with the desk’s English words', async () => {
    useSession.setState({ user: { id: 'u1', username: 'admin', displayName: 'Quản trị', role: 'administrator' } });
    render(
      <DeskProvider transport={deskStandIn()}>
        <SettingsScreen />
      </DeskProvider>,
    );
    const list = (await screen.findByText(/10:15 28\/11\/2026/)).closest('ul')!;
    const items = [...list.querySelectorAll('li')].map((li) => li.firstElementChild?.textContent);
    expect(items).toEqual(['10:15 28/11/2026 · thủ công · 2,0 MB', '09:30 28/11/2026 · trước khi khôi phục · 2,0 MB', '08:00 28/11/2026 · hằng ngày · 2,0 MB']);
  });
});

describe('the scan inbox folder', () => {
  it('tells a clerk why the folder cannot be changed here', async () => {
    useSession.setState({ user: { id: 'u2', username: 'nvan', displayName: 'Nguyễn Văn An', role: 'clerk' } });
    render(
      <DeskProvider transport={deskStandIn()}>
        <SettingsScreen />
      </DeskProvider>,
    );
    const folder = (await screen.findByRole('textbox', { name: 'Thư mục nhận bản quét' })) as HTMLInputElement;
    expect(folder.disabled).toBe(true);
    const hint = document.getElementById(folder.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Chỉ quản trị viên được đổi thư mục nhận bản quét.');
  });
});

describe('this desk', () => {
  it('shows its device id and data folder, which the technician’s guide and list-desks name it by', async () => {
    useDeskInfo.setState({
      info: {
        version: '1.0.0',
        deviceId: '0193a1b2-0000-7000-8000-000000000001',
        unitCode: '000.01.06.H56',
        deskNumber: 1,
        units: [],
        dataDir: 'C:\\Users\\motcua\\AppData\\Roaming\\MotCua Desk\\desk-data',
      },
    });
    useSession.setState({ user: { id: 'u1', username: 'admin', displayName: 'Quản trị', role: 'administrator' } });
    render(
      <DeskProvider transport={deskStandIn()}>
        <SettingsScreen />
      </DeskProvider>,
    );
    expect((await screen.findByTestId('settings-device-id')).textContent).toBe('0193a1b2-0000-7000-8000-000000000001');
    expect(screen.getByTestId('settings-data-dir').textContent).toBe('C:\\Users\\motcua\\AppData\\Roaming\\MotCua Desk\\desk-data');
    expect(screen.getByText('Thư mục dữ liệu')).toBeTruthy();
  });
});
