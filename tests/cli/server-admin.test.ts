/** `motcua server add-unit` as a district administrator types it: mistakes are explained, and nothing half-made is stored. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverCommand } from '../../cli/commands/server';
import type { CliIo } from '../../cli/command';
import { UsageError } from '../../cli/command';
import { openStorage } from '../../server/storage/open';

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-cli-'));
  db = path.join(dir, 'server.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => void out.push(l), err: (l) => void err.push(l) };
  const code = await serverCommand.run(argv, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

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

  it('says why a district without --parent is refused, not only the field name', async () => {
    await expect(cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district')).rejects.toThrow(UsageError);
    await expect(cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district')).rejects.toThrow(
      /a district or commune must have one/,
    );
  });
});

describe('motcua server list-desks', () => {
  it('lists each desk with the device id revoke-desk takes, and its state', async () => {
    expect((await cli('list-desks', '--db', db)).out).toBe('No desks yet: create one with motcua server create-desk --unit CODE --desk N.');
    expect((await cli('add-unit', '--db', db, '--code', '000.00.00.H56', '--name', 'Tỉnh', '--level', 'province')).code).toBe(0);
    expect((await cli('add-unit', '--db', db, '--code', '000.00.06.H56', '--name', 'Huyện', '--level', 'district', '--parent', '000.00.00.H56')).code).toBe(0);
    const created = await cli('create-desk', '--db', db, '--unit', '000.00.06.H56', '--desk', '2');
    const deviceId = /device (\S+)/.exec(created.out)![1]!;
    const listed = await cli('list-desks', '--db', db);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^${deviceId}  unit 000.00.06.H56  desk 2  .*  waiting for enrolment until `));
    expect((await cli('revoke-desk', '--db', db, '--device', deviceId)).code).toBe(0);
    expect((await cli('list-desks', '--db', db)).out).toMatch(new RegExp(`^${deviceId} .* revoked `));
  });
});
