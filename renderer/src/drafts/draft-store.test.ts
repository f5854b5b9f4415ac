/**
 * The draft store on an IndexedDB in memory (fake-indexeddb, as the reception screen's tests): what a reload finds
 * again, and that a clerk's list of drafts set aside holds theirs only.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { draftKey, openDraftStore } from './draft-store';

describe('the draft store', () => {
  it('gives back a saved draft after the app opens the store again, with the time it was saved, until it is discarded', async () => {
    await openDraftStore('store-reload').save(draftKey('reception', 'u1'), { name: 'Nguyễn Văn Đức' }, new Date('2026-11-24T02:32:00Z'));
    const reopened = openDraftStore('store-reload');
    expect(await reopened.load(draftKey('reception', 'u1'))).toEqual({ key: 'reception:u1', value: { name: 'Nguyễn Văn Đức' }, savedAt: '2026-11-24T02:32:00.000Z' });
    expect(await reopened.load(draftKey('reception', 'u2'))).toBeNull();
    await reopened.discard(draftKey('reception', 'u1'));
    expect(await openDraftStore('store-reload').load(draftKey('reception', 'u1'))).toBeNull();
  });

  it('lists the drafts under a key prefix only: not the form being typed, not a colleague whose id starts the same', async () => {
    const store = openDraftStore('store-list');
    await store.save('reception:u1', { name: 'form being typed' });
    await store.save('reception-parked:u1:b', { name: 'Trịnh Văn Quyết' });
    await store.save('reception-parked:u1:a', { name: 'Lê Thị Hồng Nhung' });
    await store.save('reception-parked:u10:c', { name: 'a colleague’s citizen' });
    await store.save('reception-parked:u2:d', { name: 'another colleague’s citizen' });

    const listed = await openDraftStore('store-list').list<{ name: string }>('reception-parked:u1:');
    expect(listed.map((d) => [d.key, d.value.name])).toEqual([
      ['reception-parked:u1:a', 'Lê Thị Hồng Nhung'],
      ['reception-parked:u1:b', 'Trịnh Văn Quyết'],
    ]);
    expect(await store.list('reception-parked:u3:')).toEqual([]);
  });
});
