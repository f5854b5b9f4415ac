// @vitest-environment jsdom
/** The printed forms as the citizen reads them: every list says what it lists, every signature line whose it is. */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import type { LogbookEntry } from '../../../shared/api/dossier-views';
import { ApologyForm, ControlSlipForm, LogbookForm, ReceiptSlip, RefusalForm, SupplementRequestForm } from './forms';

const header = { unitName: 'Huyện Thanh Hà', clerkName: 'Trần Thị Bình', printedAt: new Date('2026-11-29T02:00:00Z') };
const applicant = { kind: 'person' as const, name: 'Nguyễn Thị Ánh Tuyết', idNumber: '001203004567' };

afterEach(cleanup);

/** Each signature block: its title and the hint under it. */
const signatureBlocks = (root: HTMLElement) =>
  [...root.querySelectorAll('.signatures > div')].map((block) => ({ title: block.querySelector('strong')?.textContent ?? '', hint: block.querySelector('em')?.textContent ?? '' }));

describe('the signature blocks', () => {
  it('ask the apology (form 04) to be signed and sealed by the head of the agency, leaving the name to the signatory', () => {
    const { container } = render(
      <ApologyForm
        header={header}
        data={{ code: '000.00.06.H56-261129-1001', applicant, procedureName: 'Thủ tục đăng ký khai sinh', oldDueAt: '2026-12-02T17:00:00+07:00', newDueAt: '2026-12-04T09:00:00+07:00', reason: 'Cần xác minh thêm' }}
      />,
    );
    // One block (no untitled second line), as TT 01/2018's form 04 has it: the agency's representative, with its seal.
    const hints = signatureBlocks(container).filter((b) => b.hint !== '');
    expect(hints).toEqual([{ title: 'ĐẠI DIỆN CƠ QUAN, ĐƠN VỊ', hint: '(Ký, ghi rõ họ tên và đóng dấu)' }]);
    // The clerk who recorded the re-appointment does not sign for the agency: no name is printed under it.
    expect(container.textContent).not.toContain('Trần Thị Bình');
  });

  it('ask the supplement request (form 02) and the refusal (form 03) to be signed by the clerk who made them, by name', () => {
    const data = { code: '000.00.06.H56-261129-1001', applicant, procedureName: 'Thủ tục đăng ký khai sinh', items: ['Giấy chứng sinh'], reason: 'Hồ sơ chưa đầy đủ' };
    const blocks = (root: HTMLElement) => [...root.querySelectorAll('.signatures > div')].map((block) => block.textContent);
    const guide = render(<SupplementRequestForm header={header} data={data} />);
    expect(blocks(guide.container)).toEqual(['NGƯỜI NỘP HỒ SƠ(Ký, ghi rõ họ tên)', 'NGƯỜI HƯỚNG DẪN(Ký, ghi rõ họ tên)Trần Thị Bình']);
    cleanup();
    const refusal = render(<RefusalForm header={header} data={data} />);
    expect(blocks(refusal.container)).toEqual(['NGƯỜI NỘP HỒ SƠ(Ký, ghi rõ họ tên)', 'NGƯỜI TIẾP NHẬN HỒ SƠ(Ký, ghi rõ họ tên)Trần Thị Bình']);
  });

  it('leave room on the control slip (form 05) for the giver and the receiver of each hand-over to sign', () => {
    const { container } = render(
      <ControlSlipForm
        header={header}
        code="000.00.06.H56-261129-1001"
        procedureName="Thủ tục đăng ký khai sinh"
        dueAt="2026-12-04T17:00:00+07:00"
        lines={[{ at: '2026-11-29T10:00:00+07:00', from: 'Trần Thị Bình', to: 'Phòng Tư pháp', note: '' }]}
      />,
    );
    const heads = [...container.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(heads).toEqual(['Thời gian', 'Bên giao', 'Bên nhận', 'Ký tên', 'Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)', 'Ghi chú', 'Người giao', 'Người nhận']);
    const row = [...container.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    // The two signature cells stay blank for the pen, and so does the step's result: the desk knows no step's deadline.
    expect(row).toEqual([['10:00 29/11/2026', 'Trần Thị Bình', 'Phòng Tư pháp', '', '', '', '']]);
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

const organisation = { kind: 'organisation' as const, name: 'Công ty TNHH Minh Phát', idNumber: '0101234567' };

describe('how the forms address the applicant', () => {
  const notice = (who: typeof applicant | typeof organisation) => ({ code: '000.00.06.H56-261129-1001', applicant: who, procedureName: 'Cấp giấy phép xây dựng', items: ['Bản vẽ thiết kế'], reason: 'Thiếu bản vẽ' });
  const apology = (who: typeof applicant | typeof organisation) => ({ code: '000.00.06.H56-261129-1001', applicant: who, procedureName: 'Cấp giấy phép xây dựng', oldDueAt: '2026-12-02T17:00:00+07:00', newDueAt: '2026-12-04T09:00:00+07:00', reason: 'Cần xác minh thêm' });
  const lines = (root: HTMLElement) => [...root.querySelectorAll('p')].map((p) => p.textContent ?? '');

  it('call an organisation "Quý tổ chức", never "ông/bà", on forms 02, 03 and 04', () => {
    const texts = [
      render(<SupplementRequestForm header={header} data={notice(organisation)} />).container,
      render(<RefusalForm header={header} data={notice(organisation)} />).container,
      render(<ApologyForm header={header} data={apology(organisation)} />).container,
    ].map((c) => lines(c));
    for (const text of texts) {
      expect(text).toContain('Tổ chức: Công ty TNHH Minh Phát');
      expect(text.join('\n')).not.toMatch(/ông\/bà/i);
    }
    const [guide, refusal, sorry] = texts as [string[], string[], string[]];
    expect(guide).toContain('Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Quý tổ chức liên hệ Bộ phận tiếp nhận và trả kết quả huyện Thanh Hà để được hướng dẫn.');
    expect(refusal).toContain('Xin thông báo cho Quý tổ chức được biết và thực hiện.');
    expect(sorry).toContain('Sự chậm trễ này đã gây phiền hà cho Quý tổ chức. Cơ quan giải quyết xin lỗi Quý tổ chức và hẹn trả kết quả lại vào:');
  });

  it('call a person "Ông/Bà", as the templates write it', () => {
    const guide = lines(render(<SupplementRequestForm header={header} data={notice(applicant)} />).container);
    const refusal = lines(render(<RefusalForm header={header} data={notice(applicant)} />).container);
    const sorry = lines(render(<ApologyForm header={header} data={apology(applicant)} />).container);
    expect(guide).toContain('Ông/Bà: Nguyễn Thị Ánh Tuyết');
    expect(guide).toContain('Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ Bộ phận tiếp nhận và trả kết quả huyện Thanh Hà để được hướng dẫn.');
    expect(refusal).toContain('Xin thông báo cho Ông/Bà được biết và thực hiện.');
    expect(sorry).toContain('Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Cơ quan giải quyết xin lỗi Ông/Bà và hẹn trả kết quả lại vào:');
  });
});

describe('the identity line', () => {
  const slip = (who: typeof applicant | typeof organisation) => (
    <ReceiptSlip header={header} slip={{ code: '000.00.06.H56-261129-1001', pin: '646570', applicant: who, procedureName: 'X', components: [], receivedAt: '2026-11-29T09:00:00+07:00', dueAt: '2026-12-04T17:00:00+07:00', lookupUrl: null }} />
  );

  it('names a person\'s 12-digit number as the 2023 Law on Identification does: "số định danh cá nhân"', () => {
    const { container } = render(slip(applicant));
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toContain('Số định danh cá nhân: 001203004567');
    expect(container.textContent).not.toContain('CCCD');
  });

  it("names a foreigner's number as a passport's", () => {
    const foreigner = { kind: 'person' as const, name: 'John Smith', idKind: 'passport' as const, idNumber: 'C1234567' };
    const { container } = render(slip(foreigner as typeof applicant));
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toContain('Số hộ chiếu: C1234567');
    expect(container.textContent).not.toContain('Số định danh cá nhân');
  });

  it('gives an organisation its tax code', () => {
    const { container } = render(slip(organisation));
    expect([...container.querySelectorAll('p')].map((p) => p.textContent)).toContain('Mã số thuế: 0101234567');
  });
});

describe('the control slip (form 05)', () => {
  const handovers = [
    { at: '2026-11-29T10:00:00+07:00', from: 'Trần Thị Bình', to: 'Phòng Tư pháp', note: '' },
    { at: '2026-11-30T08:30:00+07:00', from: 'Phòng Tư pháp', to: 'Lê Văn Cường', note: 'Chuyên viên thụ lý' },
  ];
  const slip = (resultBack?: { at: string; from: string | null; legalDueAt: string | null } | null, dueAt = '2026-12-04T17:00:00+07:00') =>
    render(<ControlSlipForm header={header} code="000.00.06.H56-261129-1001" procedureName="Thủ tục đăng ký khai sinh" dueAt={dueAt} lines={handovers} resultBack={resultBack} />).container;
  const rows = (root: HTMLElement) => [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
  const resultColumn = 5;

  it('ends with the result back at the desk, judged against the due by Vietnam day, and leaves each hand-over’s result to the pen', () => {
    const onTime = rows(slip({ at: '2026-12-04T15:10:00+07:00', from: 'Phòng Tư pháp', legalDueAt: '2026-12-04T17:00:00+07:00' }));
    expect(onTime).toEqual([
      ['10:00 29/11/2026', 'Trần Thị Bình', 'Phòng Tư pháp', '', '', '', ''],
      ['08:30 30/11/2026', 'Phòng Tư pháp', 'Lê Văn Cường', '', '', '', 'Chuyên viên thụ lý'],
      ['15:10 04/12/2026', 'Phòng Tư pháp', 'Bộ phận tiếp nhận và trả kết quả', '', '', 'Đúng hạn', ''],
    ]);
    cleanup();
    expect(rows(slip({ at: '2026-12-02T09:00:00+07:00', from: 'Phòng Tư pháp', legalDueAt: '2026-12-04T17:00:00+07:00' })).at(-1)?.[resultColumn]).toBe('Trước hạn');
    cleanup();
    // Half past midnight in Vietnam is still the 4th in UTC: the day after the due, late.
    expect(rows(slip({ at: '2026-12-05T00:30:00+07:00', from: 'Phòng Tư pháp', legalDueAt: '2026-12-04T17:00:00+07:00' })).at(-1)?.[resultColumn]).toBe('Quá hạn');
    cleanup();
    // Past the due hour but on the due day: the reports count it on time, and so does the slip.
    expect(rows(slip({ at: '2026-12-04T17:40:00+07:00', from: null, legalDueAt: '2026-12-04T17:00:00+07:00' })).at(-1)).toEqual(['17:40 04/12/2026', '', 'Bộ phận tiếp nhận và trả kết quả', '', '', 'Đúng hạn', '']);
  });

  it('calls a re-appointed dossier late when it missed its legal due, whatever the new appointment (form 04)', () => {
    // Re-appointed to the 9th, resolved on the 8th: on time for the letter of apology, late for the law and the reports.
    const root = slip({ at: '2026-12-08T10:00:00+07:00', from: 'Phòng Tư pháp', legalDueAt: '2026-12-04T17:00:00+07:00' }, '2026-12-09T17:00:00+07:00');
    expect(rows(root).at(-1)?.[resultColumn]).toBe('Quá hạn');
  });

  it('prints no result line while the result has not come back, and calls one without a due on time, as the reports count it', () => {
    expect(rows(slip())).toHaveLength(2);
    expect(rows(slip(null))).toHaveLength(2);
    cleanup();
    expect(rows(slip({ at: '2026-12-04T15:10:00+07:00', from: 'Phòng Tư pháp', legalDueAt: null })).at(-1)?.[resultColumn]).toBe('Đúng hạn');
  });
});

describe('the receipt’s logbook line (form 01)', () => {
  it('leaves the logbook volume and line dotted for the pen, never the code’s sequence as the line', () => {
    const { getByTestId } = render(
      <ReceiptSlip header={header} slip={{ code: '000.00.06.H56-261129-1001', pin: '646570', applicant, procedureName: 'X', components: [], receivedAt: '2026-11-29T09:00:00+07:00', dueAt: '2026-12-04T17:00:00+07:00', lookupUrl: null }} />,
    );
    const line = getByTestId('slip-logbook').textContent ?? '';
    expect(line).toMatch(/^Vào Sổ theo dõi hồ sơ, Quyển số: …{5,} Số thứ tự: …{5,}$/);
    expect(line).not.toMatch(/\d/);
  });
});

describe('the tracking logbook (form 06)', () => {
  const entry: LogbookEntry = {
    no: 41,
    dossierId: 'd-1',
    code: '000.00.06.H56-260102-1001',
    procedureName: 'Đăng ký khai sinh',
    applicantName: 'Nguyễn Thị Ánh Tuyết',
    applicantAddress: null,
    applicantPhone: null,
    agency: 'Phòng Tư pháp',
    receivedAt: '2026-01-02T08:00:00+07:00',
    dueAt: '2026-01-05T17:00:00+07:00',
    reappointedTo: null,
    transferredAt: '2026-01-02T14:00:00+07:00',
    resolvedAt: '2026-01-05T10:00:00+07:00',
    returnedAt: '2026-01-05T15:00:00+07:00',
    returnedTo: 'Nguyễn Văn Bình (con)',
    status: 10,
  };

  it('leaves room to sign in every "Ký nhận" cell, with the name of who took the result under it', () => {
    const { container } = render(<LogbookForm header={header} book={{ year: 2026, month: 1, unitCode: null, entries: [entry] }} />);
    const cells = [...container.querySelectorAll('tbody tr td')];
    // Columns 8, 10 and 12: "Ký nhận" of the transfer, of the result from the agency, of the result to the citizen.
    const signedFor = [cells[8]!, cells[10]!, cells[12]!];
    for (const cell of signedFor) {
      const space = cell.firstElementChild as HTMLElement | null;
      expect(space?.textContent).toBe('');
      expect(space?.style.height).toBe('11mm');
    }
    expect([...signedFor[2]!.children].map((c) => c.textContent)).toEqual(['', 'Nguyễn Văn Bình (con)']);
    expect(cells[11]!.textContent).toBe('05/01/2026');
  });
});
