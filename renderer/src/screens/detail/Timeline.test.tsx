// @vitest-environment jsdom
/**
 * The dossier's history as the clerk reads it: who handed the file to whom (form 05), and when a citizen submitted
 * online (the portal's time, the one the detail's "Ngày nộp trực tuyến" shows), not when the server wrote it down.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { TimelineEntry } from '../../../../shared/api/dossier-views';
import type { DossierEventType } from '../../../../shared/domain/events';
import { initI18n } from '../../i18n';
import { Timeline } from './Timeline';

const clerk = { userId: 'u1', name: 'Trần Thị Bình', role: 'clerk' as const };
const portal = { userId: 'portal', name: 'Cổng Dịch vụ công', role: 'clerk' as const };

function entry(type: DossierEventType, deviceTime: string, serverTime: string | null, payload: unknown, actor = clerk): TimelineEntry {
  return { eventId: `${type}-${deviceTime}`, type, actor, deviceId: 'd1', deviceTime, serverTime, syncState: serverTime ? 'synced' : 'pending', syncReason: null, payload };
}

const handedOver = entry('dossier.handed_over', '2026-12-08T09:30:00+07:00', '2026-12-08T09:31:00+07:00', {
  from: 'Bộ phận một cửa',
  to: 'Chuyên viên Phòng Tư pháp',
  note: 'Đủ 3 thành phần',
});

/** Submitted on the portal on Saturday evening; the server took it in on Monday morning. */
const submitted = entry(
  'dossier.submitted_online',
  '2026-12-07T10:05:00+07:00',
  '2026-12-07T10:05:00+07:00',
  { unitCode: '000.00.06.H56', procedureCode: '1.001193.000.00.00.H56', channel: 'online', portalRef: 'G22.99-261205-000123', submittedAt: '2026-12-05T20:00:00+07:00' },
  portal,
);

const itemOf = (type: DossierEventType) =>
  within(screen.getByTestId('timeline'))
    .getAllByRole('listitem')
    .find((li) => li.getAttribute('data-event') === type)!;

beforeAll(() => {
  initI18n('vi');
});
afterEach(() => {
  cleanup();
  initI18n('vi');
});

describe('the dossier timeline', () => {
  it('says who handed the file over and who took it (form 05), then the note', () => {
    render(<Timeline entries={[handedOver]} />);
    expect(itemOf('dossier.handed_over').textContent).toContain('Bên giao: Bộ phận một cửa · Bên nhận: Chuyên viên Phòng Tư pháp · Đủ 3 thành phần');
  });

  it('says it in English too', () => {
    initI18n('en');
    render(<Timeline entries={[handedOver]} />);
    expect(itemOf('dossier.handed_over').textContent).toContain('Handed over by: Bộ phận một cửa · Received by: Chuyên viên Phòng Tư pháp');
  });

  it('dates an online submission by the portal, with when the server received it beside', () => {
    render(<Timeline entries={[submitted]} />);
    const item = itemOf('dossier.submitted_online');
    expect(item.querySelector('.when > time')!.textContent).toBe('20:00 05/12/2026');
    expect(item.querySelector('.when > time')!.getAttribute('datetime')).toBe('2026-12-05T20:00:00+07:00');
    expect(within(item).getByTestId('synced-at').textContent).toBe(' (máy chủ nhận lúc 10:05 07/12/2026)');
    expect(item.textContent).not.toContain('đồng bộ');
  });

  it('in English, the server\'s time reads as when it reached the server', () => {
    initI18n('en');
    render(<Timeline entries={[submitted]} />);
    expect(within(itemOf('dossier.submitted_online')).getByTestId('synced-at').textContent).toBe(' (reached the server at 10:05 07/12/2026)');
  });

  it('shows no note for a submission the server took in within minutes', () => {
    const prompt = { ...submitted, deviceTime: '2026-12-05T20:01:00+07:00', serverTime: '2026-12-05T20:01:00+07:00' };
    render(<Timeline entries={[prompt]} />);
    const item = itemOf('dossier.submitted_online');
    expect(item.querySelector('.when')!.textContent).toBe('20:00 05/12/2026 · Cổng Dịch vụ công');
    expect(within(item).queryByTestId('synced-at')).toBeNull();
  });
});

describe('a reception not applied (received at two desks offline)', () => {
  const person = { kind: 'person' as const, name: 'Nguyễn Văn An', idNumber: '001203004567', phone: '0987654321', address: 'Thôn Tây' };
  const standing = { ...entry('dossier.received', '2026-12-01T09:00:00+07:00', '2026-12-01T10:00:00+07:00', { applicant: person }), eventId: 'stands' };
  const other = {
    ...entry('dossier.received', '2026-12-01T09:05:00+07:00', '2026-12-01T10:00:01+07:00', { applicant: { ...person, phone: '0911111111', address: 'Thôn Đông' } }),
    eventId: 'other',
  };

  it('says what the other desk recorded of the applicant where the dossier records otherwise, so it can be carried over', () => {
    render(<Timeline entries={[standing, other]} inOpenConflict={['other']} applicant={person} />);
    const lines = screen.getAllByTestId('not-applied-applicant').map((d) => d.textContent);
    expect(lines).toEqual([
      'Số điện thoại theo lần này: 0911111111 (hồ sơ đang ghi: 0987654321)',
      'Địa chỉ theo lần này: Thôn Đông (hồ sơ đang ghi: Thôn Tây)',
    ]);
  });

  it('says nothing of the applicant for the reception that stands, nor for one not applied that recorded the same', () => {
    render(<Timeline entries={[standing, { ...other, payload: { applicant: person } }]} notApplied={['other']} applicant={person} />);
    expect(screen.queryAllByTestId('not-applied-applicant')).toEqual([]);
  });
});

describe('a reception not applied, named as its applicant is', () => {
  it('says a passport’s number as one, even when the digits match the dossier’s number, and a company by its own words', () => {
    const person = { kind: 'person' as const, name: 'John Smith', idNumber: '123456789012' };
    const byPassport = { ...entry('dossier.received', '2026-12-01T09:05:00+07:00', null, { applicant: { ...person, idKind: 'passport', idNumber: '123456789012' } }), eventId: 'p' };
    render(<Timeline entries={[byPassport]} notApplied={['p']} applicant={person} />);
    expect(screen.getAllByTestId('not-applied-applicant').map((d) => d.textContent)).toEqual(['Số hộ chiếu theo lần này: 123456789012 (hồ sơ đang ghi: 123456789012)']);
    cleanup();
    const company = { kind: 'organisation' as const, name: 'Công ty TNHH Minh Phát', idNumber: '0101234567' };
    const other = { ...entry('dossier.received', '2026-12-01T09:05:00+07:00', null, { applicant: { ...company, name: 'Công ty TNHH Minh Phát Hà Nội', idNumber: '0101234567-001' } }), eventId: 'c' };
    render(<Timeline entries={[other]} notApplied={['c']} applicant={company} />);
    expect(screen.getAllByTestId('not-applied-applicant').map((d) => d.textContent)).toEqual([
      'Tên tổ chức theo lần này: Công ty TNHH Minh Phát Hà Nội (hồ sơ đang ghi: Công ty TNHH Minh Phát)',
      'Mã số thuế theo lần này: 0101234567-001 (hồ sơ đang ghi: 0101234567)',
    ]);
  });
});
