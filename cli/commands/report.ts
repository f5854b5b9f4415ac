/**
 * `motcua report`: the administrative-reform report for a period, from a desk's data file or a server database.
 *   motcua report --db FILE --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE] [--format json|csv|xlsx|pdf] [--out FILE]
 *   motcua report --pg URL  --from … --to …                                   (a PostgreSQL server)
 * JSON goes to standard output unless --out is given; XLSX and PDF need --out, which never replaces a file already there.
 * Field names: docs/reports.md.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { vnDateKey } from '../../shared/calendar/vn-time';
import { parseReportPeriod } from '../../shared/reports/period';
import type { Report } from '../../shared/reports/report';
import type { ReportRequest } from '../../shared/reports/run-report';
import { UNIT_CODE_PATTERN } from '../../shared/domain/units';
import { AppFailure, appFailure } from '../../shared/result';
import { migrate } from '../../electron/desk/db/migrate';
import { migrations } from '../../electron/desk/db/migrations/index';
import { openDatabase, type Db } from '../../electron/desk/db/open-database';
import { deskReport } from '../../electron/desk/reports/desk-report';
import { holdsDossiersOf, unknownDeskReportUnit } from '../../electron/desk/reports/desk-report-unit';
import { heldReportUnits } from '../../electron/desk/reports/desk-units';
import { deskUnits } from '../../electron/desk/units/desk-units';
import { readIdentity } from '../../electron/desk/identity/device-identity';
import { seedUnits } from '../../shared/catalog/seed-units';
import type { Unit } from '../../shared/domain/units';
import { exportReport, reportFormats, type ReportFormat } from '../../electron/desk/reports/export/index';
import { openReportingStorage } from '../../server/reports/open-reporting';
import { reportReference, serverReport, unknownReportUnit } from '../../server/reports/report-service';
import { isServerDatabase } from '../../server/storage/sqlite-files';
import { parseOptions, postgresUrl } from '../options';
import type { CliCommand, CliIo } from '../command';
import { sayRefusal } from '../run-command';
import { EXIT_USAGE, UsageError } from '../command';

function options(argv: string[]) {
  return parseOptions(argv, {
    db: { type: 'string' },
    pg: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    unit: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
  });
}

/** A desk's data file: the event log with the desk's identity table beside it. */
function isDeskDatabase(file: string): boolean {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('device_identity', 'events', 'dossiers')").all();
      return tables.length === 3;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/** The units a desk file names: the district's registry an enrolled desk keeps (from migration 015), else the seed tree. */
function unitsOfDeskFile(db: Db): readonly Unit[] {
  const hasRegistry = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'server_units'").get() !== undefined;
  return hasRegistry ? deskUnits(db, readIdentity(db)) : seedUnits;
}

async function deskFileReport(file: string, request: ReportRequest): Promise<Report> {
  const db = openDatabase({ file });
  try {
    // Before anything is written to the file (its migrations, its facts): a refused report leaves it as it was.
    const units = unitsOfDeskFile(db);
    const deskUnit = readIdentity(db)?.unitCode ?? null;
    // As the desk's own dashboard: its own unit unless another is asked for. The whole file's tree would also name
    // the province and the district above a commune's desk, each with the commune's figures as its own.
    const asked: ReportRequest = { ...request, unitCode: request.unitCode ?? deskUnit };
    const unknown = unknownDeskReportUnit(db, asked.unitCode, units);
    if (unknown) throw appFailure('unknown_unit', unknown.vi, unknown.en);
    // Brings an older desk file up to date (the report-facts tables) the same way the app does on start.
    migrate(db, migrations);
    // Without the units under the desk's whose dossiers the file does not hold, as the dashboard.
    return await deskReport(db, asked, { units: heldReportUnits(units, deskUnit, (codes) => holdsDossiersOf(db, codes)) });
  } finally {
    db.close();
  }
}

async function serverDatabaseReport(location: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string }, request: ReportRequest): Promise<Report> {
  const target = await openReportingStorage(location, { upgrade: false });
  try {
    const reference = await reportReference(target.storage);
    const unknown = unknownReportUnit(reference, request.unitCode);
    if (unknown) throw appFailure('unknown_unit', unknown.vi, unknown.en);
    return await serverReport(target.driver, request, reference);
  } finally {
    await target.close();
  }
}

/** --out names a file already there: refused, as `motcua server backup --to` refuses one. A folder is said as such. */
const outFileExists = (file: string) =>
  statSync(file).isDirectory()
    ? {
        vi: `${file} là một thư mục; --out cần tên tệp báo cáo, ví dụ ${path.join(file, 'bao-cao.pdf')}. Chưa ghi gì.`,
        en: `${file} is a folder; --out needs the report's file name, such as ${path.join(file, 'report.pdf')}. Nothing was written.`,
      }
    : {
        vi: `Tệp ${file} đã có; hãy đặt tên tệp báo cáo mới cho --out (hoặc xoá tệp cũ nếu không cần nữa). Chưa ghi gì.`,
        en: `${file} already exists; give --out a new file name for the report (or delete the old file if it is no longer needed). Nothing was written.`,
      };

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Report for a period: received, resolved on time / late, rates (JSON, CSV, XLSX, PDF)',
  usage: [
    'motcua report (--db FILE | --pg URL) --from YYYY-MM-DD --to YYYY-MM-DD [--unit CODE] [--format json|csv|xlsx|pdf] [--out FILE]',
    '  --unit CODE  the unit and the units under it (default: all a server database holds; the desk\'s own unit on a',
    '               desk\'s data file). A desk\'s data file holds only its own unit and those under it, and none before',
    '               the desk is set up: another unit is refused.',
    '  --format     json (default; to standard output without --out), csv (for Excel with Vietnamese settings: ";"',
    '               between cells, 97,5 for a rate), xlsx or pdf (these two need --out FILE)',
    '  --out FILE   the file to write; a file already there is never replaced (give a new name)',
  ].join('\n'),
  async run(argv: string[], io: CliIo): Promise<number> {
    const o = options(argv);
    if (o.db !== undefined && o.pg !== undefined)
      throw new UsageError({
        vi: 'chỉ dùng một trong hai: --db TỆP (tệp dữ liệu của quầy hoặc cơ sở dữ liệu máy chủ) hoặc --pg URL, không dùng cả hai.',
        en: 'give either --db FILE (a desk data file or a server database) or --pg URL, not both.',
      });
    if (!o.db && !o.pg)
      throw new UsageError({
        vi: 'hãy chỉ ra cơ sở dữ liệu: --db TỆP (tệp dữ liệu của quầy hoặc cơ sở dữ liệu máy chủ) hoặc --pg URL.',
        en: 'give the database: --db FILE (a desk data file or a server database) or --pg URL.',
      });
    // Said as the option to add: the period check would call a missing --to a last day "" that is not a valid date.
    const missing = (['from', 'to'] as const).filter((name) => o[name] === undefined);
    const asked = missing.map((m) => `--${m} YYYY-MM-DD`);
    if (missing.length > 0)
      throw new UsageError({
        vi: `hãy cho biết kỳ báo cáo: ${asked.join(' và ')} (ví dụ --from 2026-01-01 --to 2026-03-31).`,
        en: `give the period: ${asked.join(' and ')} (e.g. --from 2026-01-01 --to 2026-03-31).`,
      });
    // Vietnam's today, whatever the PC's time zone: a period not yet begun is refused, one begun is judged to date.
    const today = vnDateKey(new Date());
    const period = parseReportPeriod(o.from, o.to, today);
    if (!period.ok) {
      const { vi, en } = period.error.message;
      throw new UsageError({ vi: `${vi} Chưa ghi gì.`, en: `${en} Nothing was written.` });
    }
    if (o.unit !== undefined && !UNIT_CODE_PATTERN.test(o.unit))
      throw new UsageError({
        vi: `--unit phải là mã đơn vị, ví dụ 000.00.06.H56, không phải '${o.unit}'.`,
        en: `--unit must be a unit code such as 000.00.06.H56, not '${o.unit}'.`,
      });
    const format = (o.format ?? 'json') as ReportFormat;
    if (!reportFormats.includes(format))
      throw new UsageError({
        vi: `--format phải là một trong ${reportFormats.join(', ')}, không phải '${o.format}'.`,
        en: `--format must be one of ${reportFormats.join(', ')}, not '${o.format}'.`,
      });
    if ((format === 'xlsx' || format === 'pdf') && !o.out)
      throw new UsageError({ vi: `--format ${format} ghi ra tệp: hãy thêm --out TỆP.`, en: `--format ${format} writes a file: give --out FILE.` });
    const request: ReportRequest = { period: period.value, unitCode: o.unit ?? null, today };
    const pgUrl = o.pg === undefined ? undefined : postgresUrl(o.pg);
    // Said before the report is computed (a district's year takes a while), not as the file fails to open after it.
    const outFile = o.out === undefined ? undefined : path.resolve(o.out);
    // As `motcua server backup`: a slip of the finger (--format pdf --out last-year.json) must not replace a report
    // already written, whatever its name says it holds.
    if (outFile !== undefined && existsSync(outFile)) throw new UsageError(outFileExists(outFile));
    const outFolder = outFile === undefined ? undefined : path.dirname(outFile);
    if (outFolder !== undefined && !(existsSync(outFolder) && statSync(outFolder).isDirectory())) {
      io.err(`Không có thư mục ${outFolder}; hãy tạo thư mục hoặc chọn chỗ khác cho --out. Chưa ghi gì. / The folder ${outFolder} does not exist; create it or choose another place for --out. Nothing was written.`);
      return 1;
    }

    let report: Report;
    try {
      if (pgUrl) report = await serverDatabaseReport({ kind: 'postgres', url: pgUrl }, request);
      else {
        const file = path.resolve(o.db!);
        if (!existsSync(file)) {
          sayRefusal('report', io, { vi: `không có tệp ${file}.`, en: `no such file: ${file}.` });
          return 1;
        }
        if (isServerDatabase(file)) report = await serverDatabaseReport({ kind: 'sqlite', file }, request);
        else if (isDeskDatabase(file)) report = await deskFileReport(file, request);
        else {
          sayRefusal('report', io, {
            vi: `${file} không phải tệp dữ liệu của quầy hay cơ sở dữ liệu máy chủ MotCua.`,
            en: `${file} is neither a MotCua desk data file nor a MotCua server database.`,
          });
          return 1;
        }
      }
    } catch (e) {
      if (e instanceof AppFailure) {
        sayRefusal('report', io, e.error.message);
        return 1;
      }
      throw e;
    }

    const bytes = await exportReport(report, format);
    if (outFile !== undefined) {
      try {
        // 'wx': a file that appeared at --out while the report was computed is not replaced either.
        writeFileSync(outFile, bytes, { flag: 'wx' });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        sayRefusal('report', io, outFileExists(outFile));
        return EXIT_USAGE;
      }
      const where = outFile;
      const n = report.counts.inPeriod;
      io.out(`Đã ghi báo cáo: ${where} (${format}, ${n.toLocaleString('vi-VN')} hồ sơ trong kỳ) / Report written: ${where} (${format}, ${n} dossiers in the period)`);
    } else {
      io.out(bytes.toString('utf8').replace(/\n$/, ''));
    }
    return 0;
  },
};
