/**
 * Wrong PINs on the public lookup lock the code for the address that typed them: an attacker (codes are sequential)
 * cannot lock citizens out of their own dossiers. Many wrong PINs from many addresses lock it for everyone.
 */
import { describe, expect, it } from 'vitest';
import { KNOWN_CODE, KNOWN_PIN, postLookup, startReportingServer } from './support';

const post = postLookup;

describe('wrong PINs on the public lookup', () => {
  it("lock the code for the attacker's address only: the citizen elsewhere with the right PIN gets the status", async () => {
    const server = await startReportingServer();
    try {
      for (let i = 0; i < 5; i++) expect((await post(server, KNOWN_CODE, String(100000 + i), '198.51.100.7')).statusCode).toBe(404);
      const citizen = await post(server, KNOWN_CODE, KNOWN_PIN, '192.0.2.1');
      expect(citizen.statusCode).toBe(200);
      expect(citizen.body).toContain('Đã trả kết quả');

      // The attacker is stopped, even with the right PIN.
      const attacker = await post(server, KNOWN_CODE, KNOWN_PIN, '198.51.100.7');
      expect(attacker.statusCode).toBe(429);
      expect(attacker.body).toMatch(/nhập sai nhiều lần từ mạng này/);
      expect(attacker.body).not.toContain('Đã trả kết quả');
      expect(Number(attacker.headers['retry-after'])).toBeGreaterThan(14 * 60);
      // The same attacker from another address of its IPv6 /64 is the same address.
      for (let i = 0; i < 5; i++) await post(server, KNOWN_CODE, String(200000 + i), '2001:db8:7:7::1');
      expect((await post(server, KNOWN_CODE, KNOWN_PIN, '2001:db8:7:7::2')).statusCode).toBe(429);
      expect((await post(server, KNOWN_CODE, KNOWN_PIN, '192.0.2.1')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('from many addresses lock the code for everyone, and the citizen is told to come back or ask the desk', async () => {
    const server = await startReportingServer();
    try {
      // 10 addresses × 5 wrong PINs = the 50 a day the code allows from everyone together.
      for (let a = 0; a < 10; a++)
        for (let i = 0; i < 5; i++) expect((await post(server, KNOWN_CODE, String(300000 + a * 5 + i), `198.51.100.${a}`)).statusCode).toBe(404);
      const citizen = await post(server, KNOWN_CODE, KNOWN_PIN, '192.0.2.1');
      expect(citizen.statusCode).toBe(429);
      expect(citizen.body).toMatch(/tạm thời bị khóa/);
      expect(citizen.body).toMatch(/\d+ giờ/);
      expect(citizen.body).not.toContain('Đã trả kết quả');
      expect(Number(citizen.headers['retry-after'])).toBeGreaterThan(23 * 3600);
      // Another dossier's code is not affected.
      expect((await post(server, '000.00.06.H56-230306-1002', KNOWN_PIN, '192.0.2.1')).statusCode).toBe(404);
    } finally {
      await server.close();
    }
  });
});
