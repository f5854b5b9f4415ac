/**
 * The scans picked for the papers, linked now that the dossier exists (one event each, through the same
 * `attachments.link` as the detail screen). The reception itself is already recorded: a scan that cannot be
 * linked is reported for the clerk to attach from the dossier screen, and left off the slip.
 */
import type { Receipt } from '../../../../shared/api/dossier-views';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { scansToLink } from './model';

export interface ScanLinks {
  /** The papers whose scan the dossier now has. */
  linked: Set<string>;
  /** The names of the papers whose scan could not be linked. */
  failed: string[];
}

export async function linkScans(call: DeskCall, receipt: Receipt, scans: ReturnType<typeof scansToLink>): Promise<ScanLinks> {
  const linked = new Set<string>();
  const failed: string[] = [];
  let version = receipt.dossier.version;
  for (const scan of scans) {
    const r = await call('attachments.link', { dossierId: receipt.dossier.id, sha256: scan.sha256, ...(scan.fileName ? { fileName: scan.fileName } : {}), target: { componentId: scan.componentId }, expectedVersion: version });
    if (r.ok) {
      linked.add(scan.componentId);
      version = r.value.dossier.version;
    } else {
      failed.push(scan.name);
    }
  }
  return { linked, failed };
}
