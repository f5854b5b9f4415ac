import { describe, expect, it } from 'vitest';
import { parseRefusalReason } from './sync-reasons';

describe('why the server refused a change', () => {
  it('splits the stored line into the server’s words in each language and explains the code', () => {
    const reason = parseRefusalReason('Mã hồ sơ đã được dùng / The dossier code is already used [duplicate_dossier_code]');
    expect(reason.code).toBe('duplicate_dossier_code');
    expect(reason.server).toEqual({ vi: 'Mã hồ sơ đã được dùng', en: 'The dossier code is already used' });
    expect(reason.advice?.vi).toMatch(/^Mã hồ sơ trùng với hồ sơ của quầy khác/);
    expect(reason.advice?.en).toMatch(/two PCs may share one desk number/);
  });

  it('keeps a reason it cannot split as it is, without advice', () => {
    expect(parseRefusalReason('máy chủ từ chối')).toEqual({ code: null, server: { vi: 'máy chủ từ chối', en: 'máy chủ từ chối' }, advice: null });
  });

  it('shows an unknown code with the server’s words only', () => {
    const reason = parseRefusalReason('Lý do mới / A new reason [new_rule]');
    expect(reason).toEqual({ code: 'new_rule', server: { vi: 'Lý do mới', en: 'A new reason' }, advice: null });
  });
});
