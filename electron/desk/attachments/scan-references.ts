/**
 * What this desk's events say of a scan: the name, type and size a `dossier.attachment_linked` event gave it. A scan
 * the desk lacks is downloaded only when an event here names it (the desk asks for nothing it has not been shown),
 * and is stored under that name.
 */
import { attachmentLinkedPayloadSchema } from '../../../shared/domain/events';
import type { Db } from '../db/open-database';

export interface NamedScan {
  fileName: string;
  mime: string;
  size: number;
}

/**
 * The latest link of the scan in `dossierId`'s events (read through the events' dossier index), else in any event
 * here (a scan of every link: for callers that do not say where the scan was shown).
 */
export function scanNamedByEvents(db: Db, sha256: string, dossierId?: string): NamedScan | null {
  return (dossierId ? firstLinkOf(linkPayloads(db, sha256, dossierId), sha256) : null) ?? firstLinkOf(linkPayloads(db, sha256), sha256);
}

/** The link events' payloads that contain the hash: the server's, newest first, then those not sent yet. */
function linkPayloads(db: Db, sha256: string, dossierId?: string): string[] {
  const inDossier = dossierId ? 'dossier_id = ? AND ' : '';
  return db
    .prepare<unknown[], string>(
      `SELECT payload FROM events WHERE ${inDossier}type = 'dossier.attachment_linked' AND instr(payload, ?) > 0
        ORDER BY server_seq IS NULL, server_seq DESC`,
    )
    .pluck()
    .all(...(dossierId ? [dossierId, sha256] : [sha256]));
}

function firstLinkOf(payloads: string[], sha256: string): NamedScan | null {
  for (const payload of payloads) {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      continue;
    }
    const parsed = attachmentLinkedPayloadSchema.safeParse(json);
    // The hash may also appear elsewhere in a payload (in a file's name): only the link's own hash counts.
    if (parsed.success && parsed.data.sha256 === sha256) {
      return { fileName: parsed.data.fileName, mime: parsed.data.mime, size: parsed.data.size };
    }
  }
  return null;
}
