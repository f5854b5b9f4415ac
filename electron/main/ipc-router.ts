/**
 * The desk API over Electron IPC: one `ipcMain.handle` channel per method of the map, each behind a check of who
 * is calling (VS Code's validatedIpcMain idea). Only the top-level frame of a page served from app://desk may call;
 * a sub-frame (an embedded PDF, an injected iframe) or any other origin gets a refusal and never reaches the desk.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { deskCallChannel } from '../../shared/api/bridge';
import { deskApiMethods } from '../../shared/api/desk-api';
import type { Result } from '../../shared/result';
import { fail } from '../../shared/result';
import type { DeskDispatch } from '../host/dispatch';
import { dispatchSafely } from '../host/dispatch';
import { isAppUrl } from './app-origin';

export type IpcRegistrar = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type SenderFrame = { url: string; parent: unknown } | null | undefined;

export type SenderVerdict = { ok: true } | { ok: false; reason: 'no_frame' | 'sub_frame' | 'wrong_origin' };

export function checkSender(frame: SenderFrame): SenderVerdict {
  // A frame that navigated away or was destroyed before the message was handled has no senderFrame.
  if (!frame) return { ok: false, reason: 'no_frame' };
  if (frame.parent !== null) return { ok: false, reason: 'sub_frame' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'wrong_origin' };
  return { ok: true };
}

const refusedSender = (): Result<never> =>
  fail(
    'forbidden_sender',
    'Yêu cầu không đến từ giao diện của MotCua Desk nên bị từ chối.',
    'The request did not come from the desk’s own UI, so it was refused.',
  );

export interface IpcRouterOptions {
  /** Told about each refusal (without the URL's path or query, which may carry personal data). */
  onRefused?: (method: string, reason: string) => void;
}

/** Registers every method of the desk API map; returns the function that removes them all. */
export function registerDeskIpc(
  ipcMain: IpcRegistrar,
  dispatch: DeskDispatch,
  options: IpcRouterOptions = {},
): () => void {
  const channels: string[] = [];
  for (const method of deskApiMethods) {
    const channel = deskCallChannel(method);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, rawInput: unknown) => {
      const verdict = checkSender(event.senderFrame);
      if (!verdict.ok) {
        options.onRefused?.(method, verdict.reason);
        return refusedSender();
      }
      return dispatchSafely(dispatch, method, rawInput);
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
