import { describe, expect, it } from 'vitest';
import { badServerAddress, serverAddressProblem } from './server-address';

describe('the server address typed on the first-run screen', () => {
  it('accepts the addresses administrators hand out', () => {
    expect(serverAddressProblem('http://10.0.0.5:8470')).toBeNull();
    expect(serverAddressProblem('  https://motcua.thanhha.gov.vn/  ')).toBeNull();
    expect(serverAddressProblem('https://sotttt.gov.vn/motcua')).toBeNull();
  });

  it('refuses what the desk would refuse, in words the clerk can act on', () => {
    for (const text of ['', 'motcua.thanhha.gov.vn', 'ftp://10.0.0.5', 'http://admin:secret@10.0.0.5', 'https://x.gov.vn/?code=1', 'http//10.0.0.5']) {
      expect(serverAddressProblem(text), text).toEqual(badServerAddress);
    }
    expect(badServerAddress.vi).toContain('Địa chỉ máy chủ không hợp lệ');
  });
});
