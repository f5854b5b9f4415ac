/**
 * What the citizen's status page says about the appointment, status by status: the date on the receipt holds only
 * while the dossier is being processed. On hold for a supplement or for fees, the deadline is paused and a new
 * appointment is given later; withdrawn or stopped, there is no result to come for.
 */
import { describe, expect, it } from 'vitest';
import { DossierStatus, statusLabel } from '../../shared/domain/dossier';
import type { PublicStatus } from '../../server/public/lookup';
import { statusView } from '../../server/public/status-page';

const status = (code: DossierStatus): PublicStatus => ({
  code: '000.01.06.H56-261130-1005',
  procedureName: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
  status: code,
  statusLabel: statusLabel(code).vi,
  receivedAt: '2026-11-30T09:05:00+07:00',
  dueAt: '2026-12-03T17:00:00+07:00',
  appointmentOnHold: false,
  resolvedAt: null,
  returnedAt: null,
  voidedCode: null,
});

/** The page's text, tags dropped and spaces folded, as a phone shows it. */
const text = (html: string): string => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the appointment on the citizen’s status page', () => {
  it('is the receipt’s date while the dossier is received or being processed', () => {
    for (const s of [DossierStatus.Received, DossierStatus.Processing]) {
      expect(text(statusView(status(s)))).toContain('Ngày hẹn trả kết quả 03/12/2026 lúc 17:00');
    }
  });

  it('is paused, with what to do, while a supplement is asked for: the old date would send the citizen for nothing', () => {
    const page = text(statusView({ ...status(DossierStatus.SupplementRequested), appointmentOnHold: true }));
    expect(page).not.toContain('03/12/2026');
    expect(page).toContain('Ngày hẹn trả kết quả Tạm dừng');
    expect(page).toContain('Hồ sơ cần được bổ sung');
    expect(page).toContain('ngày hẹn trả kết quả mới được tính lại');
  });

  it('is paused while fees or taxes are due', () => {
    const page = text(statusView({ ...status(DossierStatus.FeesRequested), appointmentOnHold: true }));
    expect(page).not.toContain('03/12/2026');
    expect(page).toContain('Ngày hẹn trả kết quả Tạm dừng');
    expect(page).toContain('nghĩa vụ tài chính');
  });

  it('stands, said as such, when the supplement or the fees were asked for once the dossier was late: nothing paused', () => {
    for (const s of [DossierStatus.SupplementRequested, DossierStatus.FeesRequested]) {
      const page = text(statusView(status(s)));
      expect(page).toContain('Ngày hẹn trả kết quả 03/12/2026 lúc 17:00');
      expect(page).not.toContain('Tạm dừng');
      expect(page).toContain('đã quá ngày hẹn, nên thời hạn giải quyết không tạm dừng và ngày hẹn trên không thay đổi');
    }
  });

  it('is not shown for a withdrawn or stopped dossier: no result will come', () => {
    for (const s of [DossierStatus.Withdrawn, DossierStatus.Stopped]) {
      const page = text(statusView(status(s)));
      expect(page).not.toContain('Ngày hẹn trả kết quả');
      expect(page).not.toContain('03/12/2026');
      expect(page).toContain(`Tình trạng ${statusLabel(s).vi}`);
    }
  });

  it('stays beside the dates of a result resolved and handed back', () => {
    const page = text(statusView({ ...status(DossierStatus.Returned), resolvedAt: '2026-12-02T10:00:00+07:00', returnedAt: '2026-12-02T15:00:00+07:00' }));
    expect(page).toContain('Ngày hẹn trả kết quả 03/12/2026 lúc 17:00');
    expect(page).toContain('Đã trả kết quả 02/12/2026 lúc 15:00');
  });
});
