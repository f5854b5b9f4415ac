/**
 * Giving picked scans back to the scan folder. A scan picked for a paper is moved out of the folder by the desk
 * (`attachments.import`, into `imported/`); when no dossier takes it (a form thrown away or refused, a paper left
 * unticked, another procedure chosen), `attachments.putBack` moves it back, where the clerk picks it again or deletes
 * it — unless another form of the clerk's still names it (`stillNamed`): an offer and a reception set aside may be two
 * copies of one form, and the copy left would lose its papers (the desk forgets a scan put back, so its link fails)
 * while the files wait in the folder for another citizen.
 */
import { useCallback, useRef, useState } from 'react';
import { useDesk } from '../../desk-context';
import type { PickedScan } from './ScanPicker';
import type { ComponentDraft, ReceptionDraft } from './model';

/** The sha256 of every scan another form still names; `leaving` is the form the scans come from (see putBackScans). */
export type ScansStillNamed = (leaving?: ReceptionDraft) => Promise<Set<string>>;

export function useScanPutBack(stillNamed: ScansStillNamed) {
  const { call } = useDesk();
  /** Scans the desk could not put back (or that could not be checked as free): counted, and tried again with the next. */
  const notReturned = useRef<PickedScan[]>([]);
  const [notReturnedCount, setNotReturnedCount] = useState(0);
  /** One put-back after another, so two never share the list above or give the same scan back twice. */
  const putBacks = useRef<Promise<void>>(Promise.resolve());

  /**
   * Gives back the scans of `components`. `leaving`: the form these come from, whose own draft may not have left the
   * store yet; called after that form has left the screen. One the desk does not put back stays in `imported/`: said
   * in a count (a scan's file name may be a citizen's name, typed by whoever saved it), and tried again with the next.
   */
  const putBackScans = useCallback(
    (components: ComponentDraft[], leaving?: ReceptionDraft): Promise<void> => {
      const giveBack = async () => {
        const asked = new Map<string, PickedScan>();
        for (const scan of notReturned.current) asked.set(`${scan.sha256}/${scan.fileName}`, scan);
        for (const c of components) {
          if (c.attachmentSha256 && c.attachmentName) asked.set(`${c.attachmentSha256}/${c.attachmentName}`, { sha256: c.attachmentSha256, fileName: c.attachmentName });
        }
        if (asked.size === 0) return;
        let named: Set<string>;
        try {
          named = await stillNamed(leaving);
        } catch {
          // The drafts could not be read: any of these may still be wanted, so none goes back now.
          notReturned.current = [...asked.values()];
          setNotReturnedCount(asked.size);
          return;
        }
        const failed: PickedScan[] = [];
        for (const scan of asked.values()) {
          if (named.has(scan.sha256)) continue;
          const returned = await call('attachments.putBack', scan).catch(() => null);
          if (!returned?.ok) failed.push(scan);
        }
        notReturned.current = failed;
        setNotReturnedCount(failed.length);
      };
      const turn = putBacks.current.then(giveBack);
      putBacks.current = turn.catch(() => undefined);
      return turn;
    },
    [call, stillNamed],
  );

  return { putBackScans, notReturnedCount };
}
