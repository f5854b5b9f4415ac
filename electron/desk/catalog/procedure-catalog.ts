/**
 * The procedure catalog as the desk holds it: seeded from shared/catalog on first open, replaced later by the
 * server's versions (read-only on the desk). Cached in memory: receptions look procedures up constantly.
 */
import { foldText } from '../../../shared/text/fold';
import { procedureSchema, type Procedure } from '../../../shared/domain/procedure';
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';
import { procedureFactsChanged } from '../projections/dossier-row';

export class ProcedureCatalog {
  private cache: Map<string, Procedure> | null = null;
  private upserts = 0;

  constructor(private readonly db: Db) {}

  isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM procedures LIMIT 1').get() === undefined;
  }

  /**
   * Replaces or adds procedures (the seed on first open, or a version synced from the server). A dossier's row holds
   * its procedure's name, field and agency as they were when it was written, so the dossiers of a procedure whose
   * new version changes those are marked for refolding in the same transaction
   * (projections/refold-queue.ts; the sync round that brought the catalog writes them, sync/documents.ts). Returns
   * how many were marked.
   */
  upsert(procedures: readonly Procedure[], source: 'seed' | 'server'): number {
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
    const before = this.all();
    let marked = 0;
    this.db.transaction(() => {
      for (const raw of procedures) {
        const p = procedureSchema.parse(raw);
        if (procedureFactsChanged(before.get(p.code), p)) marked += markDossiersOf.run(p.code).changes;
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
      }
    })();
    this.cache = null;
    this.upserts += 1;
    return marked;
  }

  /** Moves whenever the catalog changes (work that copied procedures checks it: sync/worker-folds.ts). */
  get changes(): number {
    return this.upserts;
  }

  private all(): Map<string, Procedure> {
    if (!this.cache) {
      const rows = this.db.prepare<[], { data: string }>('SELECT data FROM procedures ORDER BY code').all();
      this.cache = new Map(rows.map((r) => JSON.parse(r.data) as Procedure).map((p) => [p.code, p]));
    }
    return this.cache;
  }

  list(): Procedure[] {
    return [...this.all().values()];
  }

  find(code: string): Procedure | undefined {
    return this.all().get(code);
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

  /** Procedures whose name, field or code contains every word typed, diacritics or not. */
  search(query: string, limit: number): Procedure[] {
    const words = foldText(query).split(' ').filter(Boolean);
    const rows = this.db.prepare<[], { code: string; folded_name: string }>('SELECT code, folded_name FROM procedures ORDER BY code').all();
    return rows
      .filter((r) => words.every((w) => r.folded_name.includes(w)))
      .slice(0, limit)
      .map((r) => this.get(r.code));
  }
}
