/**
 * Which unit an event belongs to, and who may see it. A dossier belongs to the unit that received it (or that
 * the portal addressed); it also becomes visible to a unit it is transferred to, when `toAgency` names a unit
 * code this server serves (a free-text agency name gives no desk visibility).
 */
import { transferTargetUnit, type DossierEvent } from '../../shared/domain';
import type { DeviceRecord } from '../storage/contract';

/** The unit a dossier-creating event files the dossier under; null when the event cannot create a dossier. */
export function creatingUnit(event: DossierEvent, device: DeviceRecord): string | null {
  switch (event.type) {
    case 'dossier.received':
    case 'dossier.submitted_online':
      return event.payload.unitCode;
    case 'dossier.refused':
      return event.payload.unitCode ?? device.unitCode;
    default:
      return null;
  }
}

/** A desk writes only for its own unit; the server's portal device writes for any unit it serves. */
export const mayWriteFor = (device: DeviceRecord, unitCode: string): boolean =>
  device.kind === 'portal' || device.unitCode === unitCode;

export const mayActOn = (device: DeviceRecord, dossierUnits: readonly string[]): boolean =>
  device.kind === 'portal' || dossierUnits.includes(device.unitCode);

/** The unit code a transfer hands the dossier to, if `toAgency` is one. */
export function transferTarget(event: DossierEvent): string | null {
  if (event.type !== 'dossier.transferred') return null;
  return transferTargetUnit(event.payload.toAgency);
}

/** Attachments an event refers to (blob_refs); who may download them is the storage's blobReadableBy. */
export function referencedBlobs(event: DossierEvent): string[] {
  switch (event.type) {
    case 'dossier.attachment_linked':
      return [event.payload.sha256];
    case 'dossier.resolved':
      return event.payload.resultAttachmentSha256 ? [event.payload.resultAttachmentSha256] : [];
    case 'dossier.received':
    case 'dossier.submitted_online':
    case 'dossier.refused':
      return (event.payload.components ?? []).flatMap((c) =>
        c.attachmentSha256 ? [c.attachmentSha256] : [],
      );
    default:
      return [];
  }
}
