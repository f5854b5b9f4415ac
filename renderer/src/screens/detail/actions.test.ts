import { describe, expect, it } from 'vitest';
import type { DossierDetail } from '../../../../shared/api/dossier-views';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { actionInput, initialValues, problemsOnForm, specFor } from './actions';

const detail = { state: { id: '0190f1e2-0000-7000-8000-000000000001', version: 3, components: [] } } as unknown as DossierDetail;

describe('action forms', () => {
  it("starts a fee request with the procedure's catalog fee, as typed in the clerk's language, and reads it back", () => {
    const business = seedProcedures.find((p) => p.name === 'Đăng ký thành lập hộ kinh doanh')!;
    const withFee = { ...detail, procedure: business } as DossierDetail;
    const fees = specFor('dossier.fees_requested')!;
    expect(initialValues(fees, withFee)).toEqual({ amountVnd: '100.000' });
    expect(initialValues(fees, withFee, 'en')).toEqual({ amountVnd: '100,000' });
    for (const language of ['vi', 'en'] as const)
      expect(actionInput(fees, { ...initialValues(fees, withFee, language), reason: 'Lệ phí' }, withFee)).toMatchObject({ ok: true, input: { amountVnd: 100000 } });
    // No fee in the catalog, or no procedure: nothing filled in. Other actions do not get it.
    const free = { ...detail, procedure: seedProcedures.find((p) => p.feeVnd === 0)! } as DossierDetail;
    expect(initialValues(fees, free)).toEqual({});
    expect(initialValues(fees, detail)).toEqual({});
    expect(initialValues(specFor('dossier.stopped')!, withFee)).toEqual({});
  });

  it('sends the dossier version the clerk acted on', () => {
    const built = actionInput(specFor('dossier.transferred')!, { toAgency: 'Phòng Tư pháp' }, detail);
    expect(built).toEqual({ ok: true, input: { dossierId: detail.state.id, expectedVersion: 3, toAgency: 'Phòng Tư pháp' } });
  });

  it('sends a transfer to another agency by the name typed, and asks for the name when it is missing', () => {
    const transfer = specFor('dossier.transferred')!;
    expect(actionInput(transfer, { toAgency: 'other', toAgencyOther: ' Chi cục Thuế ' }, detail)).toMatchObject({ ok: true, input: { toAgency: 'Chi cục Thuế' } });
    expect(actionInput(transfer, { toAgency: '000.00.06.H56' }, detail)).toMatchObject({ ok: true, input: { toAgency: '000.00.06.H56' } });
    const nameless = actionInput(transfer, { toAgency: 'other', toAgencyOther: '  ' }, detail);
    expect(!nameless.ok && Object.keys(nameless.problems)).toEqual(['toAgencyOther']);
    // Left as it is: no agency sent, the desk takes the procedure's.
    expect(actionInput(transfer, {}, detail)).toEqual({ ok: true, input: { dossierId: detail.state.id, expectedVersion: 3 } });
  });

  it('refuses a unit code typed as another agency when the district has no such unit; takes a known one', () => {
    const transfer = specFor('dossier.transferred')!;
    const known = ['000.00.06.H56', '000.01.06.H56'];
    const typo = actionInput(transfer, { toAgency: 'other', toAgencyOther: '000.77.06.H56' }, detail, known);
    expect(!typo.ok && typo.problems.toAgencyOther?.vi).toMatch(/^Không có đơn vị mã 000\.77\.06\.H56 trong danh sách đơn vị của huyện: hồ sơ sẽ không đến quầy nào\./);
    expect(actionInput(transfer, { toAgency: 'other', toAgencyOther: '000.01.06.H56' }, detail, known)).toMatchObject({ ok: true, input: { toAgency: '000.01.06.H56' } });
    expect(actionInput(transfer, { toAgency: 'other', toAgencyOther: 'Sở Tư pháp tỉnh' }, detail, known).ok).toBe(true);
    // A desk that knows no units yet (not enrolled, registry never read) cannot tell: the code goes as typed.
    expect(actionInput(transfer, { toAgency: 'other', toAgencyOther: '000.77.06.H56' }, detail, []).ok).toBe(true);
  });

  it('asks the supervisor resolving a conflict why, rather than recording a dash', () => {
    const resolve = specFor('dossier.conflict_resolved')!;
    const bare = actionInput(resolve, { status: '9', note: '  ' }, detail);
    expect(!bare.ok && Object.keys(bare.problems)).toEqual(['note']);
    expect(actionInput(resolve, { status: '9', note: 'Giữ kết quả đã giải quyết' }, detail)).toMatchObject({ ok: true, input: { status: 9, note: 'Giữ kết quả đã giải quyết' } });
  });

  it('turns the supplement list into one item per non-empty line', () => {
    const built = actionInput(specFor('dossier.supplement_requested')!, { items: 'Sổ hộ khẩu\n\n  Giấy xác nhận cư trú  ', reason: 'Thiếu' }, detail);
    expect(built.ok && built.input.items).toEqual(['Sổ hộ khẩu', 'Giấy xác nhận cư trú']);
  });

  it('refuses an empty reason, naming the field', () => {
    const built = actionInput(specFor('dossier.stopped')!, { reason: '  ' }, detail);
    expect(built.ok).toBe(false);
    expect(!built.ok && Object.keys(built.problems)).toEqual(['reason']);
  });

  it('builds a re-appointment instant in Vietnam time from dd/mm/yyyy and HH:mm', () => {
    const built = actionInput(specFor('dossier.reappointed')!, { date: '04/12/2026', time: '09:30', reason: 'Chờ xác minh' }, detail);
    expect(built.ok && built.input.newDueAt).toBe('2026-12-04T09:30:00+07:00');
    // As a clerk types an hour: without its leading zero, or as "9h30".
    for (const typed of ['9:30', '9h30', '09.30', ' 9:30 '])
      expect(actionInput(specFor('dossier.reappointed')!, { date: '04/12/2026', time: typed, reason: 'x' }, detail)).toMatchObject({ ok: true, input: { newDueAt: '2026-12-04T09:30:00+07:00' } });
    const bad = actionInput(specFor('dossier.reappointed')!, { date: '31/11/2026', time: '25:00', reason: 'x' }, detail);
    expect(!bad.ok && Object.keys(bad.problems).sort()).toEqual(['date', 'time']);
  });

  it('says a well-formed date that is not in the calendar does not exist, rather than asking for dd/mm/yyyy', () => {
    const impossible = actionInput(specFor('dossier.reappointed')!, { date: '31/02/2026', time: '09:00', reason: 'x' }, detail);
    expect(!impossible.ok && impossible.problems.date).toEqual({ vi: 'Không có ngày 31/02/2026 trong lịch.', en: 'There is no such date as 31/02/2026.' });
    const garbled = actionInput(specFor('dossier.reappointed')!, { date: '4-12-2026', time: '09:00', reason: 'x' }, detail);
    expect(!garbled.ok && garbled.problems.date).toEqual({ vi: 'Ngày phải có dạng dd/mm/yyyy.', en: 'Dates are dd/mm/yyyy.' });
  });

  it('reads an amount typed with thousands separators and refuses a non-positive one', () => {
    expect(actionInput(specFor('dossier.fees_requested')!, { amountVnd: '1.500.000', reason: 'Lệ phí' }, detail)).toMatchObject({ ok: true, input: { amountVnd: 1500000 } });
    expect(actionInput(specFor('dossier.fees_requested')!, { amountVnd: '-5', reason: 'Lệ phí' }, detail).ok).toBe(false);
    expect(actionInput(specFor('dossier.fees_requested')!, { amountVnd: '1 500 000', reason: 'Lệ phí' }, detail)).toMatchObject({ ok: true, input: { amountVnd: 1500000 } });
    expect(actionInput(specFor('dossier.fees_requested')!, { amountVnd: '150000', reason: 'Lệ phí' }, detail)).toMatchObject({ ok: true, input: { amountVnd: 150000 } });
    // Read as a billion by Number, as 505 once the comma was dropped, and a mix of separators: each refused, said why.
    for (const typed of ['1e9', '50,5', '1.500,000', '1..500', '0x10']) {
      const r = actionInput(specFor('dossier.fees_requested')!, { amountVnd: typed, reason: 'Lệ phí' }, detail);
      expect(!r.ok && r.problems.amountVnd?.vi).toBe('Số tiền phải là số nguyên dương (đồng), ví dụ 150.000.');
    }
    // More than any fee: too large, whether Number can hold it or not.
    for (const typed of ['99999999999999999999', '200.000.000.000']) {
      const r = actionInput(specFor('dossier.fees_requested')!, { amountVnd: typed, reason: 'Lệ phí' }, detail);
      expect(!r.ok && r.problems.amountVnd?.vi).toBe('Số tiền quá lớn: tối đa 100.000.000.000 đồng.');
    }
    expect(actionInput(specFor('dossier.fees_requested')!, { amountVnd: '100.000.000.000', reason: 'Lệ phí' }, detail).ok).toBe(true);
  });

  it('puts the desk\'s refusal of a new appointment under the date, and leaves an error on no form field to the banner', () => {
    const past = { vi: 'Ngày hẹn mới phải ở tương lai.', en: 'The new appointment must be in the future.' };
    const reappoint = specFor('dossier.reappointed')!;
    expect(problemsOnForm(reappoint, { code: 'reappointment.past', message: past, field: 'newDueAt' })).toEqual({ date: past });
    const other = { code: 'version_conflict', message: past, field: 'expectedVersion' };
    expect(problemsOnForm(reappoint, other)).toEqual({});
    expect(problemsOnForm(specFor('dossier.withdrawn')!, { code: 'x', message: past, field: 'reason' })).toEqual({ reason: past });
  });
});
