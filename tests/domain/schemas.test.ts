/** Schema rejections a clerk or a syncing desk would meet, and the words they get. */
import { describe, expect, it } from 'vitest';
import { applicantSchema } from '../../shared/domain/applicant';
import { boundedApplicantSchema } from '../../shared/api/dossier-inputs';
import { normalisePhone, internationalPhone } from '../../shared/domain/phone';
import { validationError } from '../../shared/domain/messages';
import { dossierEventSchema, canonicalEventText, stableJson } from '../../shared/domain/events';
import { procedureSchema } from '../../shared/domain/procedure';
import { deskSchema, unitSchema } from '../../shared/domain/units';
import { dossierStatusSchema, statusLabel, dossierStatuses } from '../../shared/domain/dossier';
import { vnInstantSchema, vnDateSchema } from '../../shared/domain/time';
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { makeEvent, receivedPayload } from './fixtures';

function firstError(result: { success: boolean; error?: unknown }) {
  if (result.success) throw new Error('expected a validation failure');
  return validationError(result.error as never);
}

describe('applicant', () => {
  it("a person's CCCD must be exactly 12 digits, said in both languages", () => {
    for (const idNumber of ['00120300456', '0012030045678', '00120300456a']) {
      const error = firstError(
        applicantSchema.safeParse({ kind: 'person', name: 'Nguyễn Văn Đức', idNumber }),
      );
      expect(error).toMatchObject({
        code: 'validation',
        field: 'idNumber',
        message: {
          vi: 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
          en: 'The personal ID number must be exactly 12 digits.',
        },
      });
    }
  });

  it('a wrong ID number is said together with a wrong phone and e-mail, not only once those are mended (QA)', () => {
    const typed = { kind: 'person', name: 'Nguyễn Văn An', idNumber: '03409900112', phone: '12345', email: 'abc@' };
    for (const schema of [applicantSchema, boundedApplicantSchema]) {
      const fields = schema.safeParse(typed).error?.issues.map((i) => i.path.join('.'));
      expect(new Set(fields)).toEqual(new Set(['idNumber', 'phone', 'email']));
    }
    // The same for the form's own checks: a name of digits (an ID typed in the wrong field) beside a wrong phone.
    const digits = boundedApplicantSchema.safeParse({ kind: 'person', name: '034099001123', phone: '12345' });
    expect(new Set(digits.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['name', 'phone']));
    // A field of the wrong type beside it breaks nothing: the number is still judged.
    const odd = applicantSchema.safeParse({ ...typed, phone: 912345678 });
    expect(odd.error?.issues.map((i) => i.path.join('.'))).toContain('idNumber');
  });

  it("a foreigner's passport number is taken as such, and a wrong one said in both languages", () => {
    for (const idNumber of ['C1234567', 'P01234567', 'E12345678', '534571938', 'L898902C3']) {
      expect(applicantSchema.safeParse({ kind: 'person', name: 'John Smith', idKind: 'passport', idNumber }).data?.idNumber).toBe(idNumber);
    }
    for (const idNumber of ['ABCDEFGH', 'C1234', 'C12345678901X', 'c1234567', 'C 1234567']) {
      expect(firstError(applicantSchema.safeParse({ kind: 'person', name: 'John Smith', idKind: 'passport', idNumber }))).toMatchObject({
        field: 'idNumber',
        message: {
          vi: 'Số hộ chiếu gồm 6 đến 12 chữ cái Latinh hoặc chữ số, có ít nhất một chữ số, như trên trang thông tin của hộ chiếu.',
          en: "A passport number is 6 to 12 Latin letters or digits, with at least one digit, as on the passport's data page.",
        },
      });
    }
    // Named as the personal number (the reception's own word for it), it enters as one, without the word.
    expect(boundedApplicantSchema.parse({ kind: 'person', name: 'Lê Thị Hoa', idKind: 'personal', idNumber: '001203004567' })).not.toHaveProperty('idKind');
    // Without the passport named, a person's number is still the 12-digit one: a passport's is refused there.
    expect(firstError(applicantSchema.safeParse({ kind: 'person', name: 'John Smith', idNumber: 'C1234567' })).message.en).toMatch(/12 digits/);
  });

  it("a passport number typed in groups or in lower case enters as on the page, and is marked with the name's problem", () => {
    const entered = boundedApplicantSchema.parse({ kind: 'person', name: 'Anna Müller', idKind: 'passport', idNumber: ' c01x 00t47 ' });
    expect(entered).toMatchObject({ idKind: 'passport', idNumber: 'C01X00T47' });
    const both = boundedApplicantSchema.safeParse({ kind: 'person', name: '', idKind: 'passport', idNumber: 'ABC' });
    expect(new Set(both.error?.issues.map((i) => i.path.join('.')))).toEqual(new Set(['idNumber', 'name']));
  });

  it('an organisation is identified by a tax code, not a CCCD', () => {
    expect(
      applicantSchema.safeParse({
        kind: 'organisation',
        name: 'Công ty TNHH Vải thiều Thanh Hà',
        idNumber: '0801234567',
      }).success,
    ).toBe(true);
    expect(
      applicantSchema.safeParse({ kind: 'organisation', name: 'Chi nhánh', idNumber: '0801234567-001' })
        .success,
    ).toBe(true);
    expect(
      firstError(applicantSchema.safeParse({ kind: 'organisation', name: 'X', idNumber: '001203004567' }))
        .message.en,
    ).toMatch(/tax code/);
  });

  it('stores names in NFC, trimmed, and phones in the national form', () => {
    const parsed = applicantSchema.parse({
      kind: 'person',
      name: '  Nguyễn Văn Đức '.normalize('NFD'),
      phone: '+84 912 345 678',
    });
    expect(parsed.name).toBe('Nguyễn Văn Đức');
    expect(parsed.phone).toBe('0912345678');
  });

  it('a missing name is reported as an empty required field', () => {
    expect(firstError(applicantSchema.safeParse({ kind: 'person' }))).toMatchObject({
      field: 'name',
      message: { vi: 'Trường này không được để trống.' },
    });
    expect(firstError(applicantSchema.safeParse({ kind: 'person', name: '   ' }))).toMatchObject({
      field: 'name',
    });
  });

  it('rejects a bad email and an unknown kind', () => {
    expect(
      firstError(applicantSchema.safeParse({ kind: 'person', name: 'A', email: 'not-an-email' })).message.vi,
    ).toBe('Địa chỉ email không hợp lệ.');
    expect(applicantSchema.safeParse({ kind: 'robot', name: 'A' }).success).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['091 234 5678', '0912345678'],
    ['0912.345.678', '0912345678'],
    ['+84912345678', '0912345678'],
    ['+84 (0)912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0084912345678', '0912345678'],
    ['0387654321', '0387654321'],
    ['02203 856 789', '02203856789'],
    ['+84 220 3856789', '02203856789'],
    ['0123456789', null],
    ['091234567', null],
    ['09123456789', null],
    ['hello', null],
  ])('%j → %j', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('gives the international form for gateways', () => {
    expect(internationalPhone('0912345678')).toBe('+84912345678');
  });

  it('the applicant schema explains a wrong phone', () => {
    expect(
      firstError(applicantSchema.safeParse({ kind: 'person', name: 'A', phone: '12345' })),
    ).toMatchObject({
      field: 'phone',
      message: { en: expect.stringContaining('0912345678') },
    });
  });
});

describe('times', () => {
  it.each(['2023-10-27T09:32:00+07:00', '2023-10-27T09:32:00.123+07:00', '2024-02-29T23:59:59+07:00'])(
    'accepts %s',
    (t) => {
      expect(vnInstantSchema.safeParse(t).success).toBe(true);
    },
  );

  it.each([
    '2023-10-27T02:32:00Z',
    '2023-10-27T09:32:00+08:00',
    '2023-10-27 09:32:00+07:00',
    '2023-02-29T09:32:00+07:00',
    '2023-04-31T09:32:00+07:00',
    '2023-10-27T24:00:00+07:00',
    '2023-10-27T23:60:00+07:00',
    '2023-10-27T23:59:60+07:00',
    '2023-10-27',
  ])('rejects %s: all times are written in Vietnam time', (t) => {
    expect(firstError(vnInstantSchema.safeParse(t)).message.en).toContain('+07:00');
  });

  it('dates must exist', () => {
    expect(vnDateSchema.safeParse('2024-02-29').success).toBe(true);
    expect(vnDateSchema.safeParse('2023-02-29').success).toBe(false);
  });
});

describe('events', () => {
  it('a valid event passes and an unknown type does not', () => {
    const event = makeEvent('dossier.received', receivedPayload);
    expect(dossierEventSchema.safeParse(event).success).toBe(true);
    expect(dossierEventSchema.safeParse({ ...event, type: 'dossier.teleported' }).success).toBe(false);
  });

  it('the payload must match the type', () => {
    const event = makeEvent('dossier.received', receivedPayload);
    expect(dossierEventSchema.safeParse({ ...event, type: 'dossier.returned' }).success).toBe(false);
    expect(
      dossierEventSchema.safeParse({ ...event, payload: { ...receivedPayload, pin: '12345' } }).success,
    ).toBe(false);
    expect(
      dossierEventSchema.safeParse({
        ...event,
        payload: { ...receivedPayload, code: '000.00.06.H56-231027-0000' },
      }).success,
    ).toBe(false);
  });

  it('rejects a device time not in Vietnam time, a bad hash, a zero sequence and a non-v7 id', () => {
    const event = makeEvent('dossier.received', receivedPayload);
    expect(dossierEventSchema.safeParse({ ...event, deviceTime: '2023-10-27T02:32:00Z' }).success).toBe(
      false,
    );
    expect(dossierEventSchema.safeParse({ ...event, hash: 'ABC' }).success).toBe(false);
    expect(dossierEventSchema.safeParse({ ...event, deviceSeq: 0 }).success).toBe(false);
    expect(
      dossierEventSchema.safeParse({ ...event, id: '3b241101-e2bb-4255-8caf-4136c566a962' }).success,
    ).toBe(false);
  });

  it('fees requested must be a positive amount', () => {
    const event = makeEvent('dossier.fees_requested', { amountVnd: 1000, reason: 'Lệ phí' });
    expect(
      firstError(dossierEventSchema.safeParse({ ...event, payload: { amountVnd: 0, reason: 'x' } })).message
        .vi,
    ).toBe('Số tiền phải lớn hơn 0 đồng.');
  });
});

describe('canonical event text (what is hashed)', () => {
  const event = makeEvent('dossier.received', receivedPayload, { serverSeq: null });

  it('does not depend on key order', () => {
    const reordered = Object.fromEntries(Object.entries(event).reverse()) as typeof event;
    const payloadReordered = {
      ...reordered,
      payload: Object.fromEntries(Object.entries(event.payload).reverse()),
    } as typeof event;
    expect(canonicalEventText(payloadReordered)).toBe(canonicalEventText(event));
  });

  it('leaves out the hash and what the server adds later', () => {
    const text = canonicalEventText(event);
    expect(
      canonicalEventText({
        ...event,
        hash: 'f'.repeat(64),
        serverSeq: 77,
        serverTime: '2023-10-27T09:33:00+07:00',
      }),
    ).toBe(text);
    expect(text).not.toContain('"hash"');
    expect(text).not.toContain('serverSeq');
    expect(text).toContain('"prevHash":null');
  });

  it('changes when anything covered changes', () => {
    const text = canonicalEventText(event);
    expect(canonicalEventText({ ...event, deviceSeq: 2 })).not.toBe(text);
    expect(
      canonicalEventText({
        ...event,
        payload: { ...event.payload, dueAt: '2023-11-03T09:33:00+07:00' },
      } as typeof event),
    ).not.toBe(text);
  });

  it('is plain sorted JSON: parsing it gives the event back without the unhashed fields', () => {
    const { hash: _h, serverSeq: _s, serverTime: _t, ...rest } = event;
    expect(JSON.parse(canonicalEventText(event))).toEqual(rest);
    expect(stableJson({ b: 1, a: [{ d: 2, c: undefined }], e: 'Đức' })).toBe(
      '{"a":[{"d":2}],"b":1,"e":"Đức"}',
    );
  });
});

describe('catalog and units', () => {
  const procedure = seedProcedures[0]!;

  it('rejects a procedure with a malformed code or two papers with one id', () => {
    expect(firstError(procedureSchema.safeParse({ ...procedure, code: '1.1193' })).message.en).toContain(
      'procedure code',
    );
    const twice = [...procedure.components, procedure.components[0]];
    expect(firstError(procedureSchema.safeParse({ ...procedure, components: twice }))).toMatchObject({
      field: 'components',
    });
  });

  it('rejects a negative fee and a zero processing time', () => {
    expect(procedureSchema.safeParse({ ...procedure, feeVnd: -1 }).success).toBe(false);
    expect(
      procedureSchema.safeParse({ ...procedure, processingTime: { kind: 'days', days: 0 } }).success,
    ).toBe(false);
  });

  it('a province has no parent; a commune must have one', () => {
    expect(
      unitSchema.safeParse({
        code: '000.00.00.H56',
        name: 'Tỉnh',
        level: 'province',
        parentCode: '000.00.00.H01',
      }).success,
    ).toBe(false);
    expect(
      firstError(
        unitSchema.safeParse({ code: '000.01.06.H56', name: 'Xã', level: 'commune', parentCode: null }),
      ),
    ).toMatchObject({ field: 'parentCode' });
    expect(
      firstError(
        unitSchema.safeParse({ code: '06.H56', name: 'Xã', level: 'commune', parentCode: '000.00.06.H56' }),
      ).message.vi,
    ).toContain('000.00.06.H56');
  });

  it('desk numbers run from 1 to 9', () => {
    expect(deskSchema.safeParse({ unitCode: '000.00.06.H56', deskNumber: 9 }).success).toBe(true);
    for (const deskNumber of [0, 10, 1.5]) {
      expect(firstError(deskSchema.safeParse({ unitCode: '000.00.06.H56', deskNumber })).message.vi).toBe(
        'Số quầy phải từ 1 đến 9.',
      );
    }
  });
});

describe('statuses', () => {
  it('have the portal codes 1–10 and a label in both languages', () => {
    expect(dossierStatuses).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(statusLabel(10)).toEqual({ vi: 'Đã trả kết quả', en: 'Returned' });
    expect(dossierStatusSchema.safeParse(11).success).toBe(false);
    expect(dossierStatusSchema.safeParse(0).success).toBe(false);
  });
});
