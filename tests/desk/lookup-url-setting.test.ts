/** The public lookup address printed on receipts: an administrator's setting, checked before it is kept. */
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestDesk, type TestDesk } from './helpers';

let t: TestDesk | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
});

describe('the public lookup address setting', () => {
  it('is empty until set, keeps a public https address (trimmed), and can be cleared', async () => {
    t = await makeTestDesk();
    expect((await t.must('settings.get', {})).publicLookupUrl).toBeNull();
    await t.must('settings.set', { publicLookupUrl: '  https://dichvucong.haiduong.gov.vn/tra-cuu ' });
    expect((await t.must('settings.get', {})).publicLookupUrl).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
    // A district without a name yet prints its address, IPv4 or IPv6: both are typed from the paper as they are.
    for (const address of ['http://10.8.0.5:8080/tra-cuu', 'http://[fd00::5]:8080/tra-cuu']) {
      await t.must('settings.set', { publicLookupUrl: address });
      expect((await t.must('settings.get', {})).publicLookupUrl).toBe(address);
    }
    await t.must('settings.set', { publicLookupUrl: null });
    expect((await t.must('settings.get', {})).publicLookupUrl).toBeNull();
  });

  it.each([
    ['not a web address', 'tra cứu ở bộ phận một cửa', 'http:// hoặc https://', 'http:// or https://'],
    ['another scheme', 'ftp://dichvucong.haiduong.gov.vn/tra-cuu', 'http:// hoặc https://', 'http:// or https://'],
    // Printed as typed, neither could be typed back from the paper (QA).
    ['a space in the path', 'https://dịchvụcông.vn/tra cứu', 'http:// hoặc https://', 'http:// or https://'],
    ['a host that names no site', 'http://a', 'http:// hoặc https://', 'http:// or https://'],
    ['a user name and password', 'https://quantri:matkhau@dichvucong.haiduong.gov.vn/tra-cuu', 'mật khẩu', 'user name or password'],
    ['a user name alone', 'https://quantri@dichvucong.haiduong.gov.vn/tra-cuu', 'mật khẩu', 'user name or password'],
  ])('refuses %s with a message in both languages and keeps the address it had', async (_what, address, vi, en) => {
    t = await makeTestDesk();
    await t.must('settings.set', { publicLookupUrl: 'https://dichvucong.haiduong.gov.vn/tra-cuu' });
    const refused = await t.call('settings.set', { publicLookupUrl: address });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error).toMatchObject({ code: 'validation', field: 'publicLookupUrl' });
    expect(refused.error.message.vi).toContain(vi);
    expect(refused.error.message.en).toContain(en);
    expect((await t.must('settings.get', {})).publicLookupUrl).toBe('https://dichvucong.haiduong.gov.vn/tra-cuu');
  });

  it('is checked by the desk itself too, for callers that do not go through the API (the demo set-up)', async () => {
    t = await makeTestDesk();
    expect(() => t!.desk.settings.set({ publicLookupUrl: 'https://a:b@example.vn/tra-cuu' })).toThrow(/user name or password|mật khẩu/);
    expect(t.desk.settings.get().publicLookupUrl).toBeNull();
    expect(t.desk.settings.set({ publicLookupUrl: 'http://127.0.0.1:4100/tra-cuu' }).publicLookupUrl).toBe('http://127.0.0.1:4100/tra-cuu');
  });
});
