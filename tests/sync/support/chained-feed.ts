/**
 * A unit's feed as the server delivers it: events of two devices, each chained to its device's previous one by
 * hash, with server sequence and time; and the body of a compact pull page that carries them.
 */
import { createHash } from 'node:crypto';
import { canonicalEventText, type DossierEvent } from '../../../shared/domain/events';
import { encodeCompactEvents } from '../../../shared/sync/compact-pull';
import type { StoredWireEvent } from '../../../shared/sync/messages';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const uuid = (n: number) => `0193a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;

/** Events of two devices, chained per device; `skip` leaves device sequences out (quarantined, or another unit's). */
export function chainedFeed(count: number, options: { skip?: Set<number> } = {}): StoredWireEvent[] {
  const heads = new Map<string, { seq: number; hash: string | null }>();
  const events: StoredWireEvent[] = [];
  for (let i = 0; i < count; i++) {
    const deviceId = i % 3 === 0 ? 'desk-b' : 'desk-a';
    const head = heads.get(deviceId) ?? { seq: 0, hash: null };
    const unhashed = {
      id: uuid(1000 + i),
      dossierId: uuid(Math.floor(i / 4)),
      deviceId,
      deviceSeq: head.seq + 1,
      type: i % 4 === 0 ? 'dossier.received' : 'dossier.transferred',
      // Keys deliberately not in sorted order: the page must still verify (the exact canonical text is used).
      payload:
        i % 2 === 0
          ? { toAgency: 'Phòng Tư pháp', note: `ghi chú ${i}` }
          : { code: `H56-${i}`, applicant: { name: 'Nguyễn Văn A', idNumber: '012345678901' } },
      baseVersion: i % 4,
      actor: { userId: `clerk-${deviceId}`, name: 'Trần Thị Lan', role: 'clerk' as const },
      deviceTime: `2025-03-0${1 + (i % 9)}T08:00:00.000+07:00`,
      prevHash: head.hash,
    };
    const hash = sha256(canonicalEventText(unhashed as unknown as DossierEvent));
    heads.set(deviceId, { seq: unhashed.deviceSeq, hash });
    if (options.skip?.has(i)) continue;
    events.push({
      ...unhashed,
      hash,
      serverSeq: 10 + i,
      serverTime: `2025-03-01T09:00:0${Math.floor(i / 5) % 10}.000+07:00`,
    });
  }
  return events;
}

/** The JSON body of a compact pull answer holding `events`, as the server sends it. */
export function compactPageBody(events: StoredWireEvent[], end: { nextCursor?: number; hasMore?: boolean } = {}): string {
  return JSON.stringify({
    format: 'compact-1',
    ...encodeCompactEvents(events),
    nextCursor: end.nextCursor ?? 99,
    hasMore: end.hasMore ?? false,
    epoch: 'e',
    serverTime: '2025-03-01T10:00:00.000+07:00',
    catalogVersion: 1,
    calendarVersion: 1,
  });
}
