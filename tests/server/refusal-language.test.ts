/** A refused administration request says what was refused in one language per message, as an officer reads it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admin, startTestServer, type TestServer } from './support';

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
