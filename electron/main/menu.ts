/**
 * The application menu, in Vietnamese, with the accelerators clerks already know from office software. Built as a
 * plain template from injected actions, so the test reads it without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  print(): void;
  saveAsPdf(): void;
  openPublicServicePortal(): void;
  showAbout(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Developer tools only in an unpackaged build. */
  devTools: boolean;
}

export function applicationMenuTemplate(
  actions: MenuActions,
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'Tệp',
    submenu: [
      { label: 'In…', accelerator: 'CmdOrCtrl+P', click: () => actions.print() },
      { label: 'Lưu thành PDF…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveAsPdf() },
      { type: 'separator' },
      isMac
        ? { role: 'close', label: 'Đóng cửa sổ', accelerator: 'CmdOrCtrl+W' }
        : { role: 'quit', label: 'Thoát', accelerator: 'CmdOrCtrl+Q' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Chỉnh sửa',
    submenu: [
      { role: 'undo', label: 'Hoàn tác', accelerator: 'CmdOrCtrl+Z' },
      { role: 'redo', label: 'Làm lại', accelerator: isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y' },
      { type: 'separator' },
      { role: 'cut', label: 'Cắt', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', label: 'Sao chép', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: 'Dán', accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', label: 'Chọn tất cả', accelerator: 'CmdOrCtrl+A' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'Xem',
    submenu: [
      { role: 'reload', label: 'Tải lại', accelerator: 'CmdOrCtrl+R' },
      { type: 'separator' },
      { role: 'resetZoom', label: 'Cỡ chữ mặc định', accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', label: 'Phóng to', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', label: 'Thu nhỏ', accelerator: 'CmdOrCtrl+-' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: 'Toàn màn hình', accelerator: isMac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(options.devTools
        ? ([
            { role: 'toggleDevTools', label: 'Công cụ nhà phát triển', accelerator: 'CmdOrCtrl+Shift+I' },
          ] as MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Trợ giúp',
    role: 'help',
    submenu: [
      { label: 'Cổng Dịch vụ công quốc gia', click: () => actions.openPublicServicePortal() },
      { type: 'separator' },
      { label: 'Giới thiệu MotCua Desk', accelerator: 'F1', click: () => actions.showAbout() },
    ],
  };
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'MotCua Desk',
          submenu: [
            { label: 'Giới thiệu MotCua Desk', click: () => actions.showAbout() },
            { type: 'separator' },
            { role: 'hide', label: 'Ẩn MotCua Desk' },
            { role: 'quit', label: 'Thoát MotCua Desk', accelerator: 'Cmd+Q' },
          ],
        },
      ]
    : [];
  return [...appMenu, file, edit, view, help];
}
