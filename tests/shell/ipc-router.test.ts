import { describe, expect, it } from 'vitest';
import { deskCallChannel } from '../../shared/api/bridge';
import { deskApiMethods } from '../../shared/api/desk-api';
import { ok } from '../../shared/result';
import { checkSender, registerDeskIpc } from '../../electron/main/ipc-router';

function router() {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const dispatched: { method: string; input: unknown }[] = [];
  const refused: string[] = [];
  const stop = registerDeskIpc(
    {
      handle: (channel, h) => void handlers.set(channel, h as never),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    async (method, input) => {
      dispatched.push({ method, input });
      return ok({ answeredBy: method });
    },
    { onRefused: (method, reason) => refused.push(`${method}:${reason}`) },
  );
  const topFrame = { url: 'app://desk/index.html', parent: null };
  const invoke = (method: string, senderFrame: unknown, input: unknown = {}) =>
    handlers.get(deskCallChannel(method as never))!({ senderFrame, sender: {} }, input);
  return { handlers, dispatched, refused, stop, topFrame, invoke };
}

describe('the IPC router', () => {
  it('registers one handler for every method of the desk API map, and removes them all', () => {
    const { handlers, stop } = router();
    expect([...handlers.keys()].sort()).toEqual(deskApiMethods.map(deskCallChannel).sort());
    expect(handlers.size).toBe(deskApiMethods.length);
    stop();
    expect(handlers.size).toBe(0);
  });

  it('passes a call from our top-level page to the desk with the raw input', async () => {
    const { invoke, dispatched, topFrame } = router();
    const method = deskApiMethods[0]!;
    await expect(invoke(method, topFrame, { raw: true })).resolves.toEqual({
      ok: true,
      value: { answeredBy: method },
    });
    expect(dispatched).toEqual([{ method, input: { raw: true } }]);
  });

  it.each([
    [
      'a sub-frame of our page',
      { url: 'app://desk/preview.html', parent: { url: 'app://desk/index.html' } },
      'sub_frame',
    ],
    ['another app:// host', { url: 'app://evil/index.html', parent: null }, 'wrong_origin'],
    ['a look-alike host', { url: 'app://desk.evil/index.html', parent: null }, 'wrong_origin'],
    ['a web page', { url: 'https://evil.example/', parent: null }, 'wrong_origin'],
    ['a file:// page', { url: 'file:///C:/Users/clerk/Downloads/x.html', parent: null }, 'wrong_origin'],
    ['the loopback host in a frame', { url: 'http://127.0.0.1:43117/', parent: null }, 'wrong_origin'],
    ['a destroyed frame', null, 'no_frame'],
  ])('refuses a call from %s without reaching the desk', async (_label, frame, reason) => {
    const { invoke, dispatched, refused } = router();
    const method = deskApiMethods[0]!;
    const answer = await invoke(method, frame);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender', message: { vi: expect.stringContaining('từ chối') } },
    });
    expect(dispatched).toEqual([]);
    expect(refused).toEqual([`${method}:${reason}`]);
  });

  it('turns a desk that throws into an internal-error Result', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    registerDeskIpc(
      { handle: (c, h) => void handlers.set(c, h as never), removeHandler: () => undefined },
      async () => {
        throw new Error('boom');
      },
    );
    const answer = await handlers.get(deskCallChannel(deskApiMethods[0]!))!(
      { senderFrame: { url: 'app://desk/', parent: null } },
      {},
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('checkSender accepts only the top-level app://desk frame', () => {
    expect(checkSender({ url: 'app://desk/index.html#/reception', parent: null })).toEqual({ ok: true });
    expect(checkSender(undefined)).toEqual({ ok: false, reason: 'no_frame' });
  });
});
