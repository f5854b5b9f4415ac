/**
 * A district's worth of import lines (52,772 for Thanh Hà's year): varied procedures, units, channels and
 * histories, every line valid. Used by the import benchmark and the import-at-scale test.
 */
import { seedProcedures } from '../../shared/catalog/seed-procedures';
import { seedUnits } from '../../shared/catalog/seed-units';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function importDatasetLines(count: number, year = 2023): string[] {
  const units = seedUnits.filter((u) => u.level !== 'province').map((u) => u.code);
  const procedures = seedProcedures.map((p) => p.code);
  const perDay = new Map<string, number>();
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const unit = units[i % units.length]!;
    const dayIndex = (i * 7) % 330;
    const d = new Date(Date.UTC(year, 0, 2 + dayIndex));
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const key = `${unit}|${date}`;
    const seq = (perDay.get(key) ?? 0) + 1;
    perDay.set(key, seq);
    const later = (days: number, time: string) => {
      const t = new Date(d.getTime() + days * 86_400_000);
      return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${time}:00+07:00`;
    };
    const history: Record<string, unknown>[] = [{ status: 4, at: later(0, '10:00') }];
    if (i % 20 === 0) history.push({ status: 5, at: later(1, '09:00'), reason: 'Thiếu giấy tờ' }, { status: 4, at: later(3, '09:00'), dueAt: later(8, '17:00') });
    if (i % 50 !== 0) history.push({ status: 9, at: later(4 + (i % 3), '15:00') }, { status: 10, at: later(7, '08:00') });
    lines.push(
      JSON.stringify({
        code: `${unit}-${date.slice(2).replaceAll('-', '')}-${pad(seq, 4)}`,
        procedureCode: procedures[i % procedures.length],
        channel: i % 8 === 0 ? 'in_person' : 'online',
        applicant: { kind: 'person', name: `Nguyễn Văn ${i}`, idNumber: `0010${pad(i, 8)}`, phone: `09${pad(i % 100_000_000, 8)}` },
        receivedAt: later(0, '09:00'),
        dueAt: later(5, '17:00'),
        components: [
          { name: 'Tờ khai', digitised: true },
          { name: 'Giấy tờ kèm theo', digitised: i % 100 !== 0 },
        ],
        resultDigitised: i % 70 !== 0,
        history,
      }),
    );
  }
  return lines;
}
