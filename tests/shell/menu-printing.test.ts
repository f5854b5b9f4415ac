import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenuTemplate } from '../../electron/main/menu';
import { printPage, savePageAsPdf } from '../../electron/main/printing';
import { sqliteNativeBinding } from '../../electron/main/native-binding';

function menu(platform: NodeJS.Platform, devTools: boolean) {
  const clicked: string[] = [];
  const template = applicationMenuTemplate(
    {
      print: () => clicked.push('print'),
      saveAsPdf: () => clicked.push('pdf'),
      openPublicServicePortal: () => clicked.push('portal'),
      showAbout: () => clicked.push('about'),
    },
    { platform, devTools },
  );
  const items = (label: string) =>
    (template.find((m) => m.label === label)?.submenu ?? []) as MenuItemConstructorOptions[];
  const item = (menuLabel: string, label: string) => items(menuLabel).find((i) => i.label === label);
  const click = (menuLabel: string, label: string) =>
    (item(menuLabel, label)?.click as (() => void) | undefined)?.();
  return { template, items, item, click, clicked };
}

describe('the application menu', () => {
  it('is in Vietnamese: Tệp, Chỉnh sửa, Xem, Trợ giúp', () => {
    expect(menu('win32', false).template.map((m) => m.label)).toEqual([
      'Tệp',
      'Chỉnh sửa',
      'Xem',
      'Trợ giúp',
    ]);
    expect(menu('darwin', false).template.map((m) => m.label)).toEqual([
      'MotCua Desk',
      'Tệp',
      'Chỉnh sửa',
      'Xem',
      'Trợ giúp',
    ]);
  });

  it('prints with Ctrl+P and saves as PDF with Ctrl+Shift+S', () => {
    const m = menu('win32', false);
    expect(m.item('Tệp', 'In…')?.accelerator).toBe('CmdOrCtrl+P');
    expect(m.item('Tệp', 'Lưu thành PDF…')?.accelerator).toBe('CmdOrCtrl+Shift+S');
    m.click('Tệp', 'In…');
    m.click('Tệp', 'Lưu thành PDF…');
    m.click('Trợ giúp', 'Cổng Dịch vụ công quốc gia');
    expect(m.clicked).toEqual(['print', 'pdf', 'portal']);
    expect(m.item('Tệp', 'Thoát')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('gives the edit commands Vietnamese names and the usual shortcuts', () => {
    const edit = menu('win32', false)
      .items('Chỉnh sửa')
      .filter((i) => i.role);
    expect(edit.map((i) => [i.role, i.label, i.accelerator])).toEqual([
      ['undo', 'Hoàn tác', 'CmdOrCtrl+Z'],
      ['redo', 'Làm lại', 'CmdOrCtrl+Y'],
      ['cut', 'Cắt', 'CmdOrCtrl+X'],
      ['copy', 'Sao chép', 'CmdOrCtrl+C'],
      ['paste', 'Dán', 'CmdOrCtrl+V'],
      ['selectAll', 'Chọn tất cả', 'CmdOrCtrl+A'],
    ]);
  });

  it('offers developer tools only in an unpackaged build', () => {
    expect(
      menu('win32', true)
        .items('Xem')
        .some((i) => i.role === 'toggleDevTools'),
    ).toBe(true);
    expect(
      menu('win32', false)
        .items('Xem')
        .some((i) => i.role === 'toggleDevTools'),
    ).toBe(false);
  });

  it('has no item without a Vietnamese label', () => {
    for (const top of menu('win32', true).template) {
      for (const i of (top.submenu ?? []) as MenuItemConstructorOptions[]) {
        if (i.type !== 'separator') expect(i.label, JSON.stringify(i)).toMatch(/\S/);
      }
    }
  });
});

describe('printing', () => {
  it('opens the print dialog on A5 and treats the clerk cancelling as no error', async () => {
    const options: unknown[] = [];
    const contents = (success: boolean, reason: string) => ({
      print: (o: unknown, cb: (s: boolean, r: string) => void) => {
        options.push(o);
        cb(success, reason);
      },
    });
    await expect(printPage(contents(true, '') as never)).resolves.toEqual({
      ok: true,
      value: { printed: true },
    });
    await expect(printPage(contents(false, 'cancelled') as never)).resolves.toEqual({
      ok: true,
      value: { printed: false },
    });
    const failed = await printPage(contents(false, 'Printer is offline') as never);
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'print_failed', message: { vi: expect.stringContaining('máy in') } },
    });
    expect(options[0]).toMatchObject({ silent: false, pageSize: 'A5' });
  });

  it('saves the page as an A5 PDF where the clerk chose, named with the Vietnam date', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-pdf-'));
    try {
      const pdfOptions: unknown[] = [];
      const asked: string[] = [];
      const contents = {
        printToPDF: async (o: unknown) => {
          pdfOptions.push(o);
          return Buffer.from('%PDF-1.7\n% phiếu tiếp nhận');
        },
      };
      // 23:30 UTC on 26 October is already 27 October in Vietnam.
      const now = () => new Date('2023-10-26T23:30:00Z');
      const result = await savePageAsPdf(contents as never, {
        askSavePath: async (name) => {
          asked.push(name);
          return path.join(dir, name);
        },
        writeFile: (f, d) => writeFile(f, d),
        now,
      });
      expect(asked).toEqual(['motcua-2023-10-27.pdf']);
      expect(result).toEqual({ ok: true, value: { file: path.join(dir, 'motcua-2023-10-27.pdf') } });
      expect(readFileSync(path.join(dir, 'motcua-2023-10-27.pdf'), 'utf8')).toContain('%PDF-1.7');
      expect(pdfOptions[0]).toMatchObject({ pageSize: 'A5', printBackground: true });

      const cancelled = await savePageAsPdf(contents as never, {
        askSavePath: async () => null,
        writeFile: (f, d) => writeFile(f, d),
        now,
      });
      expect(cancelled).toEqual({ ok: true, value: { file: null } });
      expect(pdfOptions).toHaveLength(1);

      const unwritable = path.join(dir, 'no-such-folder', 'x.pdf');
      const failed = await savePageAsPdf(contents as never, {
        askSavePath: async () => unwritable,
        writeFile: (f, d) => writeFile(f, d),
        now,
      });
      expect(failed).toMatchObject({ ok: false, error: { code: 'pdf_failed' } });
      expect(existsSync(unwritable)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the better-sqlite3 native build for Electron', () => {
  const where = {
    resourcesPath: '/opt/MotCua Desk/resources',
    appPath: '/src/motcua',
    platform: 'win32' as const,
    arch: 'x64',
  };

  it('comes from resources/native in the packaged app', () => {
    const file = path.join('/opt/MotCua Desk/resources', 'native', 'better_sqlite3.node');
    expect(sqliteNativeBinding({ ...where, isPackaged: true, fileExists: (f) => f === file })).toBe(file);
    expect(sqliteNativeBinding({ ...where, isPackaged: true, fileExists: () => false })).toBeUndefined();
  });

  it('comes from build/native/electron-<platform>-<arch> when run unpackaged, beside the Node build', () => {
    const file = path.join('/src/motcua', 'build', 'native', 'electron-win32-x64', 'better_sqlite3.node');
    expect(sqliteNativeBinding({ ...where, isPackaged: false, fileExists: (f) => f === file })).toBe(file);
    expect(sqliteNativeBinding({ ...where, isPackaged: false, fileExists: () => false })).toBeUndefined();
  });
});
