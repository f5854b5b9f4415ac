/**
 * Draft writes land in the order they were asked for, whatever the store's own timing: a slow write is not
 * overtaken by a quicker one asked for after it, and a failed one does not hold back the next.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDraftStore, type DraftStore } from './draft-store';
import { orderedWrites } from './ordered-writes';

/** A store whose first save takes its time (an IndexedDB still opening, a busy disk), and whose saves can fail. */
function slowFirstSave(name: string, failing: Set<string> = new Set()): DraftStore {
  const real = openDraftStore(name);
  let first = true;
  return {
    ...real,
    async save(key, value, now) {
      if (first) {
        first = false;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      if (failing.has(String((value as { name?: string }).name))) throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return real.save(key, value, now);
    },
  };
}

describe('draft writes in order', () => {
  it('keeps the text typed last, not the slower write asked for before it', async () => {
    const store = orderedWrites(slowFirstSave('ordered-last-wins'));
    const first = store.save('reception:u1:f1', { name: 'Nguyễn Văn' });
    const second = store.save('reception:u1:f1', { name: 'Nguyễn Văn Đức' });
    await Promise.all([first, second]);
    expect((await store.load<{ name: string }>('reception:u1:f1'))?.value.name).toBe('Nguyễn Văn Đức');
  });

  it('removes a draft asked to go after a save still under way (a dossier received right after typing)', async () => {
    const store = orderedWrites(slowFirstSave('ordered-discard-after-save'));
    const saved = store.save('reception:u1:f1', { name: 'Lê Thị Hồng Nhung' });
    const gone = store.discard('reception:u1:f1');
    await Promise.all([saved, gone]);
    expect(await store.load('reception:u1:f1')).toBeNull();
  });

  it('reports a failed write to its caller and still makes the next one', async () => {
    const store = orderedWrites(slowFirstSave('ordered-after-failure', new Set(['hỏng'])));
    const failed = store.save('reception:u1:f1', { name: 'hỏng' });
    const next = store.save('reception:u1:f1', { name: 'Trịnh Văn Quyết' });
    await expect(failed).rejects.toThrow('Quota exceeded');
    await next;
    expect((await store.load<{ name: string }>('reception:u1:f1'))?.value.name).toBe('Trịnh Văn Quyết');
  });
});
