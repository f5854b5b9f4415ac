/**
 * `window.motcua`, built from the desk API map: one `call` for every method the map declares and one typed
 * subscription for desk events. The page never gets ipcRenderer, an IPC event object, or a way to name a channel.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { DeskEvent, DeskEventListener, MotcuaBridge } from '../../shared/api/bridge';
import { DESK_EVENT_CHANNEL, deskCallChannel } from '../../shared/api/bridge';
import type { DeskApiMethod } from '../../shared/api/desk-api';
import { deskApiMethods } from '../../shared/api/desk-api';
import type { Result } from '../../shared/result';
import { fail } from '../../shared/result';

export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

const knownMethods: ReadonlySet<string> = new Set(deskApiMethods);

const unknownMethod = (method: unknown): Result<never> =>
  fail(
    'unknown_method',
    `Phần mềm không có chức năng "${String(method).slice(0, 80)}".`,
    `The desk has no function "${String(method).slice(0, 80)}".`,
  );

const transportFailure = (): Result<never> =>
  fail(
    'transport',
    'Không liên lạc được với phần xử lý của MotCua Desk. Hãy thử lại; nếu vẫn lỗi, khởi động lại phần mềm.',
    'Could not reach the desk backend. Try again; if it keeps failing, restart the application.',
  );

export function createMotcuaBridge(ipc: BridgeIpc) {
  return {
    // The page may pass anything at run time, so the method is checked here too, before any IPC happens.
    call: async (method, input) => {
      if (typeof method !== 'string' || !knownMethods.has(method)) return unknownMethod(method);
      try {
        return (await ipc.invoke(deskCallChannel(method as DeskApiMethod), input)) as never;
      } catch {
        return transportFailure();
      }
    },
    onDeskEvent(listener: DeskEventListener) {
      if (typeof listener !== 'function') throw new TypeError('onDeskEvent needs a function.');
      // The IPC event is dropped: its `sender` is ipcRenderer itself.
      const relay = (_event: IpcRendererEvent, deskEvent: DeskEvent) => listener(deskEvent);
      ipc.on(DESK_EVENT_CHANNEL, relay);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(DESK_EVENT_CHANNEL, relay);
      };
    },
  } satisfies MotcuaBridge;
}
