/**
 * The dossier list's "Đồng bộ" filter: offered only on a desk that syncs with a server (a desk working alone has
 * nothing waiting to be sent), with how many dossiers wait in each state a clerk looks for. The counts come from the
 * list itself (`total` of a one-row page): each of these states has a small partial index on the desk (migrations
 * 008 and 009), so three counts cost a few milliseconds even on a large desk. "Đã đồng bộ" gets no count: it is
 * nearly every dossier, and counting it reads the whole table.
 */
import { useEffect, useState } from 'react';
import type { DeskCall } from '../../../../shared/api/desk-api';
import type { SyncStateChoice } from '../../store/dossier-list-place';
import { useSyncState } from '../../store/sync';

/** In the order a clerk looks for them: what has not reached the server yet, then what needs a person. */
export const SYNC_STATE_CHOICES: readonly SyncStateChoice[] = ['pending', 'quarantined', 'conflict', 'synced'];
const COUNTED: readonly SyncStateChoice[] = ['pending', 'quarantined', 'conflict'];

export type SyncStateCounts = Partial<Record<SyncStateChoice, number>>;

/**
 * Whether this desk syncs, and the counts; read when the list opens and again whenever the sync indicator hears
 * the pending count or the last sync move (a round sent or refused something).
 */
export function useSyncStateFilter(call: DeskCall): { syncs: boolean; counts: SyncStateCounts } {
  const [syncs, setSyncs] = useState(false);
  const [counts, setCounts] = useState<SyncStateCounts>({});
  const snapshot = useSyncState((s) => s.snapshot);
  const mark = snapshot ? `${snapshot.pending}|${snapshot.lastSyncAt}` : '';
  useEffect(() => {
    let live = true;
    void (async () => {
      const status = await call('sync.status', {});
      if (!live || !status.ok) return;
      // `enrolled` is said by a desk with a sync client; a desk working alone leaves it out or says false.
      const enrolled = status.value.enrolled === true;
      setSyncs(enrolled);
      if (!enrolled) return;
      const totals = await Promise.all(COUNTED.map((syncState) => call('dossiers.list', { syncState, limit: 1 })));
      if (!live) return;
      const next: SyncStateCounts = {};
      COUNTED.forEach((state, i) => {
        const result = totals[i];
        if (result?.ok) next[state] = result.value.total;
      });
      setCounts(next);
    })();
    return () => {
      live = false;
    };
  }, [call, mark]);
  return { syncs, counts };
}
