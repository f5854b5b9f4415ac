import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent, MotcuaBridge } from '../../shared/api/bridge';
import { DESK_EVENT_CHANNEL, deskCallChannel } from '../../shared/api/bridge';
import { deskApiMethods } from '../../shared/api/desk-api';

// The Electron binary cannot run here: the preload is loaded against a recording stand-in for 'electron'.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    invocations: [] as unknown[][],
    answer: (): Promise<unknown> => Promise.resolve(undefined),
    emitter: null as unknown as EventEmitter,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  electron.emitter = new Emitter();
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
    ipcRenderer: {
      invoke: (...args: unknown[]) => {
        electron.invocations.push(args);
        return electron.answer();
      },
      on: (channel: string, l: (...a: unknown[]) => void) => electron.emitter.on(channel, l),
      removeListener: (channel: string, l: (...a: unknown[]) => void) =>
        electron.emitter.removeListener(channel, l),
    },
  };
});

await import('../../electron/preload/index');
const bridge = electron.exposed.get('motcua') as MotcuaBridge;

beforeEach(() => {
  electron.invocations.length = 0;
});

describe('the preload bridge', () => {
  it('puts exactly window.motcua with call and onDeskEvent into the page, and no IPC object', () => {
    expect([...electron.exposed.keys()]).toEqual(['motcua']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onDeskEvent']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/ipc|invoke|send|on\(/i);
  });

  it('sends every method of the desk API map to its own channel with the input untouched', async () => {
    electron.answer = async () => ({ ok: true, value: 'answer' });
    for (const method of deskApiMethods) {
      const input = { probe: method };
      await expect(bridge.call(method, input as never)).resolves.toEqual({ ok: true, value: 'answer' });
      expect(electron.invocations.at(-1)).toEqual([deskCallChannel(method), input]);
    }
  });

  it.each([['dossier.deleteEverything'], ['__proto__'], ['constructor'], [42], ['../app.info']])(
    'refuses the unknown method %s without any IPC',
    async (method) => {
      const result = await bridge.call(method as never, {} as never);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'unknown_method', message: { vi: expect.stringContaining('không có chức năng') } },
      });
      expect(electron.invocations).toHaveLength(0);
    },
  );

  it('answers a failed IPC with a transport error Result instead of throwing into the page', async () => {
    electron.answer = async () => {
      throw new Error('No handler registered');
    };
    const result = await bridge.call(deskApiMethods[0]!, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('delivers desk events without the IPC event object, and stops after unsubscribing', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onDeskEvent((...args) => received.push(args));
    const event: DeskEvent = {
      type: 'sync.status',
      data: { state: 'syncing', pending: 4, lastSyncAt: null },
    };
    const ipcEvent = { sender: { send: () => undefined }, senderId: 0 };
    electron.emitter.emit(DESK_EVENT_CHANNEL, ipcEvent, event);
    expect(received).toEqual([[event]]);

    unsubscribe();
    unsubscribe();
    electron.emitter.emit(DESK_EVENT_CHANNEL, ipcEvent, event);
    expect(received).toHaveLength(1);
    expect(electron.emitter.listenerCount(DESK_EVENT_CHANNEL)).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => bridge.onDeskEvent('alert(1)' as never)).toThrow(TypeError);
    expect(electron.emitter.listenerCount(DESK_EVENT_CHANNEL)).toBe(0);
  });
});
