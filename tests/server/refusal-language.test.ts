/** A refused administration request says what was refused in one language per message, as an officer reads it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, adminHeaders, startTestServer, type TestServer } from './support';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('an invalid request', () => {
  it('is named in Vietnamese in the Vietnamese message and in English in the English one', async () => {
    const refused = await admin(server.app, 'POST', '/v1/admin/desks', { unitCode: '000.01.06.H56', deskNumber: '1' });
    expect(refused.statusCode).toBe(400);
    const { message } = (refused.json() as { error: { message: { vi: string; en: string } } }).error;
    expect(message.vi).toBe('Yêu cầu tạo quầy không hợp lệ (trường: deskNumber). Không có gì được lưu.');
    expect(message.en).toBe('The desk request is invalid (fields: deskNumber). Nothing was stored.');
  });
});

describe('a command sent with a JSON header and no body', () => {
  it('is told so, not that its JSON is broken, and the server keeps serving', async () => {
    const refused = await server.app.inject({
      method: 'POST',
      url: '/v1/admin/desks/00000000-0000-7000-8000-000000000000/revoke',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
    });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { error: { code: string; message: { vi: string } } }).error).toMatchObject({
      code: 'empty_json_body',
      message: { vi: 'Yêu cầu khai báo nội dung JSON nhưng không gửi gì: hãy gửi {} hoặc bỏ tiêu đề Content-Type. Không có gì được lưu.' },
    });
    expect((await admin(server.app, 'GET', '/v1/admin/desks')).statusCode).toBe(200);
  });
});

describe('a catalog or calendar sent empty', () => {
  it('is told the file may have been emptied, never to send {} (which would publish the standard calendar)', async () => {
    const before = (await admin(server.app, 'GET', '/v1/admin/calendar')).json() as { version: number };
    for (const kind of ['calendar', 'catalog']) {
      const refused = await server.app.inject({
        method: 'PUT',
        url: `/v1/admin/${kind}`,
        headers: { ...adminHeaders, 'content-type': 'application/json' },
      });
      expect(refused.statusCode).toBe(400);
      const { error } = refused.json() as { error: { code: string; message: { vi: string; en: string } } };
      expect(error.code).toBe('empty_json_body');
      expect(error.message.vi).toContain('có thể đã bị ghi đè rỗng');
      expect(error.message.vi).not.toContain('{}');
      expect(error.message.en).toContain('Nothing was stored.');
    }
    expect(((await admin(server.app, 'GET', '/v1/admin/calendar')).json() as { version: number }).version).toBe(before.version);
  });
});
