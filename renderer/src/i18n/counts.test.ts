/** Counts in the tables' sentences are grouped as the clerk reads numbers: "52.772 hồ sơ", "52,772 dossiers". */
import { describe, expect, it } from 'vitest';
import { initI18n } from './index';

describe('counts in translated sentences', () => {
  it('group thousands with a dot in Vietnamese and a comma in English', async () => {
    const i18n = initI18n('vi');
    expect(i18n.t('dossiers.total', { count: 52772 })).toBe('52.772 hồ sơ');
    expect(i18n.t('sync.pending', { count: 1204 })).toBe('1.204 thao tác chờ gửi');
    await i18n.changeLanguage('en');
    expect(i18n.t('dossiers.total', { count: 52772 })).toBe('52,772 dossiers');
    expect(i18n.t('sync.pending', { count: 1 })).toBe('1 action pending');
    // One dossier is not "1 dossiers".
    expect(i18n.t('dossiers.total', { count: 1 })).toBe('1 dossier');
    expect(i18n.t('dossiers.totalDatesAside', { count: 1 })).toMatch(/^1 dossier, not filtered/);
    await i18n.changeLanguage('vi');
  });
});
