/**
 * The desk ⇄ server sync protocol: one version constant and the header names, imported by both sides
 * (DESIGN.md §5). A change to any message shape that an older peer cannot read bumps PROTOCOL_VERSION.
 */
export const PROTOCOL_VERSION = 2;

/**
 * Versions this build of the server still answers. 2: an applicant may be a person identified by a passport
 * (`applicant.idKind`): a server of version 1 would quarantine such a record as a wrong CCCD, so a desk of version 2
 * is refused by it, whole and in plain words, rather than have its receptions refused one by one. Version 2 also
 * keeps in a fee request the office time left when the clock stopped (`workingMsLeft`, optional): a peer that does
 * not know it measures that time at the payment, as before.
 */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1, 2];

/** Every request names the protocol version it speaks in this header. */
export const PROTOCOL_HEADER = 'x-motcua-protocol';

/** A desk authenticates with `Authorization: Device <deviceId>:<secret>`. */
export const DEVICE_AUTH_SCHEME = 'Device';

/** Limits both sides agree on, so a desk never builds a batch the server will refuse. */
export const SYNC_LIMITS = {
  /** Events in one push; sized so a batch of ordinary events stays well under 100 KB compressed on 2G. */
  maxPushEvents: 500,
  /** Events in one plain pull page. */
  maxPullLimit: 2000,
  /** Events in one compact pull page (a backlog moves in bigger, cheaper pages; ~170 B per dossier on the wire). */
  maxCompactPullLimit: 5000,
  /**
   * A pull that asks for the device's own events ends with those of them the server quarantined, the newest this
   * many: a desk restored from its backup needs the ones since that backup to continue its chain (DESIGN §5).
   */
  maxOwnQuarantined: 1000,
  defaultPullLimit: 500,
  /** Largest decompressed request body for push (bytes). */
  maxPushBodyBytes: 4 * 1024 * 1024,
  /** Largest chunk of one blob upload request (bytes). */
  maxBlobChunkBytes: 4 * 1024 * 1024,
  /** Largest attachment (bytes): a scanned dossier of a few dozen pages. */
  maxBlobBytes: 64 * 1024 * 1024,
} as const;
