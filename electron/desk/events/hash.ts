/** The event hash: sha256 over the shared canonical text, so the desk and the server compute the same bytes. */
import { hash } from 'node:crypto';
import { canonicalEventText, type DossierEvent, type UnhashedDossierEvent } from '../../../shared/domain/events';

/**
 * sha256 of a text (UTF-8), lowercase hex. `crypto.hash` does it in one call, several times cheaper than a Hash
 * object per event, which a first pull (a quarter of a million events to check) notices.
 */
export const sha256Text = (text: string): string => hash('sha256', text, 'hex');

export function eventHash(event: UnhashedDossierEvent | DossierEvent): string {
  return sha256Text(canonicalEventText(event));
}
