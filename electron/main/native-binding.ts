/**
 * Which better-sqlite3 native build the Electron app loads. npm's build in node_modules is for Node's ABI (the
 * tests and the CLI use it); Electron needs one built for its own ABI. The two live side by side: the Electron build
 * is produced into build/native/ (see build/native/README.md) and packaged into resources/native/, and the app
 * hands its path to better-sqlite3's `nativeBinding` option, so nothing in node_modules is ever swapped.
 */
import path from 'node:path';

export const SQLITE_BINDING_FILE = 'better_sqlite3.node';

export interface BindingLocation {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** app.getAppPath(): the project folder when running unpackaged. */
  appPath: string;
  platform: NodeJS.Platform;
  arch: string;
  fileExists(file: string): boolean;
}

/** Undefined means "let better-sqlite3 find its own build", which is right only under plain Node. */
export function sqliteNativeBinding(where: BindingLocation): string | undefined {
  const candidate = where.isPackaged
    ? path.join(where.resourcesPath, 'native', SQLITE_BINDING_FILE)
    : path.join(
        where.appPath,
        'build',
        'native',
        `electron-${where.platform}-${where.arch}`,
        SQLITE_BINDING_FILE,
      );
  return where.fileExists(candidate) ? candidate : undefined;
}
