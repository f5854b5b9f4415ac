/**
 * The procedure catalog as the desk holds it: seeded from shared/catalog on first open, replaced later by the
 * server's versions (read-only on the desk). Cached in memory: receptions look procedures up constantly.
 *
 * A server version is the whole catalog. A procedure the desk knows that the latest version no longer holds is
 * retired, not deleted: its dossiers keep being named by it (their rows, detail, list filter, reports, printed forms),
 * an online dossier submitted while it was offered can still be received, but no new reception is made under it. The
 * retired codes are kept in `settings` (SettingsStore.retiredProcedureCodes), written in the transaction that takes
 * the version: the `procedures` table's `source` column only allows 'seed' and 'server'.
 */
import { foldText } from '../../../shared/text/fold';
import { procedureSchema, type Procedure } from '../../../shared/domain/procedure';
import type { CatalogProcedure } from '../../../shared/api/desk-views';
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';
import { procedureFactsChanged } from '../projections/dossier-row';
import { SettingsStore } from '../settings/settings-store';

interface Held {
  byCode: Map<string, Procedure>;
  /** Each procedure's name, field and code folded as the take stored them (`folded_name`), in code order. */
  folded: [code: string, folded: string][];
  retired: ReadonlySet<string>;
}

export class ProcedureCatalog {
  private cache: Held | null = null;
  private takes = 0;

  constructor(
    private readonly db: Db,
    /** Where the retired codes are kept (written by every take). */
    private readonly settings = new SettingsStore(db),
  ) {}

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM procedures LIMIT 1').get() === undefined;
  }

  /**
   * Takes a catalog, whole (the seed on first open, or a version synced from the server): its procedures are added or
   * replaced and offered; every other procedure the desk knows is retired (one a later version holds again is offered
   * again). A dossier's row holds its procedure's name, field and agency as they were when it was written, so the
   * dossiers of a procedure whose new version changes those are marked for refolding in the same transaction
   * (projections/refold-queue.ts; the sync round that brought the catalog writes them, sync/documents.ts). A retired
   * procedure keeps what it said last: its rows stay as they are. Returns how many dossiers were marked.
   *
   * `retired`: procedures earlier versions held that this one leaves out, as the server last had them. One the desk
   * never knew (it enrolled after the version that left it out) is stored retired, so the dossiers it pulls under it
   * are named by it and counted under its field; one it knows keeps what it said here.
   */
  take(procedures: readonly Procedure[], source: 'seed' | 'server', retired: readonly Procedure[] = []): number {
    const stmt = this.db.prepare(
      `INSERT INTO procedures (code, name, folded_name, field, level, friday_no_wait, agency, data, source)
       VALUES (@code, @name, @folded_name, @field, @level, @friday_no_wait, @agency, @data, @source)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, folded_name = excluded.folded_name, field = excluded.field,
         level = excluded.level, friday_no_wait = excluded.friday_no_wait, agency = excluded.agency, data = excluded.data,
         source = excluded.source`,
    );
    const markDossiersOf = this.db.prepare<[string]>(
      'INSERT OR IGNORE INTO sync_refold (dossier_id) SELECT id FROM dossiers WHERE procedure_code = ?',
    );
    const store = (p: Procedure) =>
      stmt.run({
        code: p.code,
        name: p.name,
        folded_name: foldText(`${p.name} ${p.field} ${p.code}`),
        field: p.field,
        level: p.level,
        friday_no_wait: p.fridayNoWait ? 1 : 0,
        agency: p.agency,
        data: JSON.stringify(p),
        source,
      });
    const before = this.held().byCode;
    let marked = 0;
    this.db.transaction(() => {
      const taken = new Set<string>();
      for (const raw of procedures) {
        const p = procedureSchema.parse(raw);
        taken.add(p.code);
        if (procedureFactsChanged(before.get(p.code), p)) marked += markDossiersOf.run(p.code).changes;
        store(p);
      }
      const learnt: string[] = [];
      for (const raw of retired) {
        const p = procedureSchema.parse(raw);
        if (taken.has(p.code) || before.has(p.code)) continue;
        learnt.push(p.code);
        // Their rows, pulled before (or written with the code alone), are named now.
        marked += markDossiersOf.run(p.code).changes;
        store(p);
      }
      this.settings.setRetiredProcedureCodes([...[...before.keys()].filter((code) => !taken.has(code)), ...learnt]);
    })();
    this.cache = null;
    this.takes += 1;
    return marked;
  }

  /** Moves whenever the catalog changes (work that copied procedures checks it: sync/worker-folds.ts). */
  get changes(): number {
    return this.takes;
  }

  private held(): Held {
    if (!this.cache) {
      const rows = this.db.prepare<[], { code: string; folded_name: string; data: string }>('SELECT code, folded_name, data FROM procedures ORDER BY code').all();
      this.cache = {
        byCode: new Map(rows.map((r) => JSON.parse(r.data) as Procedure).map((p) => [p.code, p])),
        folded: rows.map((r) => [r.code, r.folded_name]),
        retired: new Set(this.settings.retiredProcedureCodes()),
      };
    }
    return this.cache;
  }

  /** Every procedure the desk knows, retired ones included (what its dossiers are named and folded by). */
  list(): Procedure[] {
    return [...this.held().byCode.values()];
  }

  /** The same, each saying whether it is retired: what the screens choose from (catalog.procedures). */
  entries(): CatalogProcedure[] {
    const { byCode, retired } = this.held();
    return [...byCode.values()].map((p) => ({ ...p, retired: retired.has(p.code) }));
  }

  private isRetired(code: string): boolean {
    return this.held().retired.has(code);
  }

  find(code: string): Procedure | undefined {
    return this.held().byCode.get(code);
  }

  get(code: string): Procedure {
    const p = this.find(code);
    if (!p) {
      throw appFailure('unknown_procedure', `Không có thủ tục mã ${code} trong danh mục.`, `There is no procedure ${code} in the catalog.`, {
        field: 'procedureCode',
      });
    }
    return p;
  }

  /**
   * A procedure a new dossier may be recorded under: known and not retired. A screen still showing the catalog from
   * before the retirement is told why, and what to do.
   */
  offered(code: string): Procedure {
    const p = this.get(code);
    if (this.isRetired(code)) {
      throw appFailure(
        'procedure_retired',
        `Thủ tục ${p.code} (${p.name}) không còn trong danh mục thủ tục hiện hành của máy chủ: không tiếp nhận hồ sơ mới theo thủ tục này. Hãy chọn lại thủ tục; các hồ sơ đã nhận theo thủ tục này vẫn được xử lý như cũ.`,
        `Procedure ${p.code} (${p.name}) is no longer in the server's current catalog: no new dossier can be received under it. Choose the procedure again; the dossiers already received under it are handled as before.`,
        { field: 'procedureCode' },
      );
    }
    return p;
  }

  /** Offered procedures whose name, field or code contains every word typed, diacritics or not (from the cache). */
  search(query: string, limit: number): CatalogProcedure[] {
    const words = foldText(query).split(' ').filter(Boolean);
    return this.held()
      .folded.filter(([code, folded]) => !this.isRetired(code) && words.every((w) => folded.includes(w)))
      .slice(0, limit)
      .map(([code]) => ({ ...this.get(code), retired: false }));
  }
}
