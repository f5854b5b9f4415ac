/**
 * `motcua import`: dossiers from a district's previous system, one JSON object per line, written as events of the
 * server's "import" device (its own gap-free sequence and hash chain), so sync, search and reports treat them
 * like any other dossier. A bad line is reported with its number and reason and nothing of it is written; a
 * dossier whose code the server already holds is skipped, so running the same file again imports nothing twice.
 *
 * Speed (issue 6: 52,772 dossiers in ≤ 20 s): worker threads check and convert the lines (prepare-line.ts,
 * parse-pool.ts) while this thread chains, hashes and writes them in large batches, each one transaction of
 * multi-row statements (bulk-append.ts).
 */
import { toVnIso } from '../../shared/calendar/vn-time';
import type { SqlDriver } from '../storage/sql-driver';
import { catchUpReports } from '../reports/projection';
import { upsertReportRows, type ReportRow } from '../reports/report-rows';
import { bulkAppend, type BulkDossier } from './bulk-append';
import type { ReportingStorage } from '../reports/open-reporting';
import { reportUnits } from '../reports/report-service';
import { currentCatalog } from '../catalog/current-catalog';
import type { ServerStorage } from '../storage/contract';
import { sha256Hex } from '../secrets';
import type { LocalizedText } from '../../shared/result';
import { IMPORT_DEVICE_ID } from './line-to-events';
import { defaultWorkers, inlinePool, workerPool, type NumberedLine, type ParsePool } from './parse-pool';
import { bodyOfCanonical, fillChain, newImportNonce, type ImportContextData, type ImportProblem, type PreparedDossier, type PreparedLine } from './prepare-line';

export type { ImportProblem } from './prepare-line';

export interface ImportSummary {
  /** Lines taken from the source, blank ones included. */
  read: number;
  /** Blank lines: skipped, as the format says. */
  blank: number;
  /** Lines that were not blank. */
  lines: number;
  imported: number;
  /** Already on the server (same dossier code): skipped. */
  alreadyPresent: number;
  events: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  now?: () => Date;
  /**
   * Most dossiers written per transaction: large, since each commit waits for the disk (a smaller batch, from
   * MIN_EARLY_BATCH on, goes out early while the workers are still preparing the next lines).
   */
  batchSize?: number;
  /** Worker threads preparing lines; 0 prepares them on this thread. Default: one fewer than the cores, 1 to 3. */
  workers?: number;
  /**
   * Opens the pool that prepares the lines with `workers` threads. Default: `workerPool`, or `inlinePool` for 0.
   * A test passes one that holds a chunk back, to make the workers slow on purpose (tests/import/import-many).
   */
  openPool?: (context: ImportContextData, workers: number) => ParsePool;
}

const openDefaultPool = (context: ImportContextData, workers: number): ParsePool => (workers > 0 ? workerPool(context, workers) : inlinePool(context));

/** Lines sent to a worker at a time. */
export const CHUNK_LINES = 500;
/** The fewest dossiers written early, while waiting for the workers: a commit has a cost of its own. */
export const MIN_EARLY_BATCH = 2000;

/** A chunk sent to the workers; `ready` once its result is in. */
interface InFlight {
  result: Promise<PreparedLine[]>;
  ready: boolean;
}

async function importContextData(storage: ServerStorage, serverTime: string): Promise<ImportContextData> {
  const { procedures } = await currentCatalog(storage);
  const calendarDoc = await storage.document('calendar');
  return { procedures, calendar: calendarDoc?.body ?? null, serverTime, nonce: newImportNonce() };
}

async function ensureImportDevice(storage: ServerStorage, at: string): Promise<void> {
  if (await storage.device(IMPORT_DEVICE_ID)) return;
  // A server-side writer like the portal device: no secret, so no desk can authenticate as it.
  await storage.createDevice({
    id: IMPORT_DEVICE_ID,
    kind: 'portal',
    unitCode: '',
    deskNumber: 0,
    name: 'Nhập hồ sơ từ hệ thống cũ (import)',
    enrolCodeHash: null,
    enrolExpiresAt: null,
    createdAt: at,
  });
}

/**
 * Writes one batch in one exclusive transaction: skips codes the server already holds, chains each event to the
 * import device's previous one, and — when the report projection is up to date — writes the dossiers' report rows
 * in the same transaction (the projection would fold exactly these states), so no catch-up pass is needed.
 */
async function writeBatch(driver: SqlDriver, batch: PreparedDossier[], serverTime: string, summary: ImportSummary): Promise<void> {
  const written = await driver.transaction(
    async (db) => {
      const device = (await db.get<{ last_seq: number; last_hash: string | null }>('SELECT last_seq, last_hash FROM devices WHERE id = ?', [IMPORT_DEVICE_ID]))!;
      const codes = new Set<string>();
      const refs = new Set<string>();
      for (let i = 0; i < batch.length; i += 400) {
        const chunk = batch.slice(i, i + 400);
        const marks = chunk.map(() => '?').join(', ');
        for (const r of await db.all<{ code: string | null; portal_ref: string | null }>(
          `SELECT code, portal_ref FROM dossiers WHERE code IN (${marks}) OR portal_ref IN (${marks})`,
          [...chunk.map((d) => d.code), ...chunk.map((d) => d.portalRef ?? '')],
        )) {
          if (r.code) codes.add(r.code);
          if (r.portal_ref) refs.add(r.portal_ref);
        }
      }
      const fresh = batch.filter((d) => !codes.has(d.code) && !(d.portalRef && refs.has(d.portalRef)));
      let head = { seq: Number(device.last_seq), hash: device.last_hash };
      const bulk: BulkDossier[] = fresh.map((dossier) => ({
        id: dossier.dossierId,
        unitCode: dossier.unitCode,
        code: dossier.code,
        portalRef: dossier.portalRef,
        extraUnits: dossier.extraUnits,
        blobRefs: dossier.blobRefs,
        // The chain: each event's hash covers the previous one's, so this part stays in order on this thread.
        events: dossier.events.map((e) => {
          const seq = head.seq + 1;
          const canonical = fillChain(e.canonical, seq, head.hash);
          const hash = sha256Hex(canonical);
          const body = bodyOfCanonical(canonical, hash);
          head = { seq, hash };
          return { id: e.id, deviceSeq: seq, type: e.type, hash, body };
        }),
      }));
      if (bulk.length === 0) return { imported: 0, skipped: batch.length, events: 0 };
      const range = await bulkAppend(db, IMPORT_DEVICE_ID, bulk, serverTime, { seq: head.seq, hash: head.hash! });
      const cursor = Number((await db.get<{ value: string }>("SELECT value FROM report_meta WHERE key = 'cursor'"))!.value);
      if (cursor === range.firstServerSeq - 1) {
        let seq = range.firstServerSeq;
        // An imported line is received once: none of its receipts is voided.
        const rows = fresh.map((d): ReportRow => {
          const row = { values: [...d.reportValues, seq + d.lastPublicChange], state: d.stateJson, overdueSpans: d.overdueSpans, voidedReceipts: [] };
          seq += d.events.length;
          return row;
        });
        // In the order of the report index (unit, procedure, channel, …): a batch then touches each index page once.
        const key = (r: ReportRow) => `${r.values[2] ?? ''}\u0001${r.values[3] ?? ''}\u0001${r.values[4] ?? ''}`;
        await upsertReportRows(db, rows.map((r) => [key(r), r] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, r]) => r));
        await db.run("UPDATE report_meta SET value = ? WHERE key = 'cursor'", [String(range.lastServerSeq)]);
      }
      return { imported: fresh.length, skipped: batch.length - fresh.length, events: range.lastServerSeq - range.firstServerSeq + 1 };
    },
    { exclusive: true },
  );
  summary.imported += written.imported;
  summary.alreadyPresent += written.skipped;
  summary.events += written.events;
}

/**
 * SQLite: `synchronous = NORMAL` for the import's transactions (the server runs FULL). In WAL mode NORMAL cannot
 * corrupt the database; a power cut may lose the last committed batches, and running the file again imports
 * exactly those (codes already present are skipped). Saves a disk flush per commit. Returns the restorer.
 */
async function relaxDurability(driver: SqlDriver): Promise<() => Promise<void>> {
  if (driver.dialect !== 'sqlite') return async () => undefined;
  const before = (await driver.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous;
  await driver.exec('PRAGMA synchronous = NORMAL');
  return async () => {
    if (typeof before === 'number') await driver.exec(`PRAGMA synchronous = ${before}`);
  };
}

/**
 * Why the summary does not account for `fileLines` lines exactly once each — as blank, imported, already present or
 * refused — or null when it does. A line lost between the file and the database must never read as a success.
 */
export function unaccountedLines(summary: ImportSummary, fileLines: number): LocalizedText | null {
  const { read, blank, lines, imported, alreadyPresent } = summary;
  const refused = summary.problems.length;
  if (read === fileLines && blank + lines === read && imported + alreadyPresent + refused === lines) return null;
  const counts = `${fileLines} / ${read} / ${blank} / ${imported} / ${alreadyPresent} / ${refused}`;
  return {
    en:
      `The import's counts do not add up (lines in the file / read / blank / imported / already present / refused: ${counts}); ` +
      'some lines may be missing from the server. Do not rely on this import: run the same file again (dossiers already present are skipped) and report this message.',
    vi:
      `Số liệu của lần nhập không khớp (dòng trong tệp / đã đọc / trống / đã nhập / đã có / bị từ chối: ${counts}); ` +
      'có thể một số dòng chưa vào máy chủ. Đừng coi lần nhập này là xong: hãy nhập lại đúng tệp này (hồ sơ đã có sẽ được bỏ qua) và báo lại thông báo này.',
  };
}

/** Imports the lines; returns what happened to each. The report projection is caught up at the end. */
export async function importDossiers(target: ReportingStorage, lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  // Taken before the first await: a source that reads on its own (node's readline) keeps only the lines produced
  // once its iterator exists, and the setup below waits on the database — over the network for PostgreSQL.
  const source: AsyncIterator<string> | Iterator<string> = Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 10_000;
  const { storage, driver } = target;
  const serverTime = toVnIso(now());
  await ensureImportDevice(storage, serverTime);
  const context = await importContextData(storage, serverTime);
  // The units the server holds (the seed tree while it has none, as its reports do). A line received by any other
  // unit — a typo in its code's unit part, or a commune not added yet — would be stored where no desk and no report
  // finds it: it is refused, with its line number, and the rest goes on. A transfer may go to an agency outside the
  // tree (a provincial department has a unit-like code too), as sync accepts it: only the receiving unit is checked.
  const knownUnits = new Set((await reportUnits(storage)).map((u) => u.code));
  const workers = options.workers ?? defaultWorkers();
  const pool = (options.openPool ?? openDefaultPool)(context, workers);
  // Chunks read ahead: a batch's write holds this thread for seconds, and workers that ran out of chunks then
  // idle. With a batch's worth queued they prepare the next batch meanwhile (measured: with two chunks each, the
  // main thread and a worker each waited ≈ 40 % of the import). Inline, reading ahead gains nothing.
  const ahead = workers > 0 ? pool.depth + Math.ceil(batchSize / CHUNK_LINES) : pool.depth;
  const summary: ImportSummary = { read: 0, blank: 0, lines: 0, imported: 0, alreadyPresent: 0, events: 0, problems: [] };
  const seen = new Map<string, number>();
  const seenRefs = new Map<string, number>();
  let batch: PreparedDossier[] = [];

  // Chunks in flight, in file order: results are taken in the order the lines came.
  const pending: InFlight[] = [];
  const send = (chunk: NumberedLine[]): void => {
    const inFlight: InFlight = { result: pool.prepare(chunk), ready: false };
    // The rejection is taken by `take` (or left in `finally`); this handler only marks the chunk done.
    inFlight.result.then(
      () => (inFlight.ready = true),
      () => undefined,
    );
    pending.push(inFlight);
  };
  const take = async (): Promise<void> => {
    const next = pending.shift()!;
    // While the workers still prepare the next chunk, write what is ready instead of waiting: the first batch
    // goes out early, and the one left when the file ends (written while the workers have nothing to do) is small.
    if (!next.ready && batch.length >= MIN_EARLY_BATCH) {
      await writeBatch(driver, batch, serverTime, summary);
      batch = [];
    }
    for (const prepared of await next.result) {
      if (prepared.kind === 'blank') {
        summary.blank += 1;
        continue;
      }
      summary.lines += 1;
      if (prepared.kind === 'problem') {
        summary.problems.push(prepared.problem);
        continue;
      }
      const dossier = prepared.dossier;
      const unknownUnit = knownUnits.has(dossier.unitCode) ? undefined : dossier.unitCode;
      if (unknownUnit !== undefined) {
        summary.problems.push({
          line: dossier.line,
          code: 'import_unknown_unit',
          message: {
            vi: `unitCode: đơn vị ${unknownUnit} chưa có trên máy chủ; hãy thêm đơn vị (motcua server add-unit) rồi nhập lại tệp.`,
            en: `unitCode: the unit ${unknownUnit} is not on this server; add it (motcua server add-unit), then import the file again.`,
          },
          dossierCode: dossier.code,
        });
        continue;
      }
      const firstLine = seen.get(dossier.code);
      if (firstLine !== undefined) {
        summary.problems.push({
          line: dossier.line,
          code: 'import_duplicate_code',
          message: { vi: `code: mã hồ sơ ${dossier.code} đã có ở dòng ${firstLine} của tệp.`, en: `code: the dossier code ${dossier.code} already appears on line ${firstLine} of the file.` },
          dossierCode: dossier.code,
        });
        continue;
      }
      // The portal gives each submission its own reference: a second dossier under one would be refused by the
      // database (for the whole batch) in the same batch, or taken as already imported in a later one.
      const refLine = dossier.portalRef === null ? undefined : seenRefs.get(dossier.portalRef);
      if (refLine !== undefined) {
        summary.problems.push({
          line: dossier.line,
          code: 'import_duplicate_portal_ref',
          message: {
            vi: `portalRef: mã hồ sơ trên cổng dịch vụ công ${dossier.portalRef} đã có ở dòng ${refLine} của tệp.`,
            en: `portalRef: the portal reference ${dossier.portalRef} already appears on line ${refLine} of the file.`,
          },
          dossierCode: dossier.code,
        });
        continue;
      }
      seen.set(dossier.code, dossier.line);
      if (dossier.portalRef !== null) seenRefs.set(dossier.portalRef, dossier.line);
      batch.push(dossier);
      if (batch.length >= batchSize) {
        await writeBatch(driver, batch, serverTime, summary);
        batch = [];
      }
    }
  };

  const restoreSync = await relaxDurability(driver);
  try {
    let chunk: NumberedLine[] = [];
    let lineNumber = 0;
    for (let next = await source.next(); !next.done; next = await source.next()) {
      chunk.push([++lineNumber, next.value]);
      if (chunk.length < CHUNK_LINES) continue;
      send(chunk);
      chunk = [];
      if (pending.length > ahead) await take();
    }
    if (chunk.length > 0) send(chunk);
    summary.read = lineNumber;
    while (pending.length > 0) await take();
    if (batch.length > 0) await writeBatch(driver, batch, serverTime, summary);
  } finally {
    // An import that failed midway closes its source (the file) instead of leaving it open.
    await Promise.resolve(source.return?.()).catch(() => undefined);
    // A failed chunk must not leave the others' rejections unhandled.
    for (const p of pending) p.result.catch(() => undefined);
    await pool.close();
    await restoreSync();
  }
  await catchUpReports(driver);
  return summary;
}
