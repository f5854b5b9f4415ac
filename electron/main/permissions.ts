/**
 * The desk needs no camera, microphone, location, notifications, USB, serial or HID from the page: every
 * permission request and check is refused. A barcode scanner types like a keyboard, and printing goes through the
 * main process, so nothing a clerk uses is lost.
 */
import type { Session } from 'electron';

export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
