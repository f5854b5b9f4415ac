/** Desk settings, one row per key; a key never written reads as its default. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { defaultDeskSettings, deskSettingsMessages, deskSettingsSchema, publicLookupUrlSchema, type DeskSettings, type DeskSettingsView } from '../../../shared/api/desk-settings';
import { appFailure } from '../../../shared/result';
import type { Db } from '../db/open-database';

const UPSERT = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
/** Not a key of DeskSettings: `get()` reads only those, and `settings.set` cannot write it. */
const DISTRICT_LOOKUP_KEY = 'districtLookupUrl';
/** Not a key of DeskSettings either: the codes of the procedures the catalog retired (a JSON array). */
const RETIRED_PROCEDURES_KEY = 'catalogRetiredCodes';

export class SettingsStore {
  constructor(private readonly db: Db) {}

  get(): DeskSettings {
    const stored: Record<string, unknown> = {};
    for (const row of this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings').all()) {
      if (row.key in defaultDeskSettings) stored[row.key] = JSON.parse(row.value) as unknown;
    }
    const parsed = deskSettingsSchema.safeParse({ ...defaultDeskSettings, ...stored });
    // A value written by an older version that no longer validates falls back to the defaults, not to a crash.
    return parsed.success ? parsed.data : defaultDeskSettings;
  }

  /** With what the district server hands down: what `settings.get` answers. */
  view(): DeskSettingsView {
    return { ...this.get(), districtLookupUrl: this.districtLookupUrl() };
  }

  /**
   * The lookup address the district server handed down with its unit registry (sync/units.ts), or null. Kept apart
   * from the desk's own settings: the server's replaces it at every fetch, the desk's own is the administrator's.
   */
  districtLookupUrl(): string | null {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(DISTRICT_LOOKUP_KEY);
    const value = row ? (JSON.parse(row.value) as unknown) : null;
    return typeof value === 'string' && publicLookupUrlSchema.safeParse(value).success ? value : null;
  }

  /** Written by the sync client inside its registry transaction. */
  setDistrictLookupUrl(address: string | null): void {
    if (address === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(DISTRICT_LOOKUP_KEY);
    else this.db.prepare(UPSERT).run(DISTRICT_LOOKUP_KEY, JSON.stringify(address));
  }

  /**
   * The procedures the catalog the desk took last left out (catalog/procedure-catalog.ts); none when it was taken by
   * a desk version that did not record them (the sync takes the server's catalog again then: sync/documents.ts).
   */
  retiredProcedureCodes(): string[] {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(RETIRED_PROCEDURES_KEY);
    return row ? (JSON.parse(row.value) as string[]) : [];
  }

  /** Written by the catalog inside the transaction that takes a version. */
  setRetiredProcedureCodes(codes: readonly string[]): void {
    this.db.prepare(UPSERT).run(RETIRED_PROCEDURES_KEY, JSON.stringify([...codes].sort()));
  }

  set(changes: Partial<DeskSettings>): DeskSettings {
    // A relative folder would be resolved from wherever the app was started (in an installed app, often its
    // install folder, which an update replaces): the scanner's folder is always given in full.
    if (typeof changes.scanInboxDir === 'string' && !path.isAbsolute(changes.scanInboxDir)) {
      throw appFailure(
        'invalid_path',
        'Thư mục quét phải là đường dẫn đầy đủ, ví dụ D:\\Scan.',
        'The scan folder must be a full path, such as D:\\Scan.',
        { field: 'scanInboxDir' },
      );
    }
    // A mistyped folder would be kept and the scan list would stay empty with no word why. A folder that goes away
    // later (a drive unplugged) is shown as missing by the inbox instead.
    if (typeof changes.scanInboxDir === 'string' && !isFolder(changes.scanInboxDir)) {
      throw appFailure(
        'invalid_path',
        `Không tìm thấy thư mục ${changes.scanInboxDir}. Hãy tạo thư mục đó (hoặc cắm ổ đĩa chứa nó) rồi lưu lại.`,
        `The folder ${changes.scanInboxDir} does not exist. Create it (or plug in the drive that holds it) and save again.`,
        { field: 'scanInboxDir' },
      );
    }
    // The API checks the address before it gets here; the demo set-up and other in-process callers come straight
    // in, and an address that would not validate on reading would make get() drop every setting to its default.
    if (typeof changes.publicLookupUrl === 'string') {
      const checked = publicLookupUrlSchema.safeParse(changes.publicLookupUrl);
      if (!checked.success) {
        const key = checked.error.issues[0]?.message;
        const text = key === 'lookup_url.credentials' ? deskSettingsMessages['lookup_url.credentials'] : deskSettingsMessages['lookup_url.format'];
        throw appFailure('validation', text.vi, text.en, { field: 'publicLookupUrl' });
      }
      changes = { ...changes, publicLookupUrl: checked.data };
    }
    const upsert = this.db.prepare(UPSERT);
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    })();
    return this.get();
  }
}

function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}
