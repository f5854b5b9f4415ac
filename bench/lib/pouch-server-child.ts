/**
 * The comparison's CouchDB-protocol server (express-pouchdb over PouchDB's leveldb adapter) in a process of its
 * own, like ours: it loads the dossiers of a JSON-lines file into the database `district` and then serves it,
 * counting the bytes it sends (socket-bytes.ts).
 * Usage: pouch-server-child.ts DIR DOCS.jsonl
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { announceChild } from './server-process';
import { answerByteCount, countSocketBytes } from './socket-bytes';

interface PouchLike {
  bulkDocs(docs: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}
type PouchConstructor = (new (name: string) => PouchLike) & {
  defaults(o: Record<string, unknown>): PouchConstructor;
};

const [dir, docsFile] = process.argv.slice(2);
if (!dir || !docsFile) throw new Error('usage: pouch-server-child.ts DIR DOCS.jsonl');
const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as PouchConstructor;
const expressPouch = require('express-pouchdb') as (
  p: PouchConstructor,
  o: Record<string, unknown>,
) => { listen(port: number, host: string, cb: () => void): HttpServer };

const ServerPouch = PouchDB.defaults({ prefix: dir + path.sep });
const source = new ServerPouch('district');
const docs = readFileSync(docsFile, 'utf8')
  .split('\n')
  .filter((line) => line.length > 0)
  .map((line) => JSON.parse(line) as unknown);
for (let i = 0; i < docs.length; i += 2000) await source.bulkDocs(docs.slice(i, i + 2000));
const app = expressPouch(ServerPouch, { mode: 'minimumForPouchDB', logPath: path.join(dir, 'pouch-log.txt') });
const http = await new Promise<HttpServer>((resolve) => {
  const s = app.listen(0, '127.0.0.1', () => resolve(s));
});
answerByteCount(countSocketBytes(http));
announceChild((http.address() as AddressInfo).port, async () => {
  await new Promise((resolve) => http.close(resolve));
  await source.close();
});
