/**
 * `motcua verify` is read by a district technician, as `motcua backup` is: every line it prints is said in Vietnamese,
 * then in English (QA: it spoke English only, errors included).
 */
import { closeSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../cli/commands/verify';
import { openDatabase } from '../../electron/desk/db/open-database';
import { makeTestDesk, receiveDossier, tempDir, type TestDesk } from '../desk/helpers';

let t: TestDesk | undefined;
afterEach(() => t?.cleanup());

async function verify(dataDir: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await verifyCommand.run(['--data-dir', dataDir], {
    out: (l) => void out.push(l),
    err: (l) => void err.push(l),
  });
  return { code, out, err };
}

/** Letters only Vietnamese has: a line holding none of them is not Vietnamese. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

/** Each message is a Vietnamese line followed by its English line. */
function expectVietnameseThenEnglish(lines: string[], en: RegExp, vi: RegExp): void {
  const at = lines.findIndex((l) => en.test(l));
  expect(at, `English line ${en} in:\n${lines.join('\n')}`).toBeGreaterThan(0);
  expect(lines[at - 1]).toMatch(vi);
  expect(lines[at - 1]).toMatch(VIETNAMESE);
  expect(lines[at]).not.toMatch(VIETNAMESE);
}

describe('motcua verify speaks Vietnamese, then English', () => {
  it('on a sound desk', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    const deviceId = t.desk.identity()!.deviceId;
    t.desk.close();
    const run = await verify(t.dir);
    expect(run.code).toBe(0);
    expectVietnameseThenEnglish(
      run.out,
      new RegExp(`^device ${deviceId}: \\d+ event\\(s\\), chain sound$`),
      new RegExp(`^Thiết bị ${deviceId}: \\d+ sự kiện, chuỗi nguyên vẹn`),
    );
    expectVietnameseThenEnglish(
      run.out,
      /^OK: database integrity sound; 1 device chain\(s\) verified\.$/,
      /^Dữ liệu nguyên vẹn; đã kiểm tra chuỗi sự kiện của 1 thiết bị/,
    );
  });

  it('on a broken hash chain: the event, the device, and how to get a sound copy back', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    t.desk.close();
    const db = openDatabase({ file: path.join(t.dir, 'desk.sqlite') });
    const victim = db.prepare('SELECT id, device_id FROM events LIMIT 1').get() as {
      id: string;
      device_id: string;
    };
    db.prepare('UPDATE events SET device_time = ? WHERE id = ?').run('2020-01-01T00:00:00+07:00', victim.id);
    db.close();

    const run = await verify(t.dir);
    expect(run.code).toBe(1);
    expectVietnameseThenEnglish(
      run.err,
      /^BROKEN hash chain: device /,
      new RegExp(`^Chuỗi sự kiện bị hỏng: thiết bị ${victim.device_id}, .*sự kiện ${victim.id}.*bị sửa`),
    );
    expectVietnameseThenEnglish(
      run.err,
      /^Restore the latest backup: /,
      new RegExp(`^Hãy khôi phục bản sao lưu gần nhất: motcua backup list --data-dir ${t.dir}`),
    );
  });

  it('on a file that is not a database', async () => {
    t = await makeTestDesk();
    t.desk.close();
    writeFileSync(path.join(t.dir, 'desk.sqlite'), Buffer.alloc(8192, 0x41));
    const run = await verify(t.dir);
    expect(run.code).toBe(1);
    expectVietnameseThenEnglish(
      run.err,
      /^Cannot read .*desk\.sqlite: /,
      /^Không đọc được .*desk\.sqlite: tệp bị hỏng hoặc không phải cơ sở dữ liệu của quầy/,
    );
    expectVietnameseThenEnglish(
      run.err,
      /^Restore the latest backup: /,
      /^Hãy khôi phục bản sao lưu gần nhất: /,
    );
    // SQLite's own English stays on the English line.
    expect(run.err.filter((l) => /file is not a database/.test(l)).every((l) => !VIETNAMESE.test(l))).toBe(
      true,
    );
  });

  it('on a folder without a desk database: only that it is missing', async () => {
    const empty = tempDir();
    const run = await verify(empty);
    expect(run.code).toBe(1);
    expect(run.err).toEqual([
      `Thư mục ${empty} không có cơ sở dữ liệu của quầy (${path.join(empty, 'desk.sqlite')}); hãy kiểm tra --data-dir.`,
      `Cannot read ${path.join(empty, 'desk.sqlite')}: no desk database in this folder`,
    ]);
  });

  it('on a database whose integrity check fails', async () => {
    t = await makeTestDesk();
    await receiveDossier(t);
    t.desk.close();
    const file = path.join(t.dir, 'desk.sqlite');
    const db = openDatabase({ file });
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const index = db
      .prepare(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' ORDER BY rootpage LIMIT 1",
      )
      .get() as { rootpage: number };
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // A disk that flipped bits in an index page: the file opens, SQLite's integrity check finds the damage.
    const fd = openSync(file, 'r+');
    const page = Buffer.alloc(pageSize);
    const offset = (index.rootpage - 1) * pageSize;
    readSync(fd, page, 0, pageSize, offset);
    for (let i = pageSize - 60; i < pageSize - 20; i++) page[i] = page[i]! ^ 0x01;
    writeSync(fd, page, 0, pageSize, offset);
    closeSync(fd);

    const run = await verify(t.dir);
    expect(run.code).toBe(1);
    expectVietnameseThenEnglish(
      run.err,
      /^Database integrity check FAILED for .*desk\.sqlite:$/,
      /^Kiểm tra toàn vẹn dữ liệu không đạt: .*desk\.sqlite bị hỏng/,
    );
    expectVietnameseThenEnglish(
      run.err,
      /^Restore the latest backup: /,
      /^Hãy khôi phục bản sao lưu gần nhất: /,
    );
  });
});
