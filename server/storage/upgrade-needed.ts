/**
 * Only the server upgrades its database (`motcua server`, `motcua server restore`, `motcua start`). A command from a
 * new release run beside the old release's server (`list-desks` to check the install, a report, an import) would
 * otherwise upgrade the file under it: the old server then writes rows the new schema refuses (scan uploads failed
 * with 503) or that the new server reads differently (a scan sent as "already there" with no holder recorded).
 */
export interface UpgradeOptions {
  /** False for every command but the server's own start: an older database is refused, not upgraded. */
  upgrade?: boolean;
  /** Told before an older database is upgraded, so the operator hears why the start waits (it can take minutes). */
  onUpgrade?: (what: 'storage' | 'reports', from: number, to: number) => void;
}

export class DatabaseUpgradeNeeded extends Error {
  override name = 'DatabaseUpgradeNeeded';
  readonly vi: string;
  readonly en: string;

  constructor(what: { en: string; vi: string }, from: number, to: number) {
    const en = `The ${what.en} is at version ${from}; this MotCua release upgrades it to ${to} when its server starts. Stop the server that is running, start this release's (motcua server), then run this command again. Nothing was changed.`;
    super(en);
    this.en = en;
    this.vi = `${what.vi} đang ở phiên bản ${from}; bản MotCua này nâng cấp lên ${to} khi máy chủ của nó khởi động. Hãy dừng máy chủ đang chạy, khởi động máy chủ của bản này (motcua server), rồi chạy lại lệnh. Chưa thay đổi gì.`;
  }
}

/**
 * A database written by a newer release (a server rolled back to the previous release over the new one's file, a
 * copy opened by an old `motcua`): never read or written, since this release cannot know what the newer rows mean.
 */
export class DatabaseTooNew extends Error {
  override name = 'DatabaseTooNew';
  readonly vi: string;
  readonly en: string;

  constructor(what: { en: string; vi: string }, found: number, known: number) {
    const en = `The ${what.en} was written by a newer MotCua server (version ${found}; this release knows up to ${known}). Install the newer release and run this command again. Nothing was changed.`;
    super(en);
    this.en = en;
    this.vi = `${what.vi} do một bản máy chủ MotCua mới hơn ghi (phiên bản ${found}; bản này chỉ biết đến ${known}). Hãy cài bản mới hơn rồi chạy lại lệnh. Chưa thay đổi gì.`;
  }
}

/**
 * Refuses a database newer than this release, and one older than it when the caller may not upgrade it; a new,
 * empty one is created.
 */
export function refuseUpgrade(options: UpgradeOptions, current: number, latest: number, what: { en: string; vi: string }): void {
  if (current > latest) throw new DatabaseTooNew(what, current, latest);
  if (options.upgrade === false && current > 0 && current < latest) throw new DatabaseUpgradeNeeded(what, current, latest);
}
