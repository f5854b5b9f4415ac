/**
 * The sync client's own records in the desk database (`sync_meta`, keys owned by this folder): where the server
 * is, this device's secret, the server epoch and pull cursor the desk has applied, where a re-upload stands,
 * the document versions held, the last success and the last clock reading. Kept in the desk database so a cursor
 * always moves in the same transaction as the events it covers, and a backup restores both together.
 */
import type { Db } from '../db/open-database';
import type { ClockReading } from './clock-skew';
import {
  causeOfMark,
  type CatchUpCause,
  RESTORE_CATCH_UP_KEY,
  SYNC_INCLUDE_OWN_KEY,
  SYNC_REVOKED_KEY,
  SYNC_SECRET_KEY,
  SYNC_SERVER_URL_KEY,
} from '../identity/restore-catch-up';

const KEYS = {
  serverUrl: SYNC_SERVER_URL_KEY,
  secret: SYNC_SECRET_KEY,
  epoch: 'epoch',
  cursor: 'cursor',
  includeOwn: SYNC_INCLUDE_OWN_KEY,
  resendFrom: 'resendFromSeq',
  lastSyncAt: 'lastSyncAt',
  clockReading: 'clockReading',
  catalogVersion: 'catalogVersion',
  calendarVersion: 'calendarVersion',
  unitsVersion: 'unitsVersion',
  revoked: SYNC_REVOKED_KEY,
  restoreCatchUp: RESTORE_CATCH_UP_KEY,
  catalogRetiredAsked: 'catalogRetiredAsked',
} as const;

const BLOB_PREFIX = 'blobUploaded:';

export class SyncMeta {
  constructor(private readonly db: () => Db) {}

  private get(key: string): string | null {
    const row = this.db()
      .prepare<[string], { value: string }>('SELECT value FROM sync_meta WHERE key = ?')
      .get(key);
    return row?.value ?? null;
  }

  private set(key: string, value: string | number | null): void {
    if (value === null) {
      this.db().prepare('DELETE FROM sync_meta WHERE key = ?').run(key);
      return;
    }
    this.db()
      .prepare(
        'INSERT INTO sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, String(value));
  }

  private number(key: string): number | null {
    const value = this.get(key);
    return value === null ? null : Number(value);
  }

  get serverUrl(): string | null {
    return this.get(KEYS.serverUrl);
  }
  set serverUrl(value: string | null) {
    this.set(KEYS.serverUrl, value);
  }

  /** This device's secret: read only to build the Authorization header, never logged or returned by the API. */
  get secret(): string | null {
    return this.get(KEYS.secret);
  }
  set secret(value: string | null) {
    this.set(KEYS.secret, value);
  }

  get epoch(): string | null {
    return this.get(KEYS.epoch);
  }
  set epoch(value: string | null) {
    this.set(KEYS.epoch, value);
  }

  /** The last delivery sequence of this unit's feed applied here. */
  get cursor(): number {
    return this.number(KEYS.cursor) ?? 0;
  }
  set cursor(value: number) {
    this.set(KEYS.cursor, value);
  }

  /** Pull this device's own events too, until the feed is read to its end (after a server restore). */
  get includeOwn(): boolean {
    return this.get(KEYS.includeOwn) === '1';
  }
  set includeOwn(value: boolean) {
    this.set(KEYS.includeOwn, value ? 1 : null);
  }

  /** Restored from the desk's own backup: this device's own events are pulled back before it records more. */
  get restoreCatchUp(): boolean {
    return this.get(KEYS.restoreCatchUp) !== null;
  }
  set restoreCatchUp(value: boolean) {
    this.set(KEYS.restoreCatchUp, value ? 1 : null);
  }

  /** Why the desk is catching up (a restore, a lost write-ahead log), or null (identity/restore-catch-up.ts). */
  get catchUpCause(): CatchUpCause | null {
    return causeOfMark(this.get(KEYS.restoreCatchUp));
  }

  /**
   * The catalog was taken whole from a server since desks learn the procedures it retired with it (documents.ts):
   * one taken before by this release's predecessor is taken once more.
   */
  get catalogRetiredAsked(): boolean {
    return this.get(KEYS.catalogRetiredAsked) !== null;
  }
  set catalogRetiredAsked(value: boolean) {
    this.set(KEYS.catalogRetiredAsked, value ? 1 : null);
  }

  /** Re-send this device's events from this sequence, whatever their state (after a restore or a gap). */
  get resendFrom(): number | null {
    return this.number(KEYS.resendFrom);
  }
  set resendFrom(value: number | null) {
    this.set(KEYS.resendFrom, value);
  }

  get lastSyncAt(): string | null {
    return this.get(KEYS.lastSyncAt);
  }
  set lastSyncAt(value: string | null) {
    this.set(KEYS.lastSyncAt, value);
  }

  /**
   * The server's time in its last answer and this PC's clock minus it then (JSON), kept so a desk restarted while
   * the server is out of reach still knows its clock was wrong, and that real time is at least that late.
   */
  get clockReading(): ClockReading | null {
    const value = this.get(KEYS.clockReading);
    if (value === null) return null;
    try {
      const parsed = JSON.parse(value) as Partial<ClockReading>;
      return typeof parsed.serverTime === 'string' && typeof parsed.skewMs === 'number' && Number.isFinite(parsed.skewMs)
        ? { serverTime: parsed.serverTime, skewMs: parsed.skewMs }
        : null;
    } catch {
      return null;
    }
  }
  set clockReading(value: ClockReading | null) {
    this.set(KEYS.clockReading, value === null ? null : JSON.stringify({ serverTime: value.serverTime, skewMs: Math.round(value.skewMs) }));
  }

  get catalogVersion(): number {
    return this.number(KEYS.catalogVersion) ?? 0;
  }
  set catalogVersion(value: number) {
    this.set(KEYS.catalogVersion, value);
  }

  get calendarVersion(): number {
    return this.number(KEYS.calendarVersion) ?? 0;
  }
  set calendarVersion(value: number) {
    this.set(KEYS.calendarVersion, value);
  }

  /**
   * The version of the server's unit registry the desk holds (units/desk-units.ts); null until it has read one, so
   * a desk enrolled before the registry came down, or whose fetch at enrolment failed, reads it at its next round.
   */
  get unitsVersion(): number | null {
    return this.number(KEYS.unitsVersion);
  }
  set unitsVersion(value: number | null) {
    this.set(KEYS.unitsVersion, value);
  }

  /** The server's refusal of this device (JSON { vi, en }), kept so a restart does not retry in vain. */
  get revoked(): { vi: string; en: string } | null {
    const value = this.get(KEYS.revoked);
    return value === null ? null : (JSON.parse(value) as { vi: string; en: string });
  }
  set revoked(value: { vi: string; en: string } | null) {
    this.set(KEYS.revoked, value === null ? null : JSON.stringify(value));
  }

  isBlobUploaded(sha256: string): boolean {
    return this.get(BLOB_PREFIX + sha256) !== null;
  }

  markBlobUploaded(sha256: string): void {
    this.set(BLOB_PREFIX + sha256, 1);
  }

  /** After a server restore: the restored server may lack any attachment sent since its backup. */
  forgetUploadedBlobs(): void {
    this.db().prepare('DELETE FROM sync_meta WHERE key LIKE ?').run(`${BLOB_PREFIX}%`);
  }
}
