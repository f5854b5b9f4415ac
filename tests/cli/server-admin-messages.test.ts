/**
 * What `motcua server` tells the district technician: an enrolment code that ran out is said to have expired, with
 * the commands that give a new one; every command line it prints to run next names the database the technician
 * gave, so that copied as printed it acts on that one; add-unit refuses in both languages, in plain words.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { shownVnDateTime } from '../../cli/shown-time';
import { createDesk } from '../../server/admin/desks';
import { openStorage } from '../../server/storage/open';
import { motcua } from '../support/cli';
import { tempFolder } from '../support/temp-folders';

const PROVINCE = '000.00.00.H56';
const DISTRICT = '000.00.06.H56';
const DAY_MS = 86_400_000;

let db: string;
beforeEach(async () => {
  db = path.join(tempFolder('motcua-admin-'), 'server.db');
});

/** A server database as the first `motcua server` run leaves it, with a province and one district. */
async function serverWithDistrict(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await (await openStorage({ kind: 'sqlite', file })).close();
  expect((await motcua(serverCommand, 'add-unit', '--db', file, '--code', PROVINCE, '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
  expect((await motcua(serverCommand, 'add-unit', '--db', file, '--code', DISTRICT, '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE)).code).toBe(0);
}

/** A desk whose code was made `daysAgo` days ago (codes are good for a week). */
async function deskMadeDaysAgo(daysAgo: number, deskNumber: number) {
  const storage = await openStorage({ kind: 'sqlite', file: db });
  try {
    return await createDesk(storage, { unitCode: DISTRICT, deskNumber }, new Date(Date.now() - daysAgo * DAY_MS));
  } finally {
    await storage.close();
  }
}

/** "…: motcua server A …, then motcua server B …." as the argument lists of A and B (test paths need no quoting). */
const printedCommands = (advice: string) =>
  advice
    .slice(advice.indexOf(': ') + 2)
    .replace(/\.$/, '')
    .split(', then ')
    .map((line) => line.replace(/^motcua server /, '').split(' '));

describe('an enrolment code that ran out', () => {
  it('list-desks says it expired, when, and the commands that give a new one; those commands work as printed', async () => {
    await serverWithDistrict(db);
    const expired = await deskMadeDaysAgo(8, 2);
    const waiting = await deskMadeDaysAgo(1, 3);
    const listed = await motcua(serverCommand, 'list-desks', '--db', db);
    expect(listed.code).toBe(0);
    const lines = listed.out.split('\n');
    expect(lines).toContain(
      `device ${expired.deviceId}  unit ${DISTRICT}  desk 2  Quầy 2  enrolment code expired ${shownVnDateTime(expired.expiresAt)}, never enrolled`,
    );
    expect(lines).toContain(
      `device ${waiting.deviceId}  unit ${DISTRICT}  desk 3  Quầy 3  waiting for enrolment until ${shownVnDateTime(waiting.expiresAt)}`,
    );
    const advice = lines.filter((l) => !l.startsWith('device '));
    expect(advice).toEqual([
      `Desk 2 of unit ${DISTRICT} needs a new code: motcua server revoke-desk --db ${db} --device ${expired.deviceId}, then motcua server create-desk --db ${db} --unit ${DISTRICT} --desk 2.`,
    ]);
    // Copied as printed, the two commands give the desk a new code on this server.
    const [revoke, create] = printedCommands(advice[0]!);
    expect((await motcua(serverCommand, ...revoke!)).code).toBe(0);
    const created = await motcua(serverCommand, ...create!);
    expect(created.code).toBe(0);
    expect(created.out).toContain('One-time enrolment code:');
  });

  it('create-desk on that desk says the code expired (not that it is valid), in both languages', async () => {
    await serverWithDistrict(db);
    const expired = await deskMadeDaysAgo(8, 2);
    const until = shownVnDateTime(expired.expiresAt);
    const again = await motcua(serverCommand, 'create-desk', '--db', db, '--unit', DISTRICT, '--desk', '2');
    expect(again.code).toBe(1);
    expect(again.err).toContain(`already has device ${expired.deviceId}, never enrolled: its code expired on ${until}.`);
    expect(again.err).toContain(`chưa đăng ký: mã đã hết hạn lúc ${until}.`);
    expect(again.err).not.toContain('valid until');
    expect(again.err).not.toContain('dùng được đến');
    expect(again.err).toContain(`motcua server revoke-desk --db ${db} --device ${expired.deviceId}, then motcua server create-desk --db ${db} --unit ${DISTRICT} --desk 2`);
  });

  it('a code still good is still said to be valid until its time', async () => {
    await serverWithDistrict(db);
    const waiting = await deskMadeDaysAgo(1, 2);
    const again = await motcua(serverCommand, 'create-desk', '--db', db, '--unit', DISTRICT, '--desk', '2');
    expect(again.err).toContain(`never enrolled (its code is valid until ${shownVnDateTime(waiting.expiresAt)})`);
  });
});

describe('command lines printed to run next name the database given', () => {
  it('repeats a --db with spaces, quoted, in every suggestion', async () => {
    db = path.join(tempFolder('motcua-admin-'), 'district server', 'server.db');
    const quoted = `--db '${db}'`;
    await serverWithDistrict(db);
    expect((await motcua(serverCommand, 'list-desks', '--db', db)).out).toBe(
      `No desks yet: create one with motcua server create-desk ${quoted} --unit CODE --desk N.`,
    );
    const created = await motcua(serverCommand, 'create-desk', '--db', db, '--unit', DISTRICT, '--desk', '3', '--name', 'Quầy một cửa');
    const device = /device (\S+)/.exec(created.out)![1]!;
    const taken = await motcua(serverCommand, 'create-desk', '--db', db, '--unit', DISTRICT, '--desk', '3', '--name', 'Quầy một cửa');
    const createAgain = `motcua server create-desk ${quoted} --unit ${DISTRICT} --desk 3 --name 'Quầy một cửa'`;
    expect(taken.err).toContain(`For a new code: motcua server revoke-desk ${quoted} --device ${device}, then ${createAgain}.`);
    expect(taken.err).toContain(`Để lấy mã mới: chạy motcua server revoke-desk ${quoted} --device ${device} rồi ${createAgain}.`);
    const unknown = await motcua(serverCommand, 'revoke-desk', '--db', db, '--device', 'khong-co');
    expect(unknown.err).toContain(`No device khong-co on this server; motcua server list-desks ${quoted} shows the device ids.`);
    expect(unknown.err).toContain(`lệnh motcua server list-desks ${quoted} liệt kê mã thiết bị`);
    const revoked = await motcua(serverCommand, 'revoke-desk', '--db', db, '--device', device);
    expect(revoked.out).toContain(`To put a new PC at that desk: motcua server create-desk ${quoted} --unit ${DISTRICT} --desk 3, then enter its code on the new PC.`);
  });

  it('repeats a --pg URL, quoted when the shell would read it otherwise, and adds none when none was given', async () => {
    const url = 'postgresql://motcua@10.0.0.5:5432/motcua?sslmode=require';
    const withPg = await motcua(serverCommand, 'revoke-desk', '--pg', url);
    expect(withPg.err).toContain(`the id after "device" in motcua server list-desks --pg '${url}' (the HTTP API calls it id).`);
    const plain = await motcua(serverCommand, 'reinstate-desk');
    expect(plain.err).toContain('the id after "device" in motcua server list-desks.');
    // A password in the URL is not printed back: what is printed ends up in logs and scroll-back.
    const secret = await motcua(serverCommand, 'revoke-desk', '--pg', 'postgresql://motcua:M4tKhau-bi-mat@10.0.0.5:5432/motcua');
    expect(secret.err).toContain('motcua server list-desks --pg postgresql://motcua:PASSWORD@10.0.0.5:5432/motcua');
    expect(secret.err + secret.out).not.toContain('M4tKhau-bi-mat');
  });
});

describe('add-unit refusals are in both languages and plain words', () => {
  const refusals: [string, string[], RegExp, RegExp][] = [
    [
      'a commune without --parent',
      ['--code', '000.01.06.H56', '--name', 'Xã', '--level', 'commune'],
      /^A commune needs --parent: the code of the district \(or province\) it belongs to, such as 000\.00\.06\.H56\. Nothing was changed\.$/m,
      /^Xã cần có --parent: mã của huyện \(hoặc tỉnh\) mà xã trực thuộc, ví dụ 000\.00\.06\.H56\. Chưa thay đổi gì\.$/m,
    ],
    [
      'a district without --parent',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district'],
      /^A district needs --parent: the code of the province it belongs to, such as 000\.00\.00\.H56\./m,
      /^Huyện cần có --parent: mã của tỉnh mà huyện trực thuộc, ví dụ 000\.00\.00\.H56\./m,
    ],
    [
      'a province with --parent',
      ['--code', '000.00.00.H01', '--name', 'Tỉnh', '--level', 'province', '--parent', PROVINCE],
      /^A province has no parent unit: leave out --parent\./m,
      /^Tỉnh không có đơn vị cha: hãy bỏ --parent\./m,
    ],
    [
      'a level that is not one',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'huyen', '--parent', PROVINCE],
      /^--level must be province, district or commune, not 'huyen'\./m,
      /^--level phải là province \(tỉnh\), district \(huyện\) hoặc commune \(xã\), không phải 'huyen'\./m,
    ],
    [
      'a new unit without --level',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--parent', PROVINCE],
      /^add-unit needs --level for a new unit: province, district or commune\./m,
      /^add-unit cần có --level cho đơn vị mới: province \(tỉnh\), district \(huyện\) hoặc commune \(xã\)\./m,
    ],
    [
      'a code that is not one',
      ['--code', '000.00.07.H5', '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE],
      /^--code '000\.00\.07\.H5' is not a unit code: it must look like 000\.00\.06\.H56 \(the agency identifier\)\./m,
      /^--code '000\.00\.07\.H5' không phải mã đơn vị: mã phải có dạng 000\.00\.06\.H56 \(mã định danh cơ quan\)\./m,
    ],
    [
      'no --code',
      ['--name', 'Huyện', '--level', 'district', '--parent', PROVINCE],
      /^add-unit needs --code: the unit's code, such as 000\.00\.06\.H56\./m,
      /^add-unit cần có --code: mã đơn vị, ví dụ 000\.00\.06\.H56\./m,
    ],
    [
      'a parent code that is not one',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district', '--parent', 'H56'],
      /^--parent 'H56' is not a unit code: it must look like 000\.00\.06\.H56 \(the agency identifier\)\./m,
      /^--parent 'H56' không phải mã đơn vị: mã phải có dạng 000\.00\.06\.H56 \(mã định danh cơ quan\)\./m,
    ],
    [
      'a name longer than the desks take',
      ['--code', '000.00.07.H56', '--name', `${'Xã '.repeat(100)}A`, '--level', 'district', '--parent', PROVINCE],
      /^--name has 301 characters; a unit name may have at most 300 \(the desks take no longer\)\./m,
      /^--name dài 301 ký tự; tên đơn vị tối đa 300 ký tự \(máy quầy không nhận tên dài hơn\)\./m,
    ],
    [
      'a new unit without --name',
      ['--code', '000.00.07.H56', '--level', 'district', '--parent', PROVINCE],
      /^add-unit needs --name: the unit's full name, such as "Huyện Thanh Hà"\./m,
      /^add-unit cần có --name: tên đầy đủ của đơn vị, ví dụ "Huyện Thanh Hà"\./m,
    ],
    [
      'a parent the server does not have',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H99'],
      /^motcua server: The parent unit 000\.00\.00\.H99 is not on this server: add it first \(units go in from the top\), or check the parent code\./m,
      /^motcua server: Chưa có đơn vị cha 000\.00\.00\.H99 trên máy chủ: hãy thêm đơn vị đó trước \(thêm từ cấp trên xuống\), hoặc kiểm tra lại mã đơn vị cha\./m,
    ],
    [
      'a parent that does not stand above the unit',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district', '--parent', DISTRICT],
      /^motcua server: The parent unit 000\.00\.06\.H56 is a district; a district's parent must be a province\./m,
      /^motcua server: Đơn vị cha 000\.00\.06\.H56 là cấp huyện; đơn vị cha của một huyện phải là cấp tỉnh\./m,
    ],
  ];

  it.each(refusals)('%s', async (_, argv, en, vi) => {
    await serverWithDistrict(db);
    const run = await motcua(serverCommand, 'add-unit', '--db', db, ...argv);
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(en);
    expect(run.err).toMatch(vi);
    // Field names and zod's words are for programmers, not for the technician.
    expect(run.err).not.toMatch(/parentCode|Invalid data|Invalid option|not a valid unit/);
    const storage = await openStorage({ kind: 'sqlite', file: db });
    expect((await storage.listUnits()).map((u) => u.code).sort()).toEqual([PROVINCE, DISTRICT]);
    await storage.close();
  });
});
