/**
 * Every line of an import file is counted once, whatever the storage's speed: the file's lines as the importer
 * reads them agree with a count of its bytes, a source that reads on its own (node's readline) loses nothing while
 * the storage is slow to answer, and counts that do not add up are said, never taken as a success.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDossiers, unaccountedLines, type ImportSummary } from '../../server/import/importer';
import { countFileLines, readFileLines } from '../../server/import/read-lines';
import { openReportingStorage, type ReportingStorage } from '../../server/reports/open-reporting';
import type { ServerStorage } from '../../server/storage/contract';
import { tempFolder } from '../support/temp-folders';
import { importDatasetLines } from './import-dataset';

const dir = tempFolder('motcua-import-lines-');
let n = 0;
function fileOf(text: string): string {
  const file = path.join(dir, `lines-${++n}.jsonl`);
  writeFileSync(file, text);
  return file;
}

async function linesOf(file: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readFileLines(file)) lines.push(line);
  return lines;
}

describe('the lines of an import file', () => {
  it.each([
    ['empty', '', []],
    ['ended', 'a\nb\n', ['a', 'b']],
    ['not ended', 'a\nb', ['a', 'b']],
    ['CRLF', 'a\r\nb\r\n', ['a', 'b']],
    ['blank lines', '\na\n\n\nb\n\n', ['', 'a', '', '', 'b', '']],
  ])('%s: read as the lines the bytes count', async (_name, text, expected) => {
    const file = fileOf(text);
    expect(await linesOf(file)).toEqual(expected);
    expect(await countFileLines(file)).toBe(expected.length);
  });

  it('keeps Vietnamese letters whole across the reader’s chunks', async () => {
    // 300,000 bytes of three-byte letters: chunk edges (64 KiB) fall inside a letter.
    const lines = Array.from({ length: 1000 }, (_, i) => `${i} ${'ữ'.repeat(100)}`);
    const file = fileOf(lines.join('\n'));
    expect(await linesOf(file)).toEqual(lines);
    expect(await countFileLines(file)).toBe(1000);
  });
});

describe('an import whose storage is slow to answer', () => {
  let target: ReportingStorage;
  beforeAll(async () => {
    target = await openReportingStorage({ kind: 'sqlite', file: path.join(tempFolder('motcua-import-slow-'), 'server.db') });
  });
  afterAll(() => target.close());

  /** The storage as a server across a network: every read of the import's setup answers late. */
  const slow = (storage: ServerStorage): ServerStorage =>
    new Proxy(storage, {
      get(s, key, receiver) {
        const value = Reflect.get(s, key, receiver) as unknown;
        if (typeof value !== 'function' || (key !== 'device' && key !== 'document')) return value;
        return async (...args: unknown[]) => {
          await new Promise((resolve) => setTimeout(resolve, 150));
          return (value as (...a: unknown[]) => unknown).apply(s, args);
        };
      },
    });

  it.each([
    ['a few lines', 5, 2021],
    ['a few thousand lines', 2_500, 2022],
  ])('counts every line of %s handed over as a readline interface, and finishes', async (_name, count, year) => {
    const lines = importDatasetLines(count, year);
    const file = fileOf(lines.join('\n') + '\n');
    const readline = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let timer: NodeJS.Timeout | undefined;
    const summary = await Promise.race([
      importDossiers({ ...target, storage: slow(target.storage) }, readline, { workers: 0 }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the import did not finish')), 30_000))),
    ]).finally(() => clearTimeout(timer));
    expect(summary).toMatchObject({ read: count, lines: count, imported: count, alreadyPresent: 0, problems: [] });
    expect(unaccountedLines(summary, await countFileLines(file))).toBeNull();
  }, 60_000);
});

describe('counts that do not add up', () => {
  const summary: ImportSummary = { read: 8999, blank: 0, lines: 8999, imported: 6846, alreadyPresent: 0, events: 27000, problems: [] };

  it('are said in both languages, with the counts', () => {
    const message = unaccountedLines(summary, 8999);
    expect(message?.en).toMatch(/do not add up .*8999 \/ 8999 \/ 0 \/ 6846 \/ 0 \/ 0/);
    expect(message?.vi).toMatch(/không khớp .*8999 \/ 8999 \/ 0 \/ 6846 \/ 0 \/ 0/);
  });

  it('include lines of the file the importer never read', () => {
    expect(unaccountedLines({ ...summary, read: 6846, lines: 6846 }, 8999)).not.toBeNull();
  });

  it('are silent when every line is blank, imported, already present or refused', () => {
    const refused = { line: 3, code: 'import_unknown_procedure', message: { vi: 'x', en: 'x' } };
    expect(unaccountedLines({ read: 10, blank: 2, lines: 8, imported: 4, alreadyPresent: 3, events: 16, problems: [refused] }, 10)).toBeNull();
  });
});
