import { describe, expect, it } from 'vitest';
import { seedProcedures } from '../../../../shared/catalog/seed-procedures';
import { WorkingCalendar } from '../../../../shared/calendar/working-calendar';
import { fromVnLocal } from '../../../../shared/calendar/vn-time';
import type { Procedure } from '../../../../shared/domain/procedure';
import {
  applicantInput,
  applicantIssues,
  checklistFor,
  draftHasContent,
  dossierComponents,
  emptyDraft,
  missingMandatory,
  previewAppointment,
  scanCount,
  scansToLink,
  searchProcedures,
  type ReceptionDraft,
} from './model';

const byName = (name: string): Procedure => seedProcedures.find((p) => p.name === name)!;
const birth = byName('Thủ tục đăng ký khai sinh');
const calendar = WorkingCalendar.standard();

describe('procedure search', () => {
  it('finds a procedure typed without diacritics', () => {
    const found = searchProcedures(seedProcedures, 'dang ky khai sinh');
    expect(found.map((p) => p.name)).toContain('Thủ tục đăng ký khai sinh');
    expect(found.every((p) => p.name.toLowerCase().includes('khai sinh'))).toBe(true);
  });

  it('matches every word, in any order, and đ typed as d', () => {
    const found = searchProcedures(seedProcedures, 'sinh dang');
    expect(found.map((p) => p.name)).toContain('Thủ tục đăng ký khai sinh');
    expect(searchProcedures(seedProcedures, 'xyzzy khai sinh')).toEqual([]);
  });

  it('puts a name holding the typed words side by side before names that only hold them apart', () => {
    expect(searchProcedures(seedProcedures, 'khai tu')[0]?.name).toBe('Thủ tục đăng ký khai tử');
    expect(searchProcedures(seedProcedures, 'khai tử')[0]?.name).toBe('Thủ tục đăng ký khai tử');
    expect(searchProcedures(seedProcedures, 'giam ho')[0]?.name).toMatch(/giám hộ$/);
  });

  it('puts an exact code first', () => {
    const found = searchProcedures(seedProcedures, birth.code);
    expect(found[0]?.code).toBe(birth.code);
  });
});

describe('applicant checks', () => {
  const person = { kind: 'person' as const, name: 'Nguyễn Văn Đức', idNumber: '', phone: '', address: '', email: '' };
  const tooLong = (max: number) => ({ vi: `tối đa ${max}`, en: `at most ${max}` });

  it('accepts a person with only a name, and sends no empty optional fields', () => {
    expect(applicantIssues(person, tooLong)).toEqual({});
    expect(applicantInput(person)).toEqual({ kind: 'person', name: 'Nguyễn Văn Đức', idNumber: undefined, phone: undefined, address: undefined, email: undefined });
  });

  it('says in Vietnamese and English why a personal ID number is wrong', () => {
    const issues = applicantIssues({ ...person, idNumber: '12345' }, tooLong);
    expect(issues.idNumber).toEqual({ vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.', en: 'The personal ID number must be exactly 12 digits.' });
    expect(applicantIssues({ ...person, idNumber: '001203004567' }, tooLong)).toEqual({});
  });

  it('checks an organisation against the tax-code format instead', () => {
    const org = { ...person, kind: 'organisation' as const, name: 'Công ty TNHH Hoa Sen' };
    expect(applicantIssues({ ...org, idNumber: '001203004567' }, tooLong).idNumber?.vi).toMatch(/Mã số thuế/);
    expect(applicantIssues({ ...org, idNumber: '0101234567-001' }, tooLong)).toEqual({});
  });

  it('flags a missing name, a bad phone and a bad email on their own fields', () => {
    const issues = applicantIssues({ ...person, name: '  ', phone: '12345', email: 'not-an-email' }, tooLong);
    expect(Object.keys(issues).sort()).toEqual(['email', 'name', 'phone']);
  });

  it("says the desk's length limits together with the other problems, not after them", () => {
    const org = { ...person, kind: 'organisation' as const, name: 'x'.repeat(609), address: 'y'.repeat(660), idNumber: '01012' };
    const issues = applicantIssues(org, tooLong);
    expect(issues.name).toEqual(tooLong(200));
    expect(issues.address).toEqual(tooLong(500));
    expect(issues.idNumber?.vi).toMatch(/Mã số thuế/);
  });
});

describe('checklist completeness', () => {
  it('starts with nothing ticked and the copies the procedure asks for', () => {
    const checklist = checklistFor(birth);
    expect(Object.keys(checklist)).toEqual(birth.components.map((c) => c.id));
    expect(Object.values(checklist).every((c) => !c.present)).toBe(true);
  });

  it('lists the mandatory papers still missing, and none once all are ticked', () => {
    const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, components: checklistFor(birth) };
    expect(missingMandatory(birth, draft).map((c) => c.id)).toEqual(birth.components.filter((c) => c.mandatory).map((c) => c.id));
    for (const c of birth.components) draft.components[c.id]!.present = true;
    expect(missingMandatory(birth, draft)).toEqual([]);
    expect(dossierComponents(birth, draft).every((c) => c.present)).toBe(true);
    // Ticked with no copy is not brought: the dossier is not complete.
    const first = birth.components.find((c) => c.mandatory)!;
    draft.components[first.id]!.copies = 0;
    expect(missingMandatory(birth, draft).map((c) => c.id)).toEqual([first.id]);
  });

  it('links only the scans of papers ticked as brought, and counts how many brought papers have one', () => {
    const draft: ReceptionDraft = { ...emptyDraft(), procedureCode: birth.code, components: checklistFor(birth) };
    const [first, second] = birth.components;
    draft.components[first!.id] = { present: true, copies: 1, attachmentSha256: 'a'.repeat(64), attachmentName: 'to-khai.pdf' };
    draft.components[second!.id] = { present: false, copies: 1, attachmentSha256: 'b'.repeat(64), attachmentName: 'cu.pdf' };
    expect(scansToLink(birth, draft)).toEqual([{ componentId: first!.id, name: first!.name, sha256: 'a'.repeat(64), fileName: 'to-khai.pdf' }]);
    expect(scanCount(birth, draft.components)).toEqual({ brought: 1, scanned: 1 });
    // The unticked paper's scan is not on the slip either.
    expect(dossierComponents(birth, draft).filter((c) => c.attachmentSha256).map((c) => c.componentId)).toEqual([first!.id]);
    draft.components[second!.id]!.present = true;
    expect(scanCount(birth, draft.components)).toEqual({ brought: 2, scanned: 2 });
    // Ticked with no copy is not brought: its scan is neither linked nor counted.
    draft.components[second!.id]!.copies = 0;
    expect(scanCount(birth, draft.components)).toEqual({ brought: 1, scanned: 1 });
    expect(scansToLink(birth, draft).map((s) => s.componentId)).toEqual([first!.id]);
  });

  it('knows when a draft is worth keeping', () => {
    expect(draftHasContent(emptyDraft())).toBe(false);
    expect(draftHasContent({ ...emptyDraft(), applicant: { ...emptyDraft().applicant, phone: '0912' } })).toBe(true);
  });
});

describe('appointment preview', () => {
  const days = byName('Thủ tục đăng ký khai sinh có yếu tố nước ngoài');

  it('counts working days from the moment of receipt (Tuesday 09:32 + 3 days → Friday 09:32)', () => {
    expect(days.processingTime).toEqual({ kind: 'days', days: 3 });
    const preview = previewAppointment({ ...days, fridayNoWait: false }, fromVnLocal(2026, 11, 24, 9, 32), calendar);
    expect(preview.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 27, 9, 32).toISOString());
    expect(preview.friday).toBeNull();
  });

  it('shows the Friday-without-waiting rule on either side of 15:30', () => {
    const listed = { ...days, fridayNoWait: true };
    const before = previewAppointment(listed, fromVnLocal(2026, 11, 27, 10, 0), calendar);
    expect(before.friday).toBe('friday_before_cutoff');
    expect(before.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 27, 17, 0).toISOString());
    const after = previewAppointment(listed, fromVnLocal(2026, 11, 27, 15, 45), calendar);
    expect(after.friday).toBe('friday_after_cutoff');
    expect(after.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 30, 9, 0).toISOString());
    expect(previewAppointment(listed, fromVnLocal(2026, 11, 25, 10, 0), calendar).friday).toBe('listed');
  });

  it('uses the unit’s own hours and cut-offs when the desk’s calendar has them', () => {
    const unit = new WorkingCalendar({
      officeHours: { sessions: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:30' }], fridayNoWaitCutoff: '16:00', fridayNoWaitNextDue: '10:00' },
    });
    const listed = { ...days, fridayNoWait: true };
    const at1540 = previewAppointment(listed, fromVnLocal(2026, 11, 27, 15, 40), unit);
    expect(at1540).toMatchObject({ friday: 'friday_before_cutoff', fridayCutoff: '16:00', fridayNextDue: '10:00' });
    expect(at1540.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 27, 17, 30).toISOString());
  });

  it('shows the same-day cut-off and whether it has passed', () => {
    const sameDay = { ...birth, processingTime: { kind: 'sameDay' as const }, fridayNoWait: false };
    const morning = previewAppointment(sameDay, fromVnLocal(2026, 11, 24, 14, 59), calendar);
    expect(morning.sameDay).toEqual({ cutoff: '15:00', passed: false, dayOff: false });
    expect(morning.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 24, 17, 0).toISOString());
    const late = previewAppointment(sameDay, fromVnLocal(2026, 11, 24, 15, 1), calendar);
    expect(late.sameDay).toEqual({ cutoff: '15:00', passed: true, dayOff: false });
    expect(late.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 25, 17, 0).toISOString());
    // On a Sunday morning the reason is the day, not the hour.
    const sunday = previewAppointment(sameDay, fromVnLocal(2026, 11, 29, 9, 0), calendar);
    expect(sunday.sameDay).toEqual({ cutoff: '15:00', passed: false, dayOff: true });
    expect(sunday.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 30, 17, 0).toISOString());
  });

  it('lets the Friday rule alone speak for a listed same-day procedure on a Friday, between 15:00 and 15:30', () => {
    const listed = { ...birth, processingTime: { kind: 'sameDay' as const }, fridayNoWait: true };
    const at1520 = previewAppointment(listed, fromVnLocal(2026, 11, 27, 15, 20), calendar);
    expect(at1520.dueAt.toISOString()).toBe(fromVnLocal(2026, 11, 27, 17, 0).toISOString());
    expect(at1520.friday).toBe('friday_before_cutoff');
    // No "past 15:00: due the next working day" beside a slip that says today 17:00.
    expect(at1520.sameDay).toBeNull();
    // On another day the same-day cut-off is still shown.
    expect(previewAppointment(listed, fromVnLocal(2026, 11, 26, 15, 20), calendar).sameDay).toEqual({ cutoff: '15:00', passed: true, dayOff: false });
  });
});
