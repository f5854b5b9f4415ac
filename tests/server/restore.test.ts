/**
 * `motcua server`: administration from the command line, and a restore from an older backup — the epoch
 * changes, desks re-send everything, the server keeps each event once and takes back what the backup lacked.
 */
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import { importCommand } from '../../cli/commands/import';
import { reportCommand } from '../../cli/commands/report';
import type { Report } from '../../shared/reports/report';
import { importLine } from '../import/import-lines';
import type { CliIo } from '../../cli/command';
import { createServer } from '../../server/app';
import { openStorage } from '../../server/storage/open';
import { enrolmentCodeHash } from '../../server/secrets';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import type { FastifyInstance } from 'fastify';
import { startServerProcess } from './server-process';
import { addUnitTree, ADMIN_TOKEN, CITIZEN, COMMUNE_A, DISTRICT, PORTAL_TOKEN, PROVINCE, portalSubmission, protocolHeaders, SimDesk } from './support';
import {
  expectStoredExactlyOnce,
  makeSyncDesk,
  ordinaryProcedure,
  receive,
  startSyncServer,
  syncAll,
} from '../sync/support/harness';

let dir: string;
let db: string;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
  db = path.join(dir, 'server.db');
  await newServerDatabase(db);
});

/** What the first `motcua server` run makes: the administration commands never make a database themselves. */
async function newServerDatabase(file: string): Promise<void> {
  await (await openStorage({ kind: 'sqlite', file })).close();
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l) };
  const code = await serverCommand.run(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The restored server on the port the desks were enrolled at (they find it again at the same address). */
async function serveRestored(port: number) {
  const storage = await openStorage({ kind: 'sqlite', file: db });
  const app = await createServer({ storage, adminToken: ADMIN_TOKEN, portalToken: PORTAL_TOKEN, logger: false });
  onTestFinished(async () => {
    await app.close();
    await storage.close();
  });
  await app.listen({ port, host: '127.0.0.1' });
  return { storage, app };
}

async function withApp<T>(work: (app: Awaited<ReturnType<typeof createServer>>) => Promise<T>): Promise<T> {
  const storage = await openStorage({ kind: 'sqlite', file: db });
  const app = await createServer({ storage, adminToken: ADMIN_TOKEN, logger: false });
  try {
    return await work(app);
  } finally {
    await app.close();
    await storage.close();
  }
}

describe('motcua server administration', () => {
  it('adds units and creates a desk whose printed code enrols', async () => {
    expect(
      (
        await cli(
          'add-unit',
          '--db',
          db,
          '--code',
          PROVINCE,
          '--name',
          'Tỉnh Hải Dương',
          '--level',
          'province',
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await cli(
          'add-unit',
          '--db',
          db,
          '--code',
          DISTRICT,
          '--name',
          'Huyện Thanh Hà',
          '--level',
          'district',
          '--parent',
          PROVINCE,
        )
      ).code,
    ).toBe(0);
    expect(
      (
        await cli(
          'add-unit',
          '--db',
          db,
          '--code',
          COMMUNE_A,
          '--name',
          'Xã Thanh An',
          '--level',
          'commune',
          '--parent',
          DISTRICT,
        )
      ).code,
    ).toBe(0);
    const created = await cli('create-desk', '--db', db, '--unit', COMMUNE_A, '--desk', '2');
    expect(created.code).toBe(0);
    const code = /enrolment code: (\S+)/.exec(created.out)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await withApp(async (app) => {
      const res = await app.inject({
        method: 'POST',
        url: '/v1/enrol',
        headers: protocolHeaders,
        payload: { code },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ unitCode: COMMUNE_A, deskNumber: 2 });
    });
  });

  it('explains its mistakes in plain words and changes nothing', async () => {
    // The option that is wrong, not both asked for again (QA).
    await expect(cli('create-desk', '--db', db, '--unit', 'nowhere', '--desk', '2')).rejects.toThrow(
      /^--unit 'nowhere' is not a unit code: it must look like 000\.00\.06\.H56/,
    );
    await cli('add-unit', '--db', db, '--code', PROVINCE, '--name', 'Tỉnh', '--level', 'province');
    const unknownUnit = await cli('create-desk', '--db', db, '--unit', COMMUNE_A, '--desk', '2');
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.err).toContain('add the unit first');
    await expect(cli('frobnicate', '--db', db)).rejects.toThrow(/unknown action/);
    const notABackup = path.join(dir, 'notes.txt');
    writeFileSync(notABackup, 'hello');
    const refused = await cli('restore', '--db', db, '--from', notABackup);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('not a MotCua server database');
  });
});

async function unitCodes(): Promise<string[]> {
  const storage = await openStorage({ kind: 'sqlite', file: db });
  try {
    return (await storage.listUnits()).map((u) => u.code).sort();
  } finally {
    await storage.close();
  }
}

describe('motcua server add-unit', () => {
  it('refuses a parent unit the server does not have (a typo would leave an orphan unit), as the HTTP API does', async () => {
    expect((await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
    const typo = await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.99.H56');
    expect(typo.code).toBe(1);
    expect(typo.err).toContain('000.00.99.H56');
    expect(typo.err).toMatch(/Chưa có đơn vị cha/);
    expect(await unitCodes()).toEqual(['000.00.00.H56']);
    const right = await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    expect(right.code).toBe(0);
    expect(await unitCodes()).toEqual(['000.00.00.H56', '000.00.06.H56']);
  });

  it('refuses a parent that does not stand above the unit, and a level change that would put a unit under its own', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    await cli('add-unit', '--db', db, '--code', '000.01.06.H56', '--name', 'Xã', '--level', 'commune', '--parent', '000.00.06.H56');
    const units = async () => {
      const storage = await openStorage({ kind: 'sqlite', file: db });
      try {
        return (await storage.listUnits()).map((u) => `${u.code} ${u.level} ${u.parentCode ?? '-'}`).sort();
      } finally {
        await storage.close();
      }
    };
    const before = await units();
    // The province filed as a district under its own district: the tree would have no top.
    const loop = await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'district', '--parent', '000.00.06.H56', '--move');
    expect(loop.code).toBe(1);
    expect(loop.err).toContain("The parent unit 000.00.06.H56 is a district; a district's parent must be a province.");
    expect(loop.err).toContain('Đơn vị cha 000.00.06.H56 là cấp huyện; đơn vị cha của một huyện phải là cấp tỉnh.');
    // The district made a commune while a commune stands under it.
    const demoted = await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'commune', '--parent', '000.00.00.H56', '--move');
    expect(demoted.code).toBe(1);
    expect(demoted.err).toContain('The unit 000.00.06.H56 has 000.01.06.H56 (a commune) under it, so it cannot become a commune.');
    expect(await units()).toEqual(before);
    // Renaming keeps working.
    expect((await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện Thanh Hà', '--level', 'district', '--parent', '000.00.00.H56')).code).toBe(0);
  });

  it('says why a district without --parent is refused, not only the field name', async () => {
    const refused = await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('A district needs --parent: the code of the province it belongs to');
  });
});

describe('motcua server list-desks', () => {
  it('lists each desk with the device id revoke-desk takes, and its state', async () => {
    expect((await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
    expect((await cli('list-desks', '--db', db)).out).toBe(
      `Chưa có quầy nào: tạo quầy bằng motcua server create-desk --db ${db} --unit CODE --desk N.\n` +
        `No desks yet: create one with motcua server create-desk --db ${db} --unit CODE --desk N.`,
    );
    expect((await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56')).code).toBe(0);
    const created = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '2');
    const deviceId = /device (\S+)/.exec(created.out)![1]!;
    const listed = await cli('list-desks', '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^device ${deviceId}  unit 000.00.06.H56  desk 2  .*  chờ đăng ký, mã dùng được đến .* / waiting for enrolment until `));
    expect((await cli('revoke-desk', '--db', db, '--device', deviceId)).code).toBe(0);
    expect((await cli('list-desks', '--db', db)).out).toMatch(new RegExp(`^device ${deviceId} .*  đã thu hồi lúc .* / revoked `));
  });

  it('prints times as a district administrator reads them: dd/mm/yyyy HH:mm, Vietnam time, no ISO', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    const created = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '2');
    const storage = await openStorage({ kind: 'sqlite', file: db });
    const stored = (await storage.listDevices())[0]!.enrolExpiresAt!;
    await storage.close();
    // The stored instant is written in +07:00, so its Vietnam wall clock is its own digits.
    const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(stored)!;
    const shown = `${d}/${mo}/${y} ${h}:${mi}`;
    expect(created.out).toContain(`(dùng được đến ${shown}, giờ Việt Nam)`);
    expect(created.out).toContain(`(valid until ${shown}, Vietnam time)`);
    const listed = await cli('list-desks', '--db', db);
    expect(listed.out).toMatch(new RegExp(`waiting for enrolment until ${shown}$`));
    expect(`${created.out}\n${listed.out}`).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('add-unit refuses a name longer than the desks take (300 characters), saying so, and stores nothing', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    const long = `${'Xã '.repeat(100)}A`; // 301 characters
    const refused = await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', long, '--level', 'district', '--parent', '000.00.00.H56');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--name has 301 characters; a unit name may have at most 300');
    const storage = await openStorage({ kind: 'sqlite', file: db });
    expect(await storage.unit('000.00.06.H56')).toBeUndefined();
    await storage.close();
  });

  it('revoke-desk says in both languages that a device id is unknown or already revoked, and exits 1', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    const deviceId = /device (\S+)/.exec((await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '2')).out)![1]!;
    const unknown = await cli('revoke-desk', '--db', db, '--device', 'khong-co');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain(`No device khong-co on this server; motcua server list-desks --db ${db} shows the device ids`);
    expect(unknown.err).toContain('Máy chủ không có thiết bị khong-co');
    expect((await cli('revoke-desk', '--db', db, '--device', deviceId)).code).toBe(0);
    const again = await cli('revoke-desk', '--db', db, '--device', deviceId);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(new RegExp(`Device ${deviceId} was already revoked on \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\. Nothing was changed\\.`));
  });

  it('reinstate-desk gives a desk revoked by mistake its place back, and refuses one never enrolled, in both languages', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    const created = (await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '2')).out;
    const deviceId = /device (\S+)/.exec(created)![1]!;
    const code = /enrolment code: (\S+)/.exec(created)![1]!;
    // The PC enrols (what `POST /v1/enrol` does with the code), then the desk is revoked by mistake.
    const storage = await openStorage({ kind: 'sqlite', file: db });
    expect(await storage.completeEnrolment(deviceId, enrolmentCodeHash(code), 'secret-hash', 'PC-02', '2026-11-30T08:00:00+07:00')).toBe(true);
    await storage.close();
    expect((await cli('revoke-desk', '--db', db, '--device', deviceId)).code).toBe(0);
    const back = await cli('reinstate-desk', '--db', db, '--device', deviceId);
    expect(back.code).toBe(0);
    expect(back.out).toContain(`Device ${deviceId} (desk 2 of unit 000.00.06.H56) reinstated`);
    expect((await cli('list-desks', '--db', db)).out).toMatch(new RegExp(`^device ${deviceId} .* enrolled `));
    // A desk never enrolled has nothing to send: a new code is what it needs.
    const unused = /device (\S+)/.exec((await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '3')).out)![1]!;
    await cli('revoke-desk', '--db', db, '--device', unused);
    const refused = await cli('reinstate-desk', '--db', db, '--device', unused);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`Device ${unused} (desk 3 of unit 000.00.06.H56) was revoked on `);
    expect(refused.err).toContain(`before it ever enrolled: it has nothing to send, so there is nothing to reinstate. To put a PC at that desk, run motcua server create-desk --db ${db} --unit 000.00.06.H56 --desk 3`);
    expect(refused.err).toContain('khi chưa đăng ký lần nào: không có gì để gửi lên, nên không cần khôi phục.');
  });

  it('refuses an option given twice rather than acting on the last one alone', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    const ids = [];
    for (const desk of ['1', '2']) ids.push(/device (\S+)/.exec((await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', desk)).out)![1]!);
    await expect(cli('revoke-desk', '--db', db, '--device', ids[0]!, '--device', ids[1]!)).rejects.toThrow('--device is given more than once.');
    expect((await cli('list-desks', '--db', db)).out).not.toMatch(/revoked/);
  });

  it('a mistyped --db is refused without leaving a new empty database behind', async () => {
    const typo = path.join(dir, 'sever.db');
    for (const argv of [
      ['add-unit', '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province'],
      ['backup', '--to', path.join(dir, 'b.db')],
      ['list-desks'],
      ['revoke-desk', '--device', 'x'],
      ['create-desk', '--unit', '000.00.06.H56', '--desk', '1'],
    ]) {
      const run = await cli(argv[0]!, '--db', typo, ...argv.slice(1));
      expect(run.code).toBe(1);
      expect(run.err).toContain(`No server database at ${typo}; check --db. Nothing was created (a new server gets its database the first time motcua server runs).`);
      expect(existsSync(typo)).toBe(false);
    }
  });
});

describe('motcua server: replacing a commune PC', () => {
  it('create-desk on a taken desk names the device holding it and the command to run; revoke-desk says what comes next', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56');
    const created = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '3');
    const holder = /device (\S+)/.exec(created.out)![1]!;
    // The code not used yet (or expired): a new code needs the unused device revoked first, and the message says so.
    const unused = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '3');
    expect(unused.code).toBe(1);
    expect(unused.err).toMatch(new RegExp(`already has device ${holder}, never enrolled \\(its code is valid until \\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\)\\. For a new code: motcua server revoke-desk --db ${db} --device ${holder}`));
    expect(unused.err).toContain(`đã có thiết bị ${holder}, chưa đăng ký`);
    const code = /enrolment code: (\S+)/.exec(created.out)![1]!;
    await withApp(async (app) => {
      expect((await app.inject({ method: 'POST', url: '/v1/enrol', headers: protocolHeaders, payload: { code } })).statusCode).toBe(201);
    });
    const taken = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '3');
    expect(taken.code).toBe(1);
    expect(taken.err).toContain(`Desk 3 of unit 000.00.06.H56 is held by device ${holder}.`);
    expect(taken.err).toContain(`motcua server revoke-desk --db ${db} --device ${holder}`);
    expect(taken.err).toContain(`Quầy số 3 của đơn vị 000.00.06.H56 đang thuộc thiết bị ${holder}.`);
    const revoked = await cli('revoke-desk', '--db', db, '--device', holder);
    expect(revoked.out).toContain(`Device ${holder} (desk 3 of unit 000.00.06.H56) revoked`);
    expect(revoked.out).toContain(`motcua server create-desk --db ${db} --unit 000.00.06.H56 --desk 3`);
    expect((await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '3')).code).toBe(0);
  });
});

describe('motcua server backup', () => {
  it('refuses to write over an existing file (an older backup, or the live database) and leaves it as it was', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    const other = path.join(dir, 'other.db');
    await newServerDatabase(other);
    await cli('add-unit', '--db', other, '--code', '000.00.00.H01', '--name', 'Thành phố Hà Nội', '--level', 'province');
    const before = readFileSync(other);
    for (const to of [other, db]) {
      const run = await cli('backup', '--db', db, '--to', to);
      expect(run.code).toBe(1);
      expect(run.err).toContain(`${to} already exists; give the backup a new file name. Nothing was written.`);
    }
    expect(readFileSync(other).equals(before)).toBe(true);
    expect((await cli('backup', '--db', db, '--to', path.join(dir, 'new.db'))).code).toBe(0);
  });

  it('a mistyped --db says there is no server database there, not that a file is not one, and writes nothing', async () => {
    const typo = path.join(dir, 'sever.db');
    const to = path.join(dir, 'backup.db');
    const run = await cli('backup', '--db', typo, '--to', to);
    expect(run.code).toBe(1);
    expect(run.err).toContain(`No server database at ${typo}; check --db.`);
    expect(run.err).toContain(`Không có cơ sở dữ liệu máy chủ tại ${typo}`);
    expect(existsSync(to)).toBe(false);
  });
});

describe('motcua server restore', () => {
  it('refuses while a server has the database open, and changes nothing', async () => {
    await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province');
    const backup = path.join(dir, 'backup.db');
    expect((await cli('backup', '--db', db, '--to', backup)).code).toBe(0);
    // A running server: its storage holds the file open.
    const running = await openStorage({ kind: 'sqlite', file: db });
    try {
      const epoch = await running.epoch();
      const refused = await cli('restore', '--db', db, '--from', backup);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`A server is running on ${db}: stop it first, then restore. Nothing was changed.`);
      expect(await running.epoch()).toBe(epoch);
    } finally {
      await running.close();
    }
    expect((await cli('restore', '--db', db, '--from', backup)).code).toBe(0);
  });
});

describe('motcua server restore onto a --db where no database is', () => {
  /** A backup of the test's server, with a province in it. */
  async function backupWithProvince(): Promise<string> {
    expect((await cli('add-unit', '--db', db, '--code', PROVINCE, '--name', 'Tỉnh Hải Dương', '--level', 'province')).code).toBe(0);
    const backup = path.join(dir, 'backup.db');
    expect((await cli('backup', '--db', db, '--to', backup)).code).toBe(0);
    return backup;
  }

  it('refuses a --db in a folder that does not exist (a mistyped path), in both languages, and writes nothing (QA)', async () => {
    const backup = await backupWithProvince();
    const before = readdirSync(dir).sort();
    const typo = path.join(dir, 'mistyped', 'path', 'server.db');
    const run = await cli('restore', '--db', typo, '--from', backup);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    const folder = path.dirname(typo);
    expect(run.err).toBe(
      `motcua server: Không có thư mục ${folder}; hãy kiểm tra --db (cơ sở dữ liệu đang dùng của máy chủ). Nếu đang chuyển máy chủ sang máy mới, hãy tạo thư mục đó trước rồi khôi phục lại. Chưa ghi gì.\n` +
        `motcua server: The folder ${folder} does not exist; check --db (the server's database in use). If you are moving the server to a new machine, create that folder first, then restore again. Nothing was written.`,
    );
    expect(readdirSync(dir).sort()).toEqual(before);
  });

  it('makes one from the backup in a folder that exists (a server moving to a new machine) and says plainly that none was there', async () => {
    const backup = await backupWithProvince();
    const newMachine = path.join(dir, 'new-machine');
    const target = path.join(newMachine, 'server.db');
    mkdirSync(newMachine);
    const run = await cli('restore', '--db', target, '--from', backup);
    expect(run.code).toBe(0);
    const lines = run.out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Đã khôi phục ${target} từ ${backup}\\. Epoch mới `));
    expect(lines[1]).toMatch(new RegExp(`^Restored ${target} from ${backup}\\. New epoch `));
    expect(lines.slice(2, 4)).toEqual([
      `Trước đó không có cơ sở dữ liệu nào tại ${target}: đã tạo cơ sở dữ liệu mới từ bản sao lưu. Nếu định khôi phục cơ sở dữ liệu đang dùng của máy chủ, hãy kiểm tra lại --db: cơ sở dữ liệu đó chưa thay đổi gì.`,
      `There was no database at ${target} before: a new one was made from the backup. If you meant to restore the server's database in use, check --db: that one was not changed.`,
    ]);
    // The tokens live beside the database, not in it: where to get them from, before the first run makes new ones.
    // Nothing replaced, no sequence carried: a portal that read the old machine's feed reads it again from the start.
    expect(lines[4]).toContain('hãy cho cổng đọc lại từ đầu (after=0)');
    expect(lines[5]).toContain('have the portal read it again from the start (after=0)');
    expect(lines[6]).toContain('chép server.db.admin-token và server.db.portal-token từ máy đó vào cạnh');
    expect(lines[7]).toContain(`copy server.db.admin-token and server.db.portal-token from there beside ${target} before starting the server`);
    expect(lines).toHaveLength(8);
    expect(run.err).toBe('');
    const backedUp = await openStorage({ kind: 'sqlite', file: backup });
    const portalInBackup = await backedUp.portalDeviceId();
    await backedUp.close();
    const restored = await openStorage({ kind: 'sqlite', file: target });
    try {
      expect((await restored.unit(PROVINCE))?.name).toBe('Tỉnh Hải Dương');
      // Desks may hold portal submissions made after the backup: the portal writes on under a device of its own.
      expect(await restored.portalDeviceId()).not.toBe(portalInBackup);
    } finally {
      await restored.close();
    }
    // No replaced database to keep, and nothing else left beside it.
    expect(readdirSync(newMachine)).toEqual(['server.db']);
  });

  it('names only the token files that are not there yet', async () => {
    const backup = await backupWithProvince();
    const newMachine = path.join(dir, 'new-machine');
    mkdirSync(newMachine);
    const target = path.join(newMachine, 'server.db');
    writeFileSync(`${target}.admin-token`, 'copied-from-the-old-machine\n', { mode: 0o600 });
    const run = await cli('restore', '--db', target, '--from', backup);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`copy server.db.portal-token from there beside ${target}`);
    expect(run.out).not.toContain('server.db.admin-token');
  });
});

describe('restore from an older backup', () => {
  it('gets a new epoch; the desk re-sends everything and nothing is lost or stored twice', async () => {
    await addUnitTree(cli, ['--db', db]);
    const backupFile = path.join(dir, 'server-backup.db');

    const { desk, events, oldEpoch } = await withApp(async (app) => {
      const d = await SimDesk.enrol(app, COMMUNE_A, 1);
      const all = [d.receive(), d.receive(), d.receive(), d.receive(), d.receive()];
      await d.push(all.slice(0, 3));
      expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
      await d.push(all.slice(3));
      return { desk: d, events: all, oldEpoch: d.epoch };
    });
    expect(statSync(backupFile).size).toBeGreaterThan(0);

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('New epoch');

    await withApp(async (app) => {
      const reconnected = new SimDesk(app, desk.deviceId, desk.secret, COMMUNE_A, 1);
      reconnected.epoch = oldEpoch;
      const stale = await reconnected.pullPage();
      expect(stale.statusCode).toBe(409);
      const newEpoch = stale.json().error.details.epoch;
      expect(newEpoch).not.toBe(oldEpoch);

      // The desk, seeing the new epoch, re-sends its whole log.
      reconnected.epoch = newEpoch;
      const resent = await reconnected.push(events);
      expect(resent.outcomes.map((o) => o.outcome)).toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'accepted',
        'accepted',
      ]);
      const storage = await openStorage({ kind: 'sqlite', file: db });
      expect(await storage.countEvents()).toBe(5);
      await storage.close();
    });
  });
});

describe('restore keeps what the administrator did since the backup', () => {
  it("keeps the work of a desk revoked since: another desk acting on its dossier is not held back for ever (QA)", async () => {
    await addUnitTree(cli, ['--db', db]);
    const backupFile = path.join(dir, 'server-backup.db');
    const { first, second, reception } = await withApp(async (app) => {
      const one = await SimDesk.enrol(app, COMMUNE_A, 1);
      const two = await SimDesk.enrol(app, COMMUNE_A, 2);
      expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
      // Since the backup: desk 2 receives a dossier, desk 1 pulls it, then desk 2's PC is stolen and revoked.
      const received = two.receive();
      await two.push([received]);
      expect((await one.pullAll()).map((e) => e.id)).toContain(received.id);
      expect((await cli('revoke-desk', '--db', db, '--device', two.deviceId)).code).toBe(0);
      return { first: one, second: two, reception: received };
    });

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('1 change(s) made by desks revoked since');

    await withApp(async (app) => {
      const desk = new SimDesk(app, first.deviceId, first.secret, COMMUNE_A, 1);
      desk.epoch = first.epoch;
      const stale = await desk.pullPage();
      desk.epoch = stale.json().error.details.epoch;
      // Desk 1 transfers the dossier desk 2 received: before, "retry later" (the server no longer knew the dossier),
      // and every later change of desk 1 waited behind it.
      const transfer = desk.event('dossier.transferred', { toAgency: 'Phòng Tư pháp' }, reception.dossierId, 1);
      const next = desk.receive();
      const pushed = await desk.push([transfer, next]);
      expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
      const storage = await openStorage({ kind: 'sqlite', file: db });
      try {
        expect((await storage.dossier(reception.dossierId))?.code).toBe((reception.payload as { code: string }).code);
      } finally {
        await storage.close();
      }
      const thief = new SimDesk(app, second.deviceId, second.secret, COMMUNE_A, 2);
      expect((await thief.pullPage()).json().error.code).toBe('device_revoked');
    });
  });

  it('a desk revoked since stays revoked, a desk enrolled since syncs on, and the replaced database is kept', async () => {
    await addUnitTree(cli, ['--db', db]);
    const backupFile = path.join(dir, 'server-backup.db');
    const { stolen, replacement, replacementEvents } = await withApp(async (app) => {
      const stolenDesk = await SimDesk.enrol(app, COMMUNE_A, 1);
      await stolenDesk.push([stolenDesk.receive()]);
      expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
      // Since the backup: the PC of desk 1 is stolen and revoked, a new PC takes desk 1 and receives a dossier.
      expect((await cli('revoke-desk', '--db', db, '--device', stolenDesk.deviceId)).code).toBe(0);
      const newDesk = await SimDesk.enrol(app, COMMUNE_A, 1);
      // Dossier codes go on from the stolen PC's (a desk number's codes are one sequence).
      const events = [1002, 1003].map((n) => newDesk.receive({ code: `${COMMUNE_A}-260302-${n}` }));
      await newDesk.push(events);
      return { stolen: stolenDesk, replacement: newDesk, replacementEvents: events };
    });

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    const keptAs = /kept as (\S+);/.exec(restored.out)?.[1];
    expect(keptAs).toBeDefined();
    expect(restored.out).toContain('1 new desk(s), 1 revocation(s)');
    // The kept copy is the database as it was: it still holds the new desk's two dossiers.
    const kept = await openStorage({ kind: 'sqlite', file: keptAs! });
    expect(await kept.countEvents()).toBe(3);
    await kept.close();

    await withApp(async (app) => {
      const thief = new SimDesk(app, stolen.deviceId, stolen.secret, COMMUNE_A, 1);
      const refused = await thief.pullPage();
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe('device_revoked');

      const desk = new SimDesk(app, replacement.deviceId, replacement.secret, COMMUNE_A, 1);
      desk.epoch = replacement.epoch;
      const stale = await desk.pullPage();
      expect(stale.json().error.code).toBe('epoch_changed');
      desk.epoch = stale.json().error.details.epoch;
      const resent = await desk.push(replacementEvents);
      expect(resent.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
      const storage = await openStorage({ kind: 'sqlite', file: db });
      expect(await storage.countEvents()).toBe(3);
      await storage.close();
    });
    const listed = await cli('list-desks', '--db', db);
    expect(listed.out).toMatch(new RegExp(`device ${stolen.deviceId} .* revoked `));
    expect(listed.out).toMatch(new RegExp(`device ${replacement.deviceId} .* enrolled `));
  });
});

describe('motcua server lookup-address', () => {
  const PAGE = 'https://dichvucong.haiduong.gov.vn/tra-cuu';
  it('sets, shows and clears the address desks print, refuses a bad one in both languages, and a restore keeps it', async () => {
    expect((await cli('lookup-address', '--db', db)).out).toContain('No lookup address is set');
    const set = await cli('lookup-address', '--db', db, '--url', PAGE);
    expect(set.code).toBe(0);
    expect(set.out).toContain(`Lookup address set: ${PAGE}`);
    expect((await cli('lookup-address', '--db', db)).out).toBe(`Địa chỉ tra cứu in trên phiếu hẹn: ${PAGE}\nLookup address printed on receipts: ${PAGE}`);
    await withApp(async (app) => {
      const res = await app.inject({ method: 'GET', url: '/v1/admin/lookup-address', headers: { ...protocolHeaders, authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(res.json()).toEqual({ address: PAGE });
    });

    const bad = await cli('lookup-address', '--db', db, '--url', 'https://admin:matkhau@dichvucong.haiduong.gov.vn/tra-cuu');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('must not contain a user name or password');
    expect(bad.err).toContain('không được chứa tên đăng nhập hay mật khẩu');
    expect((await cli('lookup-address', '--db', db)).out).toContain(PAGE);
    await expect(cli('lookup-address', '--db', db, '--url', PAGE, '--clear')).rejects.toThrow(/either --url ADDRESS or --clear/);
    await expect(cli('lookup-address', '--db', db, '--url', '')).rejects.toMatchObject({ en: expect.stringMatching(/^--url needs the address/), vi: expect.stringMatching(/^--url cần có địa chỉ/) });
    expect((await cli('lookup-address', '--db', db)).out).toContain(PAGE);

    // Set after the backup: the restore keeps today's address, as it keeps the units and desks made since.
    const backupFile = path.join(dir, 'before-address.db');
    expect((await cli('lookup-address', '--db', db, '--clear')).out).toContain('Lookup address cleared');
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
    await cli('lookup-address', '--db', db, '--url', PAGE);
    expect((await cli('restore', '--db', db, '--from', backupFile)).code).toBe(0);
    expect((await cli('lookup-address', '--db', db)).out).toBe(`Địa chỉ tra cứu in trên phiếu hẹn: ${PAGE}\nLookup address printed on receipts: ${PAGE}`);
  });
});

describe('restore keeps the online submissions the portal made since the backup', () => {
  it('a desk that pulled one syncs on, the next submission reaches it, and each dossier is stored once with its reference', async () => {
    // The harness seeds its units into a database of its own making.
    rmSync(db);
    const server = await startSyncServer({ file: db });
    const port = server.port;
    const desk = await makeSyncDesk(server, { unitCode: COMMUNE_A, deskNumber: 1 });
    onTestFinished(() => desk.close());
    await receive(desk, 1);
    await syncAll([desk]);
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);

    // Since the backup: a citizen submits online, and the desk pulls the dossier and receives it.
    const submit = (app: FastifyInstance, portalRef: string) => portalSubmission(app, portalRef, ordinaryProcedure.code);
    const first = await submit(server.app, 'DVC-9');
    expect(first.statusCode).toBe(201);
    const online = first.json().dossierId as string;
    await syncAll([desk]);
    const received = await desk.call('dossiers.receive', {
      dossierId: online,
      procedureCode: ordinaryProcedure.code,
      channel: 'online',
      applicant: CITIZEN,
      components: ordinaryProcedure.components.map((c) => ({ componentId: c.id, present: true })),
    });
    expect(received.ok).toBe(true);
    await syncAll([desk]);
    await server.stop();

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('1 online submission(s) from the portal');

    // The restored server, where the desk knows it (same address).
    const { storage, app } = await serveRestored(port);
    await syncAll([desk], 3);
    // The portal, asked again for the same submission, gets the same dossier back, not a second one.
    const again = await submit(app, 'DVC-9');
    expect(again.statusCode).toBe(200);
    expect(again.json().dossierId).toBe(online);
    const next = await submit(app, 'DVC-10');
    expect(next.statusCode).toBe(201);
    const status = await desk.client.syncNow();
    expect(status.errors).toEqual([]);
    expect(status.pending).toBe(0);
    expect(desk.desk.db.prepare('SELECT 1 AS x FROM dossiers WHERE id = ?').get(next.json().dossierId)).toBeDefined();
    expect(await storage.syncTransaction((tx) => tx.dossierIdByPortalRef('DVC-9'))).toBe(online);
    expect((await storage.dossier(online))?.code).toBe(received.ok ? received.value.code : undefined);
    await expectStoredExactlyOnce(storage, [desk], 2);
  });
});

describe('restore keeps the dossiers motcua import brought in since the backup', () => {
  it('the district desk that pulled one syncs on, the next import reaches it, and the report still counts it', async () => {
    rmSync(db);
    const server = await startSyncServer({ file: db });
    const port = server.port;
    const desk = await makeSyncDesk(server, { unitCode: DISTRICT, deskNumber: 1 });
    onTestFinished(() => desk.close());
    await receive(desk, 1);
    await syncAll([desk]);
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);

    // Since the backup: the technician imports the old system's dossiers, and the district desk pulls them.
    const importFile = (seq: number) => {
      const file = path.join(dir, `import-${seq}.jsonl`);
      writeFileSync(file, `${JSON.stringify(importLine({ seq }))}\n`);
      return file;
    };
    const runImport = async (seq: number) => {
      const out: string[] = [];
      const code = await importCommand.run(['--db', db, importFile(seq)], { out: (l) => void out.push(l), err: (l) => void out.push(l) });
      expect([code, out.join('\n')]).toEqual([0, expect.stringContaining('1')]);
    };
    await runImport(901);
    await syncAll([desk]);
    const imported = '000.00.06.H56-230306-0901';
    const held = () => desk.desk.db.prepare<[string], string>('SELECT id FROM dossiers WHERE code = ?').pluck().get(imported);
    expect(held()).toBeDefined();
    await server.stop();

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('1 dossier(s) imported from the old system (motcua import)');

    const { storage } = await serveRestored(port);
    expect(await storage.syncTransaction((tx) => tx.dossierIdByCode(imported))).toBe(held());
    // The next import takes the import's next numbers, not the lost ones the desk holds: the desk syncs on.
    await runImport(902);
    await syncAll([desk], 3);
    const status = await desk.client.syncNow();
    expect(status.errors).toEqual([]);
    expect(status.state).toBe('online');
    expect(desk.desk.db.prepare('SELECT 1 AS x FROM dossiers WHERE code = ?').get('000.00.06.H56-230306-0902')).toBeDefined();
    // The server's report for March 2023 counts both imported dossiers (the one carried over, and the new one).
    const report: string[] = [];
    expect(await reportCommand.run(['--db', db, '--from', '2023-03-01', '--to', '2023-03-31', '--unit', DISTRICT], { out: (l) => void report.push(l), err: (l) => void report.push(l) })).toBe(0);
    expect((JSON.parse(report.join('\n')) as Report).counts.received.total).toBe(2);
    // Every event stored once: the desk's own, and the two imports' as the desk pulled them.
    const importEvents = desk.desk.db.prepare("SELECT count(*) FROM events WHERE device_id = 'import'").pluck().get() as number;
    expect(importEvents).toBeGreaterThanOrEqual(2);
    await expectStoredExactlyOnce(storage, [desk], importEvents);
  });
});

describe('a restore carrying both an import and a revoked desk’s deed on it', () => {
  it('keeps the imported dossier’s creation before the revoked desk’s later deed, and counts the import', async () => {
    await addUnitTree(cli, ['--db', db]);
    const backupFile = path.join(dir, 'server-backup.db');
    const stolen = await withApp(async (app) => {
      const d = await SimDesk.enrol(app, DISTRICT, 1);
      await d.push([d.receive()]);
      return d;
    });
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
    const file = path.join(dir, 'import.jsonl');
    writeFileSync(file, `${JSON.stringify(importLine({ seq: 901 }))}\n`);
    const out: string[] = [];
    expect(await importCommand.run(['--db', db, file], { out: (l) => void out.push(l), err: (l) => void out.push(l) })).toBe(0);
    // The district desk pulls the imported dossier and records a withdrawal on it; then its PC is stolen.
    await withApp(async (app) => {
      const d = new SimDesk(app, stolen.deviceId, stolen.secret, DISTRICT, 1);
      d.seq = stolen.seq;
      d.lastHash = stolen.lastHash;
      d.epoch = stolen.epoch;
      const imported = (await d.pullAll()).filter((e) => e.deviceId === 'import');
      expect(imported.length).toBeGreaterThan(0);
      const pushed = await d.push([d.event('dossier.withdrawn', { reason: 'Công dân xin rút' }, imported[0]!.dossierId, imported.length)]);
      expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    });
    expect((await cli('revoke-desk', '--db', db, '--device', stolen.deviceId)).code).toBe(0);
    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain('1 dossier(s) imported from the old system');
    const check = new Database(db, { readonly: true });
    const order = check
      .prepare("SELECT device_id FROM events WHERE dossier_id = (SELECT dossier_id FROM events WHERE device_id = 'import' LIMIT 1) ORDER BY server_seq")
      .pluck()
      .all() as string[];
    check.close();
    expect(order[0]).toBe('import');
    expect(order.at(-1)).toBe(stolen.deviceId);
  });
});

describe('a restore that cannot read the database it replaces', () => {
  it("gives the portal a new device, so its next submission reaches a desk that holds the lost ones, and the desk syncs on", async () => {
    rmSync(db);
    const server = await startSyncServer({ file: db });
    const port = server.port;
    const desk = await makeSyncDesk(server, { unitCode: COMMUNE_A, deskNumber: 1 });
    onTestFinished(() => desk.close());
    const submit = (app: FastifyInstance, portalRef: string) => portalSubmission(app, portalRef, ordinaryProcedure.code);
    expect((await submit(server.app, 'DVC-1')).statusCode).toBe(201);
    await syncAll([desk]);
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
    // Since the backup the portal submitted once more, and the desk pulled it.
    expect((await submit(server.app, 'DVC-2')).statusCode).toBe(201);
    await syncAll([desk]);
    await server.stop();
    // Then the database is damaged past reading: nothing can be taken over from it.
    const damaged = readFileSync(db);
    damaged.fill(0x5a, 0, 100);
    writeFileSync(db, damaged);

    const restored = await cli('restore', '--db', db, '--from', backupFile);
    expect(restored.code).toBe(0);
    expect(restored.err).toContain('could not be taken over');

    const { app } = await serveRestored(port);
    const third = await submit(app, 'DVC-3');
    expect(third.statusCode).toBe(201);
    // Before, the third submission took the portal's second sequence number again: the desk, holding the second
    // submission there, could store nothing more from the server and said so at every attempt.
    await syncAll([desk], 3);
    const status = await desk.client.syncNow();
    expect(status.errors).toEqual([]);
    expect(desk.desk.db.prepare('SELECT 1 AS x FROM dossiers WHERE id = ?').get(third.json().dossierId)).toBeDefined();
  });
});

describe('a restore whose carry fails', () => {
  it('leaves the database as it was, says so in both languages, and exits 1', async () => {
    await cli('add-unit', '--db', db, '--code', PROVINCE, '--name', 'Tỉnh', '--level', 'province');
    const backupFile = path.join(dir, 'server-backup.db');
    expect((await cli('backup', '--db', db, '--to', backupFile)).code).toBe(0);
    await cli('add-unit', '--db', db, '--code', DISTRICT, '--name', 'Huyện', '--level', 'district', '--parent', PROVINCE);
    // A database SQLite reads, but whose registry cannot be taken over (a table gone).
    const live = new Database(db);
    live.exec('DROP TABLE users');
    live.close();
    const before = await openStorage({ kind: 'sqlite', file: db });
    const epoch = await before.epoch();
    await before.close();

    const run = await cli('restore', '--db', db, '--from', backupFile);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/The restore was not done \(.*users.*\)\. The server.s database is as it was; nothing was changed/);
    expect(run.err).toContain('Chưa khôi phục được (');
    expect(run.err).toContain('Cơ sở dữ liệu của máy chủ vẫn như cũ, chưa thay đổi gì');
    const after = await openStorage({ kind: 'sqlite', file: db });
    expect(await after.epoch()).toBe(epoch);
    expect(await after.unit(DISTRICT)).toBeDefined();
    await after.close();
    // No half-restored staging copy, and no kept copy of a database that was not replaced.
    expect(readdirSync(dir).filter((f) => !f.startsWith('server-backup.db'))).toEqual(['server.db']);
  });
});

describe('motcua server on a port already taken', () => {
  it('says the port is in use and how to choose another, exits 1, and leaves the database closed', async () => {
    const taken = createNetServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => void taken.close());
    const port = (taken.address() as AddressInfo).port;
    const run = await cli('--db', db, '--port', String(port));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`Port ${port} on 127.0.0.1 is already in use (is the server already running?); choose another with --port.`);
    expect(run.err).toContain(`Cổng ${port} trên 127.0.0.1 đang được chương trình khác dùng`);
    // Closed: a restore (which refuses a database in use) goes ahead.
    expect((await cli('backup', '--db', db, '--to', path.join(dir, 'b.db'))).code).toBe(0);
    expect((await cli('restore', '--db', db, '--from', path.join(dir, 'b.db'))).code).toBe(0);
  });
});

describe('motcua server (the process)', () => {
  it('listens, prints its address and where the admin token is, and stops on SIGTERM', async () => {
    const server = await startServerProcess(dir, '--db', db);
    expect(server.output()).toContain(`${db}.admin-token`);
    expect((statSync(`${db}.admin-token`).mode & 0o777).toString(8)).toBe('600');
    const res = await fetch(`${server.url}/v1/time`, { headers: { [PROTOCOL_HEADER]: '1' } });
    expect(res.status).toBe(200);
    expect((await res.json()).protocol).toBe(PROTOCOL_VERSION);
    expect(await server.stop()).toBe(0);
  }, 30_000);
});
