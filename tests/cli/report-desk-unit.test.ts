/**
 * `motcua report --db <desk data file> --unit …` for a unit the desk does not hold: refused in plain words, as the
 * server's report refuses one, instead of a report of zeros; the desk file is left as it was and no report written.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportCommand } from '../../cli/commands/report';
import { deskPaths } from '../../electron/desk/paths';
import type { Report } from '../../shared/reports/report';
import { makeTestDesk, receiveDossier, tempDir, UNIT, type TestDesk } from '../desk/helpers';
import { readIdentity, setEnrolledIdentity } from '../../electron/desk/identity/device-identity';
import { replaceServerUnits } from '../../electron/desk/units/desk-units';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }, out, err };
}

const NOVEMBER = ['--from', '2026-11-01', '--to', '2026-11-30'];

describe("motcua report on a desk's data file", () => {
  it('refuses a unit the desk does not hold, writes no report and leaves the file as it was', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    t.desk.close();
    const file = deskPaths(t.dir).database;
    const fileHash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = fileHash();
    const out = path.join(tempDir('motcua-report-'), 'report.pdf');

    const unknown = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', '000.00.99.H56', '--format', 'pdf', '--out', out], unknown.io)).toBe(1);
    expect(unknown.out).toEqual([]);
    expect(unknown.err.join('\n')).toBe(
      `motcua report: Tệp dữ liệu của quầy không có đơn vị 000.00.99.H56 (quầy thuộc đơn vị ${UNIT}); hãy kiểm tra mã đơn vị.\n` +
        `motcua report: The desk's data file has no unit 000.00.99.H56 (the desk belongs to unit ${UNIT}); check the unit code.`,
    );
    // The province above the desk's district is in the unit tree, but its other districts' dossiers are not here.
    const province = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', '000.00.00.H56'], province.io)).toBe(1);
    expect(province.err.join('\n')).toMatch(/^motcua report: Tệp dữ liệu của quầy không có đơn vị 000\.00\.00\.H56 /);
    expect(existsSync(out)).toBe(false);
    expect(fileHash()).toBe(before);

    // The desk's own unit is reported as before.
    const own = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', UNIT], own.io)).toBe(0);
    expect((JSON.parse(own.out.join('\n')) as Report).counts.received.total).toBe(1);

    // Without --unit, the desk's own unit, as its dashboard: not the province above it with the desk's figures as
    // the province's own (found by the reporting QA pass: a commune's 145 dossiers filed under its province too).
    const plain = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER], plain.io)).toBe(0);
    const report = JSON.parse(plain.out.join('\n')) as Report;
    expect(report.unit?.code).toBe(UNIT);
    expect(report.byUnit.map((line) => line.key)).toEqual([UNIT]);
    expect(report.counts.received.total).toBe(1);
  });
});

describe("motcua report on an enrolled desk's data file", () => {
  it("takes a unit of the district's own registry that the seed tree does not know", async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    const db = t.desk.db;
    const identity = readIdentity(db)!;
    setEnrolledIdentity(db, { deviceId: identity.deviceId, unitCode: identity.unitCode, deskNumber: identity.deskNumber }, '2026-11-27T08:00:00+07:00');
    // The district added a commune the demo seed never had.
    replaceServerUnits(db, [
      { code: '000.00.00.H56', name: 'Tỉnh Hải Dương', level: 'province', parentCode: null },
      { code: UNIT, name: 'Huyện Kim Thành', level: 'district', parentCode: '000.00.00.H56' },
      { code: '000.77.06.H56', name: 'Xã Mới Lập', level: 'commune', parentCode: UNIT },
    ]);
    t.desk.close();
    const file = deskPaths(t.dir).database;
    const commune = capture();
    // Known by its name from the district's registry; a district desk holds none of a commune's dossiers, so the
    // report is refused as one of zeros would mislead (the server's report covers the commune).
    expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', '000.77.06.H56'], commune.io)).toBe(1);
    expect(commune.err.join('\n')).toContain('This desk holds no dossiers of Xã Mới Lập (000.77.06.H56)');
    const district = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', UNIT], district.io)).toBe(0);
    expect((JSON.parse(district.out.join('\n')) as Report).counts.received.total).toBe(1);
  });
});

describe("motcua report on the data file of a desk not set up yet", () => {
  it('refuses a unit it holds no dossiers of in plain words, writes nothing; without --unit it reports', async () => {
    t = await makeTestDesk({ setUp: false });
    await t.must('auth.createAdmin', { username: 'admin', displayName: 'Trần Thị Quản Trị', password: 'mat-khau-123' });
    t.desk.close();
    const file = deskPaths(t.dir).database;
    const fileHash = () => createHash('sha256').update(readFileSync(file)).digest('hex');
    const before = fileHash();
    const out = path.join(tempDir('motcua-report-'), 'report.csv');

    // The district in the seed tree used to be accepted and printed as a report of zeros.
    for (const unit of [UNIT, '000.00.99.H56']) {
      const run = capture();
      expect(await reportCommand.run(['--db', file, ...NOVEMBER, '--unit', unit, '--format', 'csv', '--out', out], run.io)).toBe(1);
      expect(run.out).toEqual([]);
      expect(run.err.join('\n')).toBe(
        `motcua report: Tệp dữ liệu của quầy không có đơn vị ${unit}: quầy chưa được đăng ký đơn vị nên không có hồ sơ của đơn vị này. Hãy lập báo cáo không chọn đơn vị, hoặc đăng ký quầy trước.\n` +
          `motcua report: The desk's data file has no unit ${unit}: the desk has not been set up with a unit, so it holds no dossiers of this unit. Report without choosing a unit, or set up the desk first.`,
      );
    }
    expect(existsSync(out)).toBe(false);
    expect(fileHash()).toBe(before);

    const whole = capture();
    expect(await reportCommand.run(['--db', file, ...NOVEMBER], whole.io)).toBe(0);
    expect((JSON.parse(whole.out.join('\n')) as Report).counts.inPeriod).toBe(0);
  });
});
