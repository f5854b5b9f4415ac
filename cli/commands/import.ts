/**
 * `motcua import`: dossiers from a district's previous system into the server (docs/import-format.md).
 *   motcua import (--db FILE | --pg URL) dossiers.jsonl
 * Prints one line per refused input line (number and reason, in English and Vietnamese) and a summary.
 * Exit code 0 when every line was imported or already present, 1 when some lines were refused, 3 when the counts do
 * not account for every line of the file (never printed as a success).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { importDossiers, unaccountedLines } from '../../server/import/importer';
import { countFileLines, readFileLines } from '../../server/import/read-lines';
import { openReportingStorage } from '../../server/reports/open-reporting';
import { isServerDatabase } from '../../server/storage/sqlite-files';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { parseOptionsAndFiles } from '../options';
import { sayRefusal } from '../run-command';

const MAX_PROBLEM_LINES = 200;
/** The counts do not account for every line of the file: the import cannot be taken as done. */
export const EXIT_LINES_UNACCOUNTED = 3;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import dossiers from a previous system (JSON lines) into the server',
  usage: 'motcua import (--db FILE | --pg URL) dossiers.jsonl',
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values: o, positionals } = parseOptionsAndFiles(argv, { db: { type: 'string' }, pg: { type: 'string' } });
    if (!o.db === !o.pg) throw new UsageError({ vi: 'hãy chỉ ra cơ sở dữ liệu của máy chủ: --db TỆP hoặc --pg URL.', en: 'give the server database: --db FILE or --pg URL.' });
    if (positionals.length !== 1)
      throw new UsageError({ vi: 'hãy chỉ ra đúng một tệp hồ sơ (mỗi dòng một đối tượng JSON).', en: 'give exactly one file of dossiers (one JSON object per line).' });
    const input = path.resolve(positionals[0]!);
    if (!existsSync(input)) {
      sayRefusal('import', io, { vi: `không có tệp ${input}.`, en: `no such file: ${input}.` });
      return 1;
    }
    // A mistyped --db would otherwise become a new server database holding the whole import, reported as done.
    if (o.db && !existsSync(path.resolve(o.db))) {
      sayRefusal('import', io, {
        vi: `không có cơ sở dữ liệu máy chủ tại ${path.resolve(o.db)}; hãy kiểm tra --db (cơ sở dữ liệu của một máy chủ mới được tạo khi chạy motcua server lần đầu). Chưa nhập gì.`,
        en: `no server database at ${path.resolve(o.db)}; check --db (a new server's database is made by running motcua server once). Nothing was imported.`,
      });
      return 1;
    }
    if (o.db && !isServerDatabase(path.resolve(o.db))) {
      sayRefusal('import', io, {
        vi: `${path.resolve(o.db)} không phải cơ sở dữ liệu máy chủ MotCua; chưa nhập gì.`,
        en: `${path.resolve(o.db)} is not a MotCua server database; nothing was imported.`,
      });
      return 1;
    }
    const target = await openReportingStorage(o.pg ? { kind: 'postgres', url: o.pg } : { kind: 'sqlite', file: path.resolve(o.db!) }, { upgrade: false });
    const started = Date.now();
    try {
      // Read only as the importer takes lines, once the storage is open (read-lines.ts says why not readline).
      const summary = await importDossiers(target, readFileLines(input));
      for (const p of summary.problems.slice(0, MAX_PROBLEM_LINES)) {
        io.err(`line ${p.line}${p.dossierCode ? ` (${p.dossierCode})` : ''}: ${p.message.en} / ${p.message.vi}`);
      }
      if (summary.problems.length > MAX_PROBLEM_LINES) io.err(`… and ${summary.problems.length - MAX_PROBLEM_LINES} more refused lines.`);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // Counted again from the file's bytes: a line lost on the way must not print as an import done.
      const unaccounted = unaccountedLines(summary, await countFileLines(input));
      if (unaccounted) {
        io.err(`${unaccounted.en} / ${unaccounted.vi}`);
        return EXIT_LINES_UNACCOUNTED;
      }
      io.out(
        `Imported ${summary.imported} dossier(s) (${summary.events} events), ${summary.alreadyPresent} already present, ${summary.problems.length} line(s) refused, in ${seconds} s. / ` +
          `Đã nhập ${summary.imported} hồ sơ, ${summary.alreadyPresent} hồ sơ đã có, ${summary.problems.length} dòng bị từ chối.`,
      );
      return summary.problems.length > 0 ? 1 : 0;
    } finally {
      await target.close();
    }
  },
};
