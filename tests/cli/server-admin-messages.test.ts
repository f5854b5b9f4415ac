/**
 * What `motcua server` tells the district technician: an enrolment code that ran out is said to have expired, with
 * the commands that give a new one; every command line it prints to run next names the database the technician
 * gave, so that copied as printed it acts on that one; add-unit refuses in both languages, in plain words; what each
 * administration command reports is said in Vietnamese, then in English (QA: it was English only).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { shownVnDateTime } from '../../cli/shown-time';
import { createDesk } from '../../server/admin/desks';
import { enrolmentCodeHash } from '../../server/secrets';
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
    // One line per desk: its state in Vietnamese, then in English.
    const expiredAt = shownVnDateTime(expired.expiresAt);
    const waitingUntil = shownVnDateTime(waiting.expiresAt);
    expect(lines).toContain(
      `device ${expired.deviceId}  unit ${DISTRICT}  desk 2  Quầy 2  mã đăng ký đã hết hạn lúc ${expiredAt}, chưa đăng ký / enrolment code expired ${expiredAt}, never enrolled`,
    );
    expect(lines).toContain(
      `device ${waiting.deviceId}  unit ${DISTRICT}  desk 3  Quầy 3  chờ đăng ký, mã dùng được đến ${waitingUntil} / waiting for enrolment until ${waitingUntil}`,
    );
    const advice = lines.filter((l) => !l.startsWith('device '));
    const revokeLine = `motcua server revoke-desk --db ${db} --device ${expired.deviceId}`;
    const createLine = `motcua server create-desk --db ${db} --unit ${DISTRICT} --desk 2`;
    expect(advice).toEqual([
      `Quầy số 2 của đơn vị ${DISTRICT} cần mã mới: chạy ${revokeLine} rồi ${createLine}.`,
      `Desk 2 of unit ${DISTRICT} needs a new code: ${revokeLine}, then ${createLine}.`,
    ]);
    // Copied as printed, the two commands give the desk a new code on this server.
    const [revoke, create] = printedCommands(advice[1]!);
    expect((await motcua(serverCommand, ...revoke!)).code).toBe(0);
    const created = await motcua(serverCommand, ...create!);
    expect(created.code).toBe(0);
    expect(created.out).toContain('Mã đăng ký dùng một lần:');
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
      `Chưa có quầy nào: tạo quầy bằng motcua server create-desk ${quoted} --unit CODE --desk N.\n` +
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
      /^motcua server: A commune needs --parent: the code of the district \(or province\) it belongs to, such as 000\.00\.06\.H56\. Nothing was changed\.$/m,
      /^motcua server: Xã cần có --parent: mã của huyện \(hoặc tỉnh\) mà xã trực thuộc, ví dụ 000\.00\.06\.H56\. Chưa thay đổi gì\.$/m,
    ],
    [
      'a district without --parent',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district'],
      /^motcua server: A district needs --parent: the code of the province it belongs to, such as 000\.00\.00\.H56\./m,
      /^motcua server: Huyện cần có --parent: mã của tỉnh mà huyện trực thuộc, ví dụ 000\.00\.00\.H56\./m,
    ],
    [
      'a province with --parent',
      ['--code', '000.00.00.H01', '--name', 'Tỉnh', '--level', 'province', '--parent', PROVINCE],
      /^motcua server: A province has no parent unit: leave out --parent\./m,
      /^motcua server: Tỉnh không có đơn vị cha: hãy bỏ --parent\./m,
    ],
    [
      'a level that is not one',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'huyen', '--parent', PROVINCE],
      /^motcua server: --level must be province, district or commune, not 'huyen'\./m,
      /^motcua server: --level phải là province \(tỉnh\), district \(huyện\) hoặc commune \(xã\), không phải 'huyen'\./m,
    ],
    [
      'a new unit without --level',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--parent', PROVINCE],
      /^motcua server: add-unit needs --level for a new unit: province, district or commune\./m,
      /^motcua server: add-unit cần có --level cho đơn vị mới: province \(tỉnh\), district \(huyện\) hoặc commune \(xã\)\./m,
    ],
    [
      'a code that is not one',
      ['--code', '000.00.07.H5', '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE],
      /^motcua server: --code '000\.00\.07\.H5' is not a unit code: it must look like 000\.00\.06\.H56 \(the agency identifier\)\./m,
      /^motcua server: --code '000\.00\.07\.H5' không phải mã đơn vị: mã phải có dạng 000\.00\.06\.H56 \(mã định danh cơ quan\)\./m,
    ],
    [
      'no --code',
      ['--name', 'Huyện', '--level', 'district', '--parent', PROVINCE],
      /^motcua server: add-unit needs --code: the unit's code, such as 000\.00\.06\.H56\./m,
      /^motcua server: add-unit cần có --code: mã đơn vị, ví dụ 000\.00\.06\.H56\./m,
    ],
    [
      'a parent code that is not one',
      ['--code', '000.00.07.H56', '--name', 'Huyện', '--level', 'district', '--parent', 'H56'],
      /^motcua server: --parent 'H56' is not a unit code: it must look like 000\.00\.06\.H56 \(the agency identifier\)\./m,
      /^motcua server: --parent 'H56' không phải mã đơn vị: mã phải có dạng 000\.00\.06\.H56 \(mã định danh cơ quan\)\./m,
    ],
    [
      'a name longer than the desks take',
      ['--code', '000.00.07.H56', '--name', `${'Xã '.repeat(100)}A`, '--level', 'district', '--parent', PROVINCE],
      /^motcua server: --name has 301 characters; a unit name may have at most 300 \(the desks take no longer\)\./m,
      /^motcua server: --name dài 301 ký tự; tên đơn vị tối đa 300 ký tự \(máy quầy không nhận tên dài hơn\)\./m,
    ],
    [
      'a name with markup',
      ['--code', '000.00.07.H56', '--name', 'Huyện <b>Mới</b>', '--level', 'district', '--parent', PROVINCE],
      /^motcua server: --name: The unit name holds characters that cannot be printed \(emoji, control characters or < >\)\./m,
      /^motcua server: --name: Tên đơn vị có ký tự không in được \(biểu tượng cảm xúc, ký tự điều khiển hoặc dấu < >\)\./m,
    ],
    [
      'a new unit without --name',
      ['--code', '000.00.07.H56', '--level', 'district', '--parent', PROVINCE],
      /^motcua server: add-unit needs --name: the unit's full name, such as "Huyện Thanh Hà"\./m,
      /^motcua server: add-unit cần có --name: tên đầy đủ của đơn vị, ví dụ "Huyện Thanh Hà"\./m,
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
    // Vietnamese first, as every refusal of motcua.
    expect(run.err.search(vi)).toBeLessThan(run.err.search(en));
    // Field names and zod's words are for programmers, not for the technician.
    expect(run.err).not.toMatch(/parentCode|Invalid data|Invalid option|not a valid unit/);
    const storage = await openStorage({ kind: 'sqlite', file: db });
    expect((await storage.listUnits()).map((u) => u.code).sort()).toEqual([PROVINCE, DISTRICT]);
    await storage.close();
  });
});

describe('what the administration commands report is said in Vietnamese, then in English', () => {
  const COMMUNE = '000.01.06.H56';
  const run = async (...argv: string[]) => {
    const done = await motcua(serverCommand, ...argv);
    expect(done.code, done.err).toBe(0);
    return done.out.split('\n');
  };

  it('add-unit: added, renamed, moved, already so', async () => {
    await serverWithDistrict(db);
    expect(await run('add-unit', '--db', db, '--code', COMMUNE, '--name', 'Xã', '--level', 'commune', '--parent', DISTRICT)).toEqual([
      `Đã thêm đơn vị ${COMMUNE} (Xã): cấp xã, thuộc ${DISTRICT}.`,
      `Unit ${COMMUNE} (Xã) added: a commune under ${DISTRICT}.`,
    ]);
    expect(await run('add-unit', '--db', db, '--code', COMMUNE, '--name', 'Xã Thanh An')).toEqual([
      `Đã lưu đơn vị ${COMMUNE}: tên 'Xã' → 'Xã Thanh An'.`,
      `Unit ${COMMUNE} saved: name 'Xã' → 'Xã Thanh An'.`,
    ]);
    expect(await run('add-unit', '--db', db, '--code', COMMUNE, '--name', 'Xã Thanh An', '--parent', PROVINCE, '--move')).toEqual([
      `Đã lưu đơn vị ${COMMUNE}: cấp xã, thuộc ${DISTRICT} → cấp xã, thuộc ${PROVINCE}.`,
      `Unit ${COMMUNE} saved: a commune under ${DISTRICT} → a commune under ${PROVINCE}.`,
    ]);
    expect(await run('add-unit', '--db', db, '--code', COMMUNE, '--name', 'Xã Thanh An')).toEqual([
      `Đơn vị ${COMMUNE} (Xã Thanh An) đã đúng như vậy: không có gì thay đổi.`,
      `Unit ${COMMUNE} (Xã Thanh An) is already so: nothing changed.`,
    ]);
  });

  it('create-desk, list-desks, revoke-desk and reinstate-desk', async () => {
    await serverWithDistrict(db);
    const created = await run('create-desk', '--db', db, '--unit', DISTRICT, '--desk', '2');
    const deviceId = /device (\S+)$/.exec(created[1]!)![1]!;
    const code = /enrolment code: (\S+)/.exec(created[3]!)![1]!;
    const storage = await openStorage({ kind: 'sqlite', file: db });
    const until = shownVnDateTime((await storage.device(deviceId))!.enrolExpiresAt!);
    expect(created).toEqual([
      `Quầy số 2 của đơn vị ${DISTRICT}: thiết bị ${deviceId}`,
      `Desk 2 of unit ${DISTRICT}: device ${deviceId}`,
      `Mã đăng ký dùng một lần: ${code} (dùng được đến ${until}, giờ Việt Nam)`,
      `One-time enrolment code: ${code} (valid until ${until}, Vietnam time)`,
    ]);
    expect(await storage.completeEnrolment(deviceId, enrolmentCodeHash(code), 'secret-hash', 'PC-02', '2026-11-30T08:00:00+07:00')).toBe(true);
    await storage.close();
    expect(await run('list-desks', '--db', db)).toEqual([
      `device ${deviceId}  unit ${DISTRICT}  desk 2  PC-02  đã đăng ký lúc 30/11/2026 08:00 / enrolled 30/11/2026 08:00`,
    ]);

    const revoked = await run('revoke-desk', '--db', db, '--device', deviceId);
    const createAgain = `motcua server create-desk --db ${db} --unit ${DISTRICT} --desk 2`;
    expect(revoked).toEqual([
      `Đã thu hồi thiết bị ${deviceId} (quầy số 2 của đơn vị ${DISTRICT}): thiết bị này không đồng bộ được nữa.`,
      `Device ${deviceId} (desk 2 of unit ${DISTRICT}) revoked: it can no longer sync.`,
      `Để đặt máy mới vào quầy đó: chạy ${createAgain}, rồi nhập mã nhận được trên máy mới.`,
      `To put a new PC at that desk: ${createAgain}, then enter its code on the new PC.`,
    ]);
    expect((await run('list-desks', '--db', db))[0]).toMatch(/ {2}đã thu hồi lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \/ revoked \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const again = await motcua(serverCommand, 'revoke-desk', '--db', db, '--device', deviceId);
    const [vi, en, ...more] = again.err.split('\n');
    expect(vi).toMatch(new RegExp(`^motcua server: Thiết bị ${deviceId} đã bị thu hồi lúc \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\. Chưa thay đổi gì\\.$`));
    expect(en).toMatch(new RegExp(`^motcua server: Device ${deviceId} was already revoked on \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\. Nothing was changed\\.$`));
    expect(more).toEqual([]);

    expect(await run('reinstate-desk', '--db', db, '--device', deviceId)).toEqual([
      `Đã cho thiết bị ${deviceId} (quầy số 2 của đơn vị ${DISTRICT}) đồng bộ trở lại.`,
      `Device ${deviceId} (desk 2 of unit ${DISTRICT}) reinstated: it may sync again.`,
      'Trên quầy, quản trị viên mở Đồng bộ › Đổi địa chỉ máy chủ… và lưu lại địa chỉ đang có: quầy sẽ gửi những gì còn chờ.',
      'On the desk, an administrator opens Đồng bộ › Đổi địa chỉ máy chủ… and saves the address already there: the desk then sends what waited.',
    ]);
  });

  it('lookup-address: shown, set, cleared', async () => {
    await serverWithDistrict(db);
    const PAGE = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
    const none = [
      'Chưa đặt địa chỉ tra cứu: các quầy không in địa chỉ nào, trừ khi đã đặt trong Cài đặt của quầy.',
      'No lookup address is set: desks print none unless set in their own Settings.',
    ];
    expect(await run('lookup-address', '--db', db)).toEqual(none);
    expect(await run('lookup-address', '--db', db, '--url', PAGE)).toEqual([
      `Đã đặt địa chỉ tra cứu: ${PAGE}. Các quầy in địa chỉ này trên phiếu hẹn sau lần đồng bộ tới (địa chỉ quầy tự đặt, nếu có, được ưu tiên).`,
      `Lookup address set: ${PAGE}. Desks print it on receipts after their next sync (a desk's own setting wins).`,
    ]);
    expect(await run('lookup-address', '--db', db, '--clear')).toEqual([
      'Đã bỏ địa chỉ tra cứu: các quầy không in địa chỉ nào, trừ khi đã đặt trong Cài đặt của quầy.',
      'Lookup address cleared: desks print none unless set in their own Settings.',
    ]);
  });

  it('backup and restore, with what the restore kept', async () => {
    await serverWithDistrict(db);
    const backup = path.join(path.dirname(db), 'backup.db');
    expect(await run('backup', '--db', db, '--to', backup)).toEqual([`Đã ghi bản sao lưu: ${backup}`, `Backup written: ${backup}`]);
    await run('add-unit', '--db', db, '--code', COMMUNE, '--name', 'Xã', '--level', 'commune', '--parent', DISTRICT);
    const restored = await run('restore', '--db', db, '--from', backup);
    const epoch = /New epoch (\S+):/.exec(restored[1]!)![1]!;
    const keptAs = /kept as (\S+);/.exec(restored[3]!)![1]!;
    expect(restored).toEqual([
      `Đã khôi phục ${db} từ ${backup}. Epoch mới ${epoch}: các quầy sẽ gửi lại các sự kiện của mình và tải lại dữ liệu.`,
      `Restored ${db} from ${backup}. New epoch ${epoch}: desks will re-send their events and re-pull.`,
      `Cơ sở dữ liệu bị thay thế được giữ lại tại ${keptAs}; hãy xoá tệp này khi các quầy đã đồng bộ lại.`,
      `The database it replaced is kept as ${keptAs}; delete it once the desks have synced again.`,
      'Giữ lại từ cơ sở dữ liệu bị thay thế (tạo sau bản sao lưu): 0 quầy mới, 0 lần thu hồi, 1 thay đổi đơn vị, 0 phiên bản danh mục/lịch làm việc, ' +
        '0 người dùng máy chủ được thêm hoặc sửa, 0 hồ sơ nộp trực tuyến từ cổng dịch vụ công, 0 hồ sơ nhập từ hệ thống cũ (motcua import), 0 thay đổi do các quầy đã bị thu hồi sau đó thực hiện ' +
        '(các quầy đó không gửi lại được); việc đăng ký quầy và khoá bí mật của quầy giữ như hiện nay.',
      'Kept from the replaced database (made since the backup): 0 new desk(s), 0 revocation(s), 1 unit change(s), 0 catalog/calendar version(s), ' +
        "0 server user(s) added or changed, 0 online submission(s) from the portal, 0 dossier(s) imported from the old system (motcua import), 0 change(s) made by desks revoked since (they cannot send them again); enrolments and desk secrets are today's.",
    ]);
  });

  it('a restore over a database that cannot be read warns in Vietnamese first', async () => {
    await serverWithDistrict(db);
    const backup = path.join(path.dirname(db), 'backup.db');
    await run('backup', '--db', db, '--to', backup);
    writeFileSync(db, 'not a database any more');
    const restored = await motcua(serverCommand, 'restore', '--db', db, '--from', backup);
    expect(restored.code).toBe(0);
    expect(restored.err.split('\n')).toEqual([
      `Không lấy lại được các quầy, lần thu hồi, đơn vị, phiên bản danh mục và hồ sơ nộp trực tuyến từ cổng tạo sau bản sao lưu (không đọc được cơ sở dữ liệu bị thay thế): hãy xem motcua server list-desks --db ${db} và thu hồi lại các quầy đã thu hồi sau bản sao lưu. Các cổng đọc nguồn công bố kết quả (/publication/feed) cần đọc lại từ đầu (after=0): số thứ tự của nguồn được đánh lại từ bản sao lưu.`,
      `Desks, revocations, units, catalog versions and online submissions from the portal made since the backup could not be taken over (the replaced database could not be read): check motcua server list-desks --db ${db} and revoke again any desk revoked since the backup. Portals reading the publication feed (/publication/feed) must read it again from the start (after=0): its numbers start again from the backup's.`,
    ]);
  });

  it('the refusals of a --db that is not a server database, Vietnamese first', async () => {
    const missing = path.join(tempFolder('motcua-admin-'), 'sever.db');
    const refused = await motcua(serverCommand, 'list-desks', '--db', missing);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `motcua server: Không có cơ sở dữ liệu máy chủ tại ${missing}; hãy kiểm tra --db. Chưa tạo gì (máy chủ mới có cơ sở dữ liệu khi chạy motcua server lần đầu).\n` +
        `motcua server: No server database at ${missing}; check --db. Nothing was created (a new server gets its database the first time motcua server runs).`,
    );
  });
});
