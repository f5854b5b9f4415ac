/**
 * The files of a scan picked from the scan folder (an UnlinkedInboxImport): set aside to the folder's `imported/`
 * when it is picked, so the folder lists only what is left to do and another paper cannot take it by mistake, and
 * back in the folder when the pick is undone (taken off its paper, the form thrown away, its link failed).
 *
 * Names are no proof of which file is ours: a pick is remembered across restarts and restores, and a scanner that
 * starts its numbering again writes a new "scan-0001.pdf" beside ours. So a file is never moved over another (a free
 * name is taken: "scan-0001 (2).pdf"), and ours is recognised by its content.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { copyDurably, freePath, moveDurably, sha256OfFile } from './durable-file';
import type { UnlinkedInboxImport } from './unlinked-inbox-imports';

/** Where a file picked from the folder is set aside to: a name of its own in `imported/` beside it. */
export function asidePathOf(inboxFile: string): string {
  return freePath(path.join(path.dirname(inboxFile), 'imported'), path.basename(inboxFile));
}

/** Sets the picked file aside; says whether it moved (it does not while it is open in the scanner's software). */
export function setAside(inboxFile: string, to: string): boolean {
  try {
    mkdirSync(path.dirname(to), { recursive: true });
  } catch {
    return false;
  }
  return moveDurably(inboxFile, to);
}

/**
 * A pick whose move had not happened when the desk stopped (a crash between its rows and the move): once linked, the
 * file still listed in the folder is set aside after all, or it would be offered for the next citizen's papers too.
 */
export function finishSetAside(u: UnlinkedInboxImport): void {
  if (u.setAsideTo !== null && sha256OfFile(u.inboxFile) === u.sha256) setAside(u.inboxFile, asidePathOf(u.inboxFile));
}

export interface PagesBack {
  /** The pages are in the scan folder now, offered again. */
  inInbox: boolean;
  /** A copy of the pages is outside the store (in the folder or in `imported/`), so the store's may go. */
  copyOutside: boolean;
}

/**
 * Puts the picked pages back in the scan folder: ours from `imported/` (under its old name, or a free one beside a
 * new scan of that name), or, when ours is in neither place (`imported/` cleared by hand, or a later scan of the
 * same name overwrote it before names were kept apart), written back from the store's copy `stored`.
 */
export function pagesBackToInbox(u: UnlinkedInboxImport, stored: string): PagesBack {
  // Never moved: still open in the scanner's software at the pick, or a crash before the move.
  if (sha256OfFile(u.inboxFile) === u.sha256) return { inInbox: true, copyOutside: true };
  const back = freePath(path.dirname(u.inboxFile), path.basename(u.inboxFile));
  if (u.setAsideTo !== null && sha256OfFile(u.setAsideTo) === u.sha256) {
    // The folder gone (a drive unplugged): the scan stays in imported/, where it was.
    return { inInbox: moveDurably(u.setAsideTo, back), copyOutside: true };
  }
  const restored = copyDurably(stored, back);
  return { inInbox: restored, copyOutside: restored };
}
