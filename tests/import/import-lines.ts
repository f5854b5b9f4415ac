/** Import lines for tests, in the documented format (docs/import-format.md). */
export const applicant = { kind: 'person', name: 'Lê Thị Hoa', idNumber: '030190001234', phone: '0987654321', address: 'Thôn Đông, xã Thanh Hồng' };

export interface LineOptions {
  code?: string;
  seq?: number;
  date?: string;
  [key: string]: unknown;
}

/** A dossier received on `date` at 09:00, due five days later, resolved and returned unless `history` says otherwise. */
export function importLine(options: LineOptions = {}): Record<string, unknown> {
  const date = options.date ?? '2023-03-06';
  const seq = options.seq ?? 361;
  const yymmdd = date.slice(2).replaceAll('-', '');
  const { code, seq: _s, date: _d, ...rest } = options;
  return {
    code: code ?? `000.00.06.H56-${yymmdd}-${String(seq).padStart(4, '0')}`,
    procedureCode: '2.000528.000.00.00.H56',
    channel: 'in_person',
    applicant,
    receivedAt: `${date}T09:00:00+07:00`,
    dueAt: `${date.slice(0, 8)}${String(Number(date.slice(8)) + 3).padStart(2, '0')}T17:00:00+07:00`,
    components: [
      { name: 'Tờ khai', digitised: true },
      { name: 'Giấy chứng sinh', digitised: true },
    ],
    resultDigitised: true,
    history: [
      { status: 4, at: `${date}T10:00:00+07:00`, agency: 'Phòng Tư pháp cấp huyện' },
      { status: 9, at: `${date.slice(0, 8)}${String(Number(date.slice(8)) + 2).padStart(2, '0')}T15:00:00+07:00` },
      { status: 10, at: `${date.slice(0, 8)}${String(Number(date.slice(8)) + 3).padStart(2, '0')}T08:00:00+07:00` },
    ],
    ...rest,
  };
}

export const jsonl = (lines: (Record<string, unknown> | string)[]): string[] => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)));
