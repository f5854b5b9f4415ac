/**
 * QA: `motcua server create-desk --unit 000.01.06.H56 --desk 10` said "needs --unit CODE and --desk N (1–9)" though
 * both were given, and `reinstate-desk` on a desk that is not revoked, or revoked before it ever enrolled, said only
 * "There is no enrolled, revoked desk device with this id.". Each refusal now names the value that is wrong and why,
 * or the desk's case, that nothing was changed, and the command that is the way out (docs/operator.md).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../cli/command';
import { serverCommand } from '../../cli/commands/server';
import { shownVnDateTime } from '../../cli/shown-time';
import { enrolmentCodeHash } from '../../server/secrets';
import { openStorage } from '../../server/storage/open';
import { motcua } from '../support/cli';
import { tempFolder } from '../support/temp-folders';

const PROVINCE = '000.00.00.H56';
const DISTRICT = '000.00.06.H56';

let db: string;
beforeEach(async () => {
  db = path.join(tempFolder('motcua-desk-refusals-'), 'server.db');
  mkdirSync(path.dirname(db), { recursive: true });
  await (await openStorage({ kind: 'sqlite', file: db })).close();
  expect((await motcua(serverCommand, 'add-unit', '--db', db, '--code', PROVINCE, '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
  expect((await motcua(serverCommand, 'add-unit', '--db', db, '--code', DISTRICT, '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE)).code).toBe(0);
});

const server = (...argv: string[]) => motcua(serverCommand, ...argv);
const deviceOf = (out: string) => /device (\S+)/.exec(out)![1]!;

describe('create-desk names the option that is wrong', () => {
  const deskNumber = (text: string) => [
    `motcua server: --desk phải là số nguyên từ 1 đến 9, không phải '${text}': mỗi quầy cấp số hồ sơ trong ngày theo số quầy (quầy 1: 1001–1999, …, quầy 9: 9001–9999).`,
    `motcua server: --desk must be a whole number from 1 to 9, not '${text}': each desk numbers a day's dossiers by its desk number (desk 1: 1001–1999, …, desk 9: 9001–9999).`,
  ];

  it.each([['0'], ['10'], ['ba'], ['2.5']])('--desk %s: the number, and why 1 to 9', async (text) => {
    const run = await server('create-desk', '--db', db, '--unit', DISTRICT, '--desk', text);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.err.split('\n')).toEqual(deskNumber(text));
    expect((await server('list-desks', '--db', db)).out).toMatch(/^Chưa có quầy nào/);
  });

  it('--unit in small letters: the code, and the capital it needs', async () => {
    const run = await server('create-desk', '--db', db, '--unit', '000.01.06.h56', '--desk', '3');
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.err.split('\n')).toEqual([
      "motcua server: --unit '000.01.06.h56' không phải mã đơn vị: mã phải có dạng 000.00.06.H56 (mã định danh cơ quan), chữ cái viết hoa: 000.01.06.H56.",
      "motcua server: --unit '000.01.06.h56' is not a unit code: it must look like 000.00.06.H56 (the agency identifier), its letter a capital: 000.01.06.H56.",
    ]);
  });

  it('both wrong: both said; one missing: only that one asked for', async () => {
    const both = await server('create-desk', '--db', db, '--unit', 'H56', '--desk', '10');
    expect(both.err.split('\n')[1]).toBe(
      "motcua server: --unit 'H56' is not a unit code: it must look like 000.00.06.H56 (the agency identifier). --desk must be a whole number from 1 to 9, not '10': each desk numbers a day's dossiers by its desk number (desk 1: 1001–1999, …, desk 9: 9001–9999).",
    );
    const noDesk = await server('create-desk', '--db', db, '--unit', DISTRICT);
    expect(noDesk.err.split('\n')).toEqual([
      'motcua server: create-desk cần có --desk N: số quầy trong đơn vị, từ 1 đến 9.',
      "motcua server: create-desk needs --desk N: the desk's number within its unit, 1 to 9.",
    ]);
    const noUnit = await server('create-desk', '--db', db, '--desk', '3');
    expect(noUnit.err.split('\n')[1]).toBe("motcua server: create-desk needs --unit CODE: the desk's unit, such as 000.01.06.H56.");
    expect((await server('create-desk', '--db', db, '--unit', DISTRICT, '--desk', '3')).code).toBe(0);
  });
});

describe('reinstate-desk says which case it is', () => {
  it('a desk not revoked: there is nothing to reinstate', async () => {
    const deviceId = deviceOf((await server('create-desk', '--db', db, '--unit', DISTRICT, '--desk', '2')).out);
    const storage = await openStorage({ kind: 'sqlite', file: db });
    const device = (await storage.device(deviceId))!;
    await storage.close();
    const waiting = await server('reinstate-desk', '--db', db, '--device', deviceId);
    expect(waiting.code).toBe(1);
    const until = shownVnDateTime(device.enrolExpiresAt!);
    expect(waiting.err.split('\n')).toEqual([
      `motcua server: Thiết bị ${deviceId} (quầy số 2 của đơn vị ${DISTRICT}) chưa bị thu hồi (chờ đăng ký, mã dùng được đến ${until}): không có gì để khôi phục. Chưa thay đổi gì.`,
      `motcua server: Device ${deviceId} (desk 2 of unit ${DISTRICT}) is not revoked (waiting for enrolment until ${until}): there is nothing to reinstate. Nothing was changed.`,
    ]);
  });

  it('an enrolled desk at work: not revoked, with when it enrolled', async () => {
    const created = (await server('create-desk', '--db', db, '--unit', DISTRICT, '--desk', '2')).out;
    const deviceId = deviceOf(created);
    const code = /enrolment code: (\S+)/.exec(created)![1]!;
    const storage = await openStorage({ kind: 'sqlite', file: db });
    expect(await storage.completeEnrolment(deviceId, enrolmentCodeHash(code), 'secret-hash', 'PC-02', '2026-11-30T08:00:00+07:00')).toBe(true);
    await storage.close();
    const active = await server('reinstate-desk', '--db', db, '--device', deviceId);
    expect(active.code).toBe(1);
    expect(active.err.split('\n')).toEqual([
      `motcua server: Thiết bị ${deviceId} (quầy số 2 của đơn vị ${DISTRICT}) chưa bị thu hồi (đã đăng ký lúc 30/11/2026 08:00): không có gì để khôi phục. Chưa thay đổi gì.`,
      `motcua server: Device ${deviceId} (desk 2 of unit ${DISTRICT}) is not revoked (enrolled 30/11/2026 08:00): there is nothing to reinstate. Nothing was changed.`,
    ]);
  });

  it('a desk revoked before it ever enrolled: nothing to send, create-desk gives a new code, and that command works', async () => {
    const deviceId = deviceOf((await server('create-desk', '--db', db, '--unit', DISTRICT, '--desk', '3')).out);
    expect((await server('revoke-desk', '--db', db, '--device', deviceId)).code).toBe(0);
    const storage = await openStorage({ kind: 'sqlite', file: db });
    const at = shownVnDateTime((await storage.device(deviceId))!.revokedAt!);
    await storage.close();
    const refused = await server('reinstate-desk', '--db', db, '--device', deviceId);
    expect(refused.code).toBe(1);
    const create = `motcua server create-desk --db ${db} --unit ${DISTRICT} --desk 3`;
    expect(refused.err.split('\n')).toEqual([
      `motcua server: Thiết bị ${deviceId} (quầy số 3 của đơn vị ${DISTRICT}) bị thu hồi lúc ${at} khi chưa đăng ký lần nào: không có gì để gửi lên, nên không cần khôi phục. Để đặt máy vào quầy đó, hãy chạy ${create} rồi nhập mã mới trên máy. Chưa thay đổi gì.`,
      `motcua server: Device ${deviceId} (desk 3 of unit ${DISTRICT}) was revoked on ${at} before it ever enrolled: it has nothing to send, so there is nothing to reinstate. To put a PC at that desk, run ${create}, then enter the new code on that PC. Nothing was changed.`,
    ]);
    expect((await server('list-desks', '--db', db)).out).toMatch(new RegExp(`^device ${deviceId} .*revoked `));
    const again = await server(...create.split(' ').slice(2));
    expect(again.code).toBe(0);
    expect(deviceOf(again.out)).not.toBe(deviceId);
  });

  it('a device the server does not have', async () => {
    const unknown = await server('reinstate-desk', '--db', db, '--device', 'khong-co');
    expect(unknown.code).toBe(1);
    expect(unknown.err.split('\n')).toEqual([
      `motcua server: Máy chủ không có thiết bị khong-co; lệnh motcua server list-desks --db ${db} liệt kê mã thiết bị. Chưa thay đổi gì.`,
      `motcua server: No device khong-co on this server; motcua server list-desks --db ${db} shows the device ids. Nothing was changed.`,
    ]);
  });
});
