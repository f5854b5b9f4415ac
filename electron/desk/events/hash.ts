/** The event hash: sha256 over the shared canonical text, so the desk and the server compute the same bytes. */
import { createHash } from 'node:crypto';
import { canonicalEventText, type DossierEvent, type UnhashedDossierEvent } from '../../../shared/domain/events';

export function eventHash(event: UnhashedDossierEvent | DossierEvent): string {
  return createHash('sha256').update(canonicalEventText(event), 'utf8').digest('hex');
}
