/**
 * `motcua import` as the technician runs it, on a file on disk, into PostgreSQL and SQLite: every line of the file is
 * accounted for exactly once (imported, already present or refused), the database holds every imported dossier, and
 * the command finishes. On PostgreSQL the storage answers over the network: lines the file reader produced while
 * the importer was still setting up were lost (6,846 of 8,999 imported, reported as success), and a file of a few
 * lines, read whole before anyone listened, left the command waiting for ever.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../cli/commands/import';
import { openReportingStorage } from '../../server/reports/open-reporting';
import { startPgCluster, type PgCluster } from '../support/pg';
import { tempFolder } from '../support/temp-folders';
import { importDatasetLines } from './import-dataset';
import { applicant, importLine } from './import-lines';

const MANY = 3_000;

let cluster: PgCluster | undefined;
afterAll(() => cluster?.stop());

interface Backend {
  name: string;
  /** A server database made as `motcua server` makes it; the import's database arguments. */
  database(): Promise<string[]>;
}

const backends: Backend[] = [
  {
    name: 'PostgreSQL',
    async database() {
      cluster ??= await startPgCluster();
      const url = await cluster.createDatabase();
      await (await openReportingStorage({ kind: 'postgres', url })).close();
      return ['--pg', url];
    },
  },
  {
    name: 'SQLite',
    async database() {
      const file = path.join(tempFolder('motcua-import-cmd-'), 'server.db');
      await (await openReportingStorage({ kind: 'sqlite', file })).close();
      return ['--db', file];
    },
  },
];

/** Runs the command as `motcua import` does, with what it prints; fails the test if it does not finish. */
async function runImport(database: string[], file: string): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('motcua import did not finish within 60 s')), 60_000);
  });
  try {
    const code = await Promise.race([importCommand.run([...database, file], { out: (l) => void out.push(l), err: (l) => void err.push(l) }), stuck]);
    return { code, out, err };
  } finally {
    clearTimeout(timer);
  }
}

function writeLines(lines: string[]): string {
  const file = path.join(tempFolder('motcua-import-file-'), 'dossiers.jsonl');
  writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  return file;
}

async function storedCodes(database: string[]): Promise<string[]> {
  const target = await openReportingStorage(database[0] === '--pg' ? { kind: 'postgres', url: database[1]! } : { kind: 'sqlite', file: database[1]! });
  try {
    return (await target.driver.all<{ code: string }>('SELECT code FROM dossiers ORDER BY code')).map((r) => r.code);
  } finally {
    await target.close();
  }
}

const codesOf = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { code: string }).code).sort();

describe.each(backends)('motcua import of a file into $name', (backend) => {
  it(`imports every one of ${MANY} lines once, and a second run finds them all present`, async () => {
    const database = await backend.database();
    const lines = importDatasetLines(MANY);
    const file = writeLines(lines);

    const first = await runImport(database, file);
    expect(first.err).toEqual([]);
    expect(first.out.join('\n')).toMatch(new RegExp(`^Imported ${MANY} dossier\\(s\\) \\(\\d+ events\\), 0 already present, 0 line\\(s\\) refused`));
    expect(first.code).toBe(0);
    expect(await storedCodes(database)).toEqual(codesOf(lines));

    const second = await runImport(database, file);
    expect(second.out.join('\n')).toMatch(new RegExp(`^Imported 0 dossier\\(s\\) \\(0 events\\), ${MANY} already present, 0 line\\(s\\) refused`));
    expect(second.code).toBe(0);
  }, 120_000);

  it('finishes with a file of a few lines, each one counted; a procedure outside the catalog is refused by line number, without personal data', async () => {
    const database = await backend.database();
    const lines = [
      JSON.stringify(importLine({ seq: 1 })),
      JSON.stringify(importLine({ seq: 2 })),
      '',
      JSON.stringify(importLine({ seq: 3, procedureCode: '9.999999.000.00.00.H56' })),
      JSON.stringify(importLine({ seq: 4 })),
    ];
    const file = writeLines(lines);

    const run = await runImport(database, file);
    expect(run.err).toEqual([
      "line 4 (000.00.06.H56-230306-0003): procedureCode: the procedure 9.999999.000.00.00.H56 is not in the server's catalog (a mistyped code, or a procedure the catalog lacks); " +
        'correct the line, or have the administrator add the procedure to the catalog, then import the file again. / ' +
        'procedureCode: thủ tục 9.999999.000.00.00.H56 không có trong danh mục thủ tục của máy chủ (gõ nhầm mã, hoặc danh mục còn thiếu); hãy sửa dòng, hoặc nhờ quản trị viên thêm thủ tục vào danh mục, rồi nhập lại tệp.',
    ]);
    const printed = [...run.out, ...run.err].join('\n');
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone, applicant.address]) expect(printed).not.toContain(personal);
    expect(run.out.join('\n')).toMatch(/^Imported 3 dossier\(s\) \(\d+ events\), 0 already present, 1 line\(s\) refused/);
    expect(run.code).toBe(1);
    expect(await storedCodes(database)).toEqual(['000.00.06.H56-230306-0001', '000.00.06.H56-230306-0002', '000.00.06.H56-230306-0004']);
  }, 120_000);

  it('names a refused line by its number only when its "code" is not a dossier code (columns slipped: an ID number, a phone)', async () => {
    const database = await backend.database();
    const slipped = [applicant.idNumber, applicant.phone, applicant.address].map((code) => JSON.stringify({ ...importLine({ seq: 5 }), code }));
    const run = await runImport(database, writeLines(slipped));
    expect(run.err).toHaveLength(3);
    expect(run.err[0]).toMatch(/^line 1: code: A dossier code must look like/);
    const printed = [...run.out, ...run.err].join('\n');
    for (const personal of [applicant.name, applicant.idNumber, applicant.phone, applicant.address]) expect(printed).not.toContain(personal);
    expect(run.code).toBe(1);
  }, 120_000);
});
