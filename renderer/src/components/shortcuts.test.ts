import { describe, expect, it } from 'vitest';
import { matchesShortcut } from './shortcuts';

const key = (k: string, code: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; shiftKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  code,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts as printed on the buttons', () => {
  it('matches F2 and Ctrl+K, and not their look-alikes', () => {
    expect(matchesShortcut(key('F2', 'F2'), 'F2')).toBe(true);
    expect(matchesShortcut(key('F2', 'F2', { ctrlKey: true }), 'F2')).toBe(false);
    expect(matchesShortcut(key('k', 'KeyK', { ctrlKey: true }), 'Ctrl+K')).toBe(true);
    expect(matchesShortcut(key('k', 'KeyK'), 'Ctrl+K')).toBe(false);
  });

  it('matches Alt+N by the physical key when a Vietnamese input method changes the character', () => {
    expect(matchesShortcut(key('ñ', 'KeyN', { altKey: true }), 'Alt+N')).toBe(true);
    expect(matchesShortcut(key('1', 'Digit1', { altKey: true }), 'Alt+1')).toBe(true);
  });
});
