/**
 * `motcua server --host 0.0.0.0` (operator.md's first example) listens on every address of the machine; the line it
 * printed named only http://127.0.0.1:…, the one address no commune PC can use. It now also names where desks
 * connect: this machine's own network addresses.
 */
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempFolder } from '../support/temp-folders';
import { startServerProcess } from '../server/server-process';

it('listening on every address, it names the addresses the desks connect to', async () => {
  const dir = tempFolder('motcua-host-');
  const server = await startServerProcess(dir, '--db', path.join(dir, 'server.db'), '--host', '0.0.0.0');
  const port = new URL(server.url).port;
  const own = Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && a.family === 'IPv4')
    .map((a) => `http://${a.address}:${port}/`);
  const output = server.output();
  expect(await server.stop()).toBe(0);
  if (own.length === 0) expect(output).not.toContain('Desks connect to');
  else {
    expect(output).toContain(`Desks connect to: ${own.join(', ')}`);
    expect(output).toContain(`Các quầy kết nối tới: ${own.join(', ')}`);
  }
}, 60_000);
