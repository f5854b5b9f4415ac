// @vitest-environment jsdom
/** The printed forms as the citizen reads them: every list says what it lists, every signature line whose it is. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { ApologyForm, ReceiptSlip, RefusalForm } from './forms';

const header = { unitName: 'Huyện Thanh Hà', clerkName: 'Trần Thị Bình', printedAt: new Date('2026-11-29T02:00:00Z') };
const applicant = { kind: 'person' as const, name: 'Nguyễn Thị Ánh Tuyết', idNumber: '001203004567' };

afterEach(cleanup);

/** Each signature block: its title and the hint under it. */
const signatureBlocks = (root: HTMLElement) =>
  [...root.querySelectorAll('.signatures > div')].map((block) => ({ title: block.querySelector('strong')?.textContent ?? '', hint: block.querySelector('em')?.textContent ?? '' }));

describe('the signature blocks', () => {
  it('ask the apology (form 04) to be signed by the desk only, with no untitled line for a second signature', () => {
    const { container } = render(
      <ApologyForm
        header={header}
        data={{ code: '000.00.06.H56-261129-1001', applicant, procedureName: 'Thủ tục đăng ký khai sinh', oldDueAt: '2026-12-02T17:00:00+07:00', newDueAt: '2026-12-04T09:00:00+07:00', reason: 'Cần xác minh thêm' }}
      />,
    );
    const hints = signatureBlocks(container).filter((b) => b.hint !== '');
    expect(hints).toEqual([{ title: 'ĐẠI DIỆN CƠ QUAN, ĐƠN VỊ', hint: '(Ký, ghi rõ họ tên)' }]);
    expect(container.textContent).toContain('Trần Thị Bình');
  });

  it('ask the receipt (form 01) to be signed by the applicant and the clerk', () => {
    const { container } = render(
      <ReceiptSlip
        header={header}
        slip={{ code: '000.00.06.H56-261129-1001', pin: '646570', applicant, procedureName: 'Thủ tục đăng ký khai sinh', components: [], receivedAt: '2026-11-29T09:00:00+07:00', dueAt: '2026-11-30T17:00:00+07:00', lookupUrl: null }}
      />,
    );
    expect(signatureBlocks(container).map((b) => b.title)).toEqual(['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ']);
  });
});

describe('the refusal (form 03)', () => {
  it('says that the papers it lists are the missing ones', () => {
    const { container, getByTestId } = render(
      <RefusalForm header={header} data={{ code: null, applicant, procedureName: 'Thủ tục đăng ký khai sinh', items: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'], reason: 'Hồ sơ chưa đầy đủ' }} />,
    );
    const list = getByTestId('refusal-missing');
    expect(list.previousElementSibling?.textContent).toBe('Giấy tờ còn thiếu:');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']);
    expect(container.textContent).toContain('Hồ sơ chưa đầy đủ');
  });
});

describe('the receipt (form 01)', () => {
  it('carries the lines the template asks for: the email, the number of sets and the processing time the law sets', () => {
    const { container, getByTestId } = render(
      <ReceiptSlip
        header={header}
        slip={{
          code: '000.00.06.H56-261129-1001',
          pin: '646570',
          applicant: { ...applicant, phone: '0912345678', email: 'tuyet.nguyen@example.vn' },
          procedureName: 'Thủ tục đăng ký khai sinh',
          processingTime: '5 ngày làm việc',
          components: [],
          receivedAt: '2026-11-29T09:00:00+07:00',
          dueAt: '2026-12-04T17:00:00+07:00',
          lookupUrl: null,
        }}
      />,
    );
    const lines = [...container.querySelectorAll('p')].map((p) => p.textContent);
    expect(lines).toContain('Email: tuyet.nguyen@example.vn');
    expect(lines).toContain('Số lượng hồ sơ: 01 (bộ)');
    expect(getByTestId('slip-processing-time').textContent).toBe('5 ngày làm việc');
    cleanup();
    // A procedure the catalog no longer holds: no line with nothing in it.
    const without = render(
      <ReceiptSlip header={header} slip={{ code: '000.00.06.H56-261129-1001', pin: '646570', applicant, procedureName: 'X', components: [], receivedAt: '2026-11-29T09:00:00+07:00', dueAt: '2026-12-04T17:00:00+07:00', lookupUrl: null }} />,
    );
    expect(without.container.textContent).not.toContain('theo quy định');
  });
});
