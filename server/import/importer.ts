/**
 * `motcua import`: dossiers from a district's previous system, one JSON object per line, written as events of the
 * server's "import" device (its own gap-free sequence and hash chain), so sync, search and reports treat them
 * like any other dossier. A bad line is reported with its number and reason and nothing of it is written; a
 * dossier whose code the server already holds is skipped, so running the same file again imports nothing twice.
 */
import { randomInt } from 'node:crypto';
import { parseCalendarConfig } from '../../shared/calendar/schema';
import { toVnIso } from '../../shared/calendar/vn-time';
import { WorkingCalendar } from '../../shared/calendar/working-calendar';
import { canonicalEventText, type DossierEvent } from '../../shared/domain/events';
import { validationError } from '../../shared/domain/messages';
import { generatePin } from '../../shared/domain/pin';
import type { LocalizedText } from '../../shared/result';
import { catchUpReports } from '../reports/projection';
import { reportRowValues, upsertReportRows } from '../reports/report-rows';
import type { SqlDriver } from '../storage/sql-driver';
import { bulkAppend, type BulkDossier } from './bulk-append';
import type { ReportingStorage } from '../reports/open-reporting';
import { reportReference } from '../reports/report-service';
import { sha256Hex } from '../secrets';
import type { ServerStorage } from '../storage/contract';
import { referencedBlobs, transferTarget } from '../sync/scope';
import { importLineSchema } from './import-format';
import { IMPORT_DEVICE_ID, lineToEvents, type ImportContext, type ImportedDossier } from './line-to-events';

export interface ImportProblem {
  line: number;
  code: string;
  message: LocalizedText;
  /** The dossier code on the line, when it could be read. */
  dossierCode?: string;
}

export interface ImportSummary {
  lines: number;
  imported: number;
  /** Already on the server (same dossier code): skipped. */
  alreadyPresent: number;
  events: number;
  problems: ImportProblem[];
}

export interface ImportOptions {
  now?: () => Date;
  /** Dossiers written per transaction. */
  batchSize?: number;
}

async function importContext(storage: ServerStorage, serverTime: string): Promise<ImportContext> {
  const reference = await reportReference(storage);
  const calendarDoc = await storage.document('calendar');
  const config = calendarDoc ? parseCalendarConfig(calendarDoc.body) : null;
  return {
    procedures: new Map(reference.procedures.map((p) => [p.code, p])),
    calendar: new WorkingCalendar(config?.ok ? config.value : {}),
    randomPin: () => generatePin((max) => randomInt(max)),
    serverTime,
  };
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
async function writeBatch(driver: SqlDriver, batch: ImportedDossier[], serverTime: string, summary: ImportSummary): Promise<void> {
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
      const bulk: BulkDossier[] = fresh.map((dossier) => {
        const events = dossier.events.map((draft) => {
          const unhashed = { ...draft, deviceSeq: head.seq + 1, prevHash: head.hash } as DossierEvent;
          const event = { ...unhashed, hash: sha256Hex(canonicalEventText(unhashed)) } as DossierEvent;
          head = { seq: event.deviceSeq, hash: event.hash };
          return event;
        });
        return {
          id: dossier.dossierId,
          unitCode: dossier.unitCode,
          code: dossier.code,
          portalRef: dossier.portalRef,
          extraUnits: events.map(transferTarget).filter((u): u is string => u !== null),
          blobRefs: events.flatMap(referencedBlobs).filter((sha) => !dossier.archivedScanRefs.has(sha)),
          events: events.map((e) => ({ id: e.id, deviceSeq: e.deviceSeq, type: e.type, hash: e.hash, body: JSON.stringify(e) })),
        };
      });
      if (bulk.length === 0) return { imported: 0, skipped: batch.length, events: 0 };
      const range = await bulkAppend(db, IMPORT_DEVICE_ID, bulk, serverTime, { seq: head.seq, hash: head.hash! });
      const cursor = Number((await db.get<{ value: string }>("SELECT value FROM report_meta WHERE key = 'cursor'"))!.value);
      if (cursor === range.firstServerSeq - 1) {
        let seq = range.firstServerSeq;
        const rows = fresh.map((d) => {
          const row = reportRowValues(d.state, seq + d.lastPublicChange);
          seq += d.events.length;
          return row;
        });
        await upsertReportRows(db, rows);
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

/** Imports the lines; returns what happened to each. The report projection is caught up at the end. */
export async function importDossiers(target: ReportingStorage, lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const batchSize = options.batchSize ?? 1000;
  const { storage, driver } = target;
  const serverTime = toVnIso(now());
  await ensureImportDevice(storage, serverTime);
  const ctx = await importContext(storage, serverTime);
  const summary: ImportSummary = { lines: 0, imported: 0, alreadyPresent: 0, events: 0, problems: [] };
  const seen = new Map<string, number>();
  let batch: ImportedDossier[] = [];

  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    const text = raw.trim();
    if (text === '') continue;
    summary.lines += 1;
    const problem = (code: string, message: LocalizedText, dossierCode?: string) =>
      summary.problems.push({ line: lineNumber, code, message, ...(dossierCode ? { dossierCode } : {}) });
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      problem('import_not_json', { vi: 'Dòng không phải JSON hợp lệ.', en: 'The line is not valid JSON.' });
      continue;
    }
    const parsed = importLineSchema.safeParse(value);
    const codeOnLine = typeof (value as { code?: unknown })?.code === 'string' ? (value as { code: string }).code : undefined;
    if (!parsed.success) {
      const error = validationError(parsed.error);
      const where = error.field ? `${error.field}: ` : '';
      problem('import_invalid', { vi: `${where}${error.message.vi}`, en: `${where}${error.message.en}` }, codeOnLine);
      continue;
    }
    const firstLine = seen.get(parsed.data.code);
    if (firstLine !== undefined) {
      problem(
        'import_duplicate_code',
        { vi: `Mã hồ sơ ${parsed.data.code} đã có ở dòng ${firstLine} của tệp.`, en: `The dossier code ${parsed.data.code} already appears on line ${firstLine} of the file.` },
        parsed.data.code,
      );
      continue;
    }
    const dossier = lineToEvents(parsed.data, ctx);
    if (!dossier.ok) {
      problem(dossier.error.code, dossier.error.message, parsed.data.code);
      continue;
    }
    seen.set(parsed.data.code, lineNumber);
    batch.push(dossier.value);
    if (batch.length >= batchSize) {
      await writeBatch(driver, batch, serverTime, summary);
      batch = [];
    }
  }
  if (batch.length > 0) await writeBatch(driver, batch, serverTime, summary);
  await catchUpReports(driver);
  return summary;
}
