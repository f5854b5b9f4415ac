/** What the clerk reads about sync problems, in both languages, agrees with the count it gives. */
import { describe, expect, it } from 'vitest';
import { syncMessages } from '../../electron/desk/sync/sync-messages';

describe('sync problem messages', () => {
  it('say "1 dossier is" and "2 dossiers are" in English, and give the count in Vietnamese', () => {
    expect(syncMessages.conflicts(1).en).toBe('1 dossier is in conflict between desks and needs a supervisor to resolve it.');
    expect(syncMessages.conflicts(2).en).toBe('2 dossiers are in conflict between desks and need a supervisor to resolve them.');
    // Dossiers, as the Sync screen heads and lists them.
    expect(syncMessages.quarantined(1).en).toMatch(/^1 dossier has a change the server refused, kept for review/);
    expect(syncMessages.quarantined(3).en).toMatch(/^3 dossiers have changes the server refused, kept for review/);
    expect(syncMessages.quarantined(3).vi).toMatch(/^3 hồ sơ có thay đổi bị máy chủ từ chối/);
    expect(syncMessages.waitingForServer(1).en).toMatch(/^1 change is waiting/);
    expect(syncMessages.waitingForServer(4).en).toMatch(/^4 changes are waiting/);
    expect(syncMessages.conflicts(1).vi).toMatch(/^1 hồ sơ có xung đột/);
  });
});
