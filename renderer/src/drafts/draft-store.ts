/**
 * Drafts of forms being filled in, kept in IndexedDB through Dexie so a renderer reload, a crash or a power cut
 * loses no typing: the reception form saves as the clerk types and offers the draft back when it opens.
 * Drafts are kept per user, so a colleague at a shared desk is not offered someone else's citizen: one per form,
 * plus the receptions a clerk has set aside (each under its own key that starts with the user's prefix).
 */
import Dexie, { type Table } from 'dexie';

export interface StoredDraft<T> {
  key: string;
  value: T;
  /** ISO instant of the last save. */
  savedAt: string;
}

class DraftDatabase extends Dexie {
  drafts!: Table<StoredDraft<unknown>, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ drafts: 'key' });
  }
}

export interface DraftStore {
  load<T>(key: string): Promise<StoredDraft<T> | null>;
  /** Every draft whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<StoredDraft<T>[]>;
  save<T>(key: string, value: T, now?: Date): Promise<void>;
  discard(key: string): Promise<void>;
}

export function openDraftStore(name = 'motcua-drafts'): DraftStore {
  const db = new DraftDatabase(name);
  return {
    async load<T>(key: string) {
      return ((await db.drafts.get(key)) as StoredDraft<T> | undefined) ?? null;
    },
    async list<T>(prefix: string) {
      return (await db.drafts.where('key').startsWith(prefix).toArray()) as StoredDraft<T>[];
    },
    async save(key, value, now = new Date()) {
      await db.drafts.put({ key, value, savedAt: now.toISOString() });
    },
    async discard(key) {
      await db.drafts.delete(key);
    },
  };
}

export const draftKey = (form: string, userId: string): string => `${form}:${userId}`;

/** The prefix of a clerk's drafts of one form kept under ids; the trailing colon keeps `u1` from matching `u10`. */
export const draftPrefix = (form: string, userId: string): string => `${draftKey(form, userId)}:`;

/** Newest first (then by key, so the order is stable): the form left last is the one most likely still wanted. */
export const newestFirst = <T>(drafts: readonly StoredDraft<T>[]): StoredDraft<T>[] =>
  [...drafts].sort((a, b) => b.savedAt.localeCompare(a.savedAt) || a.key.localeCompare(b.key));
