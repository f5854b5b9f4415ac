/**
 * What the server needs from its database. One implementation (sql-storage.ts) over two drivers, SQLite and
 * PostgreSQL; tests/server/storage.contract.test.ts runs the same suite against both.
 */
import type { LocalizedText } from '../../shared/result';
import type { OwnQuarantined, QuarantineReasonCode, StoredWireEvent, WireEvent } from '../../shared/sync/messages';
import type { UpgradeOptions } from './upgrade-needed';

export interface UnitRecord {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  parentCode: string | null;
}

export type DeviceKind = 'desk' | 'portal';

export interface DeviceRecord {
  id: string;
  kind: DeviceKind;
  unitCode: string;
  deskNumber: number;
  name: string;
  secretHash: string | null;
  enrolExpiresAt: string | null;
  createdAt: string;
  enrolledAt: string | null;
  revokedAt: string | null;
  lastSeq: number;
  lastHash: string | null;
}

/**
 * The first time a device sent a record under a number it had used for another one: two PCs work as that desk (a
 * copied disk or data folder). Kept for the administrator's list of desks; the PC told stops sending.
 */
export interface DeviceFork {
  deviceSeq: number;
  /** Server time of the push that showed it. */
  at: string;
  /** The latest fork seen, when another came after the first (a PC copied again): its number and time. */
  latestSeq?: number;
  latestAt?: string;
  /**
   * When the administrator said the PC told was dealt with (ServerStorage.markDeviceForkHandled): the note is no
   * longer shown, but its numbers stay, so the push still knows which forks it has seen. A later fork starts a new
   * note.
   */
  handledAt?: string;
  /**
   * The first refused record of each fork noted (event ids, the latest 100): a record refused before and sent again is
   * not news, while another PC copied from the same image, whose numbers fork at the same place, is (QA). Notes
   * written before these were kept go by `latestSeq` alone.
   */
  forkEventIds?: string[];
}

/** What marking a device's note handled found: the note marked now, one marked before, or none at all (undefined). */
export type DeviceForkHandling = { outcome: 'handled' | 'already_handled'; note: DeviceFork };

export interface NewDevice {
  id: string;
  kind: DeviceKind;
  unitCode: string;
  deskNumber: number;
  name: string;
  enrolCodeHash: string | null;
  enrolExpiresAt: string | null;
  createdAt: string;
}

/** What the server holds at one (device, deviceSeq): an accepted event or a quarantined one. */
export interface StoredAtSeq {
  eventId: string;
  hash: string;
  serverSeq: number | null;
  serverTime: string | null;
  quarantine: { reasonCode: QuarantineReasonCode; reason: LocalizedText } | null;
}

export interface DossierRecord {
  id: string;
  unitCode: string;
  code: string | null;
  /** Units whose desks see this dossier: the receiving unit and any unit it was transferred to. */
  units: string[];
}

export interface QuarantineRecord {
  deviceId: string;
  deviceSeq: number;
  eventId: string;
  dossierId: string;
  type: string;
  reasonCode: QuarantineReasonCode;
  reason: LocalizedText;
  at: string;
}

/** Operations inside one serialised sync transaction (push, portal submission). */
export interface SyncTx {
  device(deviceId: string): Promise<DeviceRecord | undefined>;
  storedAtSeq(deviceId: string, deviceSeq: number): Promise<StoredAtSeq | undefined>;
  eventIdTaken(eventId: string): Promise<boolean>;
  /**
   * Why this device's event that would have created the dossier (a reception, a refusal) was quarantined, if it was:
   * the device's later events on that dossier are refused for the same reason rather than waited on (push.ts).
   */
  quarantinedCreation(deviceId: string, dossierId: string): Promise<{ reasonCode: QuarantineReasonCode; reason: LocalizedText } | undefined>;
  dossier(dossierId: string): Promise<DossierRecord | undefined>;
  dossierIdByCode(code: string): Promise<string | undefined>;
  dossierIdByPortalRef(portalRef: string): Promise<string | undefined>;
  /**
   * The dossier's first accepted event: for a portal submission, what was submitted, as stored (its payload is
   * compared field by field with a resubmission under the same reference).
   */
  firstEvent(dossierId: string): Promise<StoredWireEvent | undefined>;
  createDossier(input: {
    id: string;
    unitCode: string;
    code: string | null;
    portalRef: string | null;
  }): Promise<void>;
  setDossierCode(dossierId: string, code: string): Promise<void>;
  /** Makes the dossier visible to a unit, delivering every event it already has to that unit's feed. */
  addDossierUnit(dossierId: string, unitCode: string): Promise<void>;
  /** Stores an accepted event, gives it the next server sequence and delivers it to the dossier's units. */
  appendEvent(event: WireEvent, serverTime: string): Promise<number>;
  quarantine(
    event: WireEvent,
    reasonCode: QuarantineReasonCode,
    reason: LocalizedText,
    at: string,
  ): Promise<void>;
  setDeviceHead(deviceId: string, seq: number, hash: string): Promise<void>;
  /**
   * Notes that a second PC sent records under this device's numbers (server/sync/push.ts): the first fork is kept as
   * it was, and a later one as the latest. After the note was marked handled, a fork begins a new note.
   */
  noteDeviceFork(deviceId: string, fork: { deviceSeq: number; at: string; eventId: string }): Promise<void>;
  /** The note, if any, handled or not. */
  deviceFork(deviceId: string): Promise<DeviceFork | undefined>;
  addBlobRef(sha256: string, dossierId: string): Promise<void>;
}

export interface PullPage {
  events: StoredWireEvent[];
  nextCursor: number;
  hasMore: boolean;
}

/**
 * The same page as `pull` gives, as the stored bytes: one line per event in delivery order,
 * `deliverySeq serverSeq serverTime body`, lines separated by a newline (a body, JSON without whitespace, has
 * none), UTF-8. A compact page is written from it without decoding the bodies (server/sync/compact-page-bytes.ts).
 */
export interface StoredPage {
  lines: Buffer;
  /** Events in `lines`. */
  count: number;
  nextCursor: number;
  hasMore: boolean;
}

/**
 * A settled stretch of a unit's feed: the `events` deliveries after `fromSeq` up to and including `toSeq`, every
 * device's, as a compact page's events compressed once (server/sync/feed-segments.ts). `devices`: the devices
 * whose events it holds (a pull leaves out the asking device's own, so it is served only to others).
 */
export interface FeedSegment {
  unitCode: string;
  fromSeq: number;
  toSeq: number;
  events: number;
  devices: string[];
  /** How `body` was written (FeedSegmenter's SEGMENT_FORMAT): a segment of another is not sent, and is rebuilt. */
  format: string;
  /** The compact page's events JSON, brotli-compressed. */
  body: Buffer;
  builtAt: string;
}

/** A segment without its bytes: enough to decide whether a desk may be sent it. */
export type FeedSegmentInfo = Omit<FeedSegment, 'body'>;

export interface VersionedDocument {
  version: number;
  body: unknown;
  updatedAt: string;
  updatedBy: string;
}

/**
 * What a publication of the catalog or the calendar did: stored the document as `version`; or, asked to publish over
 * a version that is no longer the current one (someone published meanwhile), stored nothing, and says which is.
 */
export type DocumentPublication = { published: true; version: number } | { published: false; currentVersion: number };

export interface BlobUploadState {
  sha256: string;
  size: number;
  received: number;
  complete: boolean;
}

export interface ServerUserRecord {
  username: string;
  name: string;
  role: 'clerk' | 'supervisor' | 'administrator';
  passwordHash: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface ServerStorage {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Creates or migrates the tables and makes sure an epoch exists; refuses a database from a newer server, and with
   * `upgrade: false` one from an older release (upgrade-needed.ts).
   */
  init(options?: UpgradeOptions): Promise<void>;
  close(): Promise<void>;

  epoch(): Promise<string>;
  /** A fresh random epoch: called after a restore so every desk re-uploads and re-pulls. */
  renewEpoch(): Promise<string>;
  /** The device the server itself writes with (online submissions from the portal). */
  portalDeviceId(): Promise<string>;
  /**
   * Gives the portal a new device, starting again from sequence 1. For a restore that could not take over the portal's
   * submissions made since the backup: desks hold them, so the old device's next sequence numbers are taken, and a
   * submission numbered again would be a second event at a place a desk already holds (it could pull nothing more).
   */
  renewPortalDevice(): Promise<string>;

  /** Adds or renames a unit; a change (not a put of the same unit) moves the units version on. */
  putUnit(unit: UnitRecord): Promise<void>;
  unit(code: string): Promise<UnitRecord | undefined>;
  listUnits(): Promise<UnitRecord[]>;
  /** Moves on each time a unit is added or changed (0 before any): a desk refetches the units when it differs. */
  unitsVersion(): Promise<number>;
  /**
   * The public status-lookup address the district's desks print on receipts (null: none set), handed down with the
   * unit registry; a desk's own setting overrides it. Setting another one moves the units version on, so desks
   * fetch it in their next round.
   */
  lookupAddress(): Promise<string | null>;
  setLookupAddress(address: string | null): Promise<void>;

  createDevice(device: NewDevice): Promise<DeviceRecord>;
  device(id: string): Promise<DeviceRecord | undefined>;
  listDevices(): Promise<DeviceRecord[]>;
  /** The devices a second PC has sent records for, by device id (SyncTx.noteDeviceFork), handled notes too. */
  deviceForks(): Promise<Map<string, DeviceFork>>;
  /**
   * Marks the device's note handled at `at` (the administrator made the PC told a new desk), keeping its numbers:
   * undefined when the device has no note.
   */
  markDeviceForkHandled(deviceId: string, at: string): Promise<DeviceForkHandling | undefined>;
  /** The not-yet-used, not-revoked device holding this enrolment code. */
  deviceByEnrolCode(codeHash: string): Promise<DeviceRecord | undefined>;
  /** Consumes the enrolment code; false when someone else consumed it first. */
  completeEnrolment(
    id: string,
    codeHash: string,
    secretHash: string,
    name: string,
    at: string,
  ): Promise<boolean>;
  revokeDevice(id: string, at: string): Promise<boolean>;
  /**
   * Lifts the revocation of an enrolled desk (revoked by mistake): its credentials work again. False when it is not
   * a revoked, enrolled desk. The caller checks first that no live device holds its desk number.
   */
  reinstateDevice(id: string): Promise<boolean>;

  syncTransaction<T>(fn: (tx: SyncTx) => Promise<T>): Promise<T>;
  /** Events delivered to a unit after the cursor, leaving out those of `excludeDeviceId` (the asking device) if given. */
  pull(unitCode: string, excludeDeviceId: string | null, cursor: number, limit: number): Promise<PullPage>;
  /**
   * The same page as `pull`, as its stored bytes. With `upTo` (a delivery at or below the unit's newest), the page
   * ends there at the latest, and says there is more when the unit's feed goes on past it.
   */
  pullStored(
    unitCode: string,
    excludeDeviceId: string | null,
    cursor: number,
    limit: number,
    upTo?: number,
  ): Promise<StoredPage>;
  /** The newest delivery to any unit (0 before any). */
  newestDeliverySeq(): Promise<number>;
  /** The units with deliveries in (after, upTo]. */
  unitsDeliveredBetween(after: number, upTo: number): Promise<string[]>;
  /** The device ids among the unit's deliveries in (fromSeq, toSeq]. */
  deliveredDevices(unitCode: string, fromSeq: number, toSeq: number): Promise<string[]>;
  /** The unit's segment that starts at `fromSeq`, if one was built. */
  feedSegment(unitCode: string, fromSeq: number): Promise<FeedSegment | undefined>;
  /** The same without its bytes (read for every pull page, to decide). */
  feedSegmentInfo(unitCode: string, fromSeq: number): Promise<FeedSegmentInfo | undefined>;
  /** Drops every unit's segments written in another format than this one (they are built again); returns how many. */
  dropFeedSegmentsNotOf(format: string): Promise<number>;
  /** The delivery `n` places after `after` in the unit's feed (n ≥ 1), if the feed is that long. */
  deliveryAt(unitCode: string, after: number, n: number): Promise<number | undefined>;
  /** Where the first segment after `cursor` starts (its `fromSeq` > cursor), if any was built. */
  nextFeedSegmentStart(unitCode: string, cursor: number): Promise<number | undefined>;
  /** Where the unit's last built segment ends (0 before any): the next one starts there. */
  feedSegmentsEnd(unitCode: string): Promise<number>;
  /** Stores a segment; one already stored at the same start is kept (two builders wrote the same rows). */
  putFeedSegment(segment: FeedSegment): Promise<void>;
  /** Deliveries to a unit after the cursor, every device's: what a pull from there has left, about (its progress). */
  countDeliveries(unitCode: string, cursor: number): Promise<number>;
  eventById(id: string): Promise<StoredWireEvent | undefined>;
  countEvents(): Promise<number>;
  dossier(dossierId: string): Promise<DossierRecord | undefined>;
  listQuarantine(limit: number): Promise<QuarantineRecord[]>;
  /** A device's own quarantined events as it sent them, the newest `limit`, oldest first (pull with includeOwn). */
  ownQuarantined(deviceId: string, limit: number): Promise<OwnQuarantined[]>;

  document(kind: 'catalog' | 'calendar'): Promise<VersionedDocument | undefined>;
  /** The bodies of every version of the kind, oldest first (a report names a procedure a later version left out). */
  documentHistory(kind: 'catalog' | 'calendar'): Promise<unknown[]>;
  /**
   * Publishes `body` as the kind's next version. With `expectedVersion` (the version the edit began from; 0 before
   * any), only if that is still the current one: the compare and the store are one transaction, so of two servers on
   * one database publishing over the same version, one does and the other is told the version now current.
   */
  putDocument(
    kind: 'catalog' | 'calendar',
    body: unknown,
    at: string,
    by: string,
    expectedVersion?: number,
  ): Promise<DocumentPublication>;

  /*
   * Blobs by possession: a unit holds a blob once one of its desks uploaded bytes that matched the hash. An upload
   * belongs to a unit (its desks resume it; no other unit sees it), and the content is stored once for all holders.
   */
  /** Where `unitCode`'s upload stands: complete when the unit holds the blob, undefined when it has none. */
  blobUpload(sha256: string, unitCode: string): Promise<BlobUploadState | undefined>;
  /** The unit's upload, started if it has none (or complete if it holds the blob). */
  startBlobUpload(
    sha256: string,
    size: number,
    unitCode: string,
    deviceId: string | null,
    at: string,
  ): Promise<BlobUploadState>;
  /** The bytes a device's unfinished uploads declare, all together (the route caps them). */
  openUploadBytes(deviceId: string): Promise<number>;
  /** Removes the unfinished uploads started before `before` (a VN ISO instant), with their chunks; returns how many. */
  discardUploadsStartedBefore(before: string): Promise<number>;
  /** Appends a chunk if it starts exactly at the received offset; returns the new state, or undefined if not. */
  appendBlobChunk(sha256: string, unitCode: string, offset: number, data: Buffer): Promise<BlobUploadState | undefined>;
  uploadedBytes(sha256: string, unitCode: string): Promise<Buffer>;
  /**
   * Moves the unit's complete, verified upload into the blob store and makes the unit a holder; content another
   * unit already stored is kept, not stored again.
   */
  commitBlob(sha256: string, unitCode: string, data: Buffer, uploadedBy: string | null, at: string): Promise<void>;
  discardBlobUpload(sha256: string, unitCode: string): Promise<void>;
  blob(sha256: string): Promise<{ size: number; data: Buffer; uploadedBy: string | null } | undefined>;
  /** The stored blob's size, without reading its bytes (a download decides its range from it); undefined if none. */
  blobSize(sha256: string): Promise<number | undefined>;
  /**
   * The stored blob's bytes from `start` up to `end` (exclusive), cut short at its end: a ranged download (a desk
   * resuming a scan cut off on a 2G line) reads only the part it sends. Empty when `start` is at or past the end;
   * undefined when the blob is not stored.
   */
  blobBytes(sha256: string, start: number, end: number): Promise<Buffer | undefined>;
  /**
   * Whether a desk of this unit may read the blob: the unit holds it, or a dossier visible to the unit refers to it
   * by an accepted event from a desk of a unit that holds it (a dossier transferred to a district brings its scans).
   */
  blobReadableBy(sha256: string, unitCode: string): Promise<boolean>;

  putUser(user: ServerUserRecord): Promise<void>;
  user(username: string): Promise<ServerUserRecord | undefined>;
  listUsers(): Promise<ServerUserRecord[]>;
  disableUser(username: string, at: string): Promise<boolean>;
}
