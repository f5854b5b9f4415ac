// electron-builder `beforePack` hook: refuses to package without the Electron build of better-sqlite3 for the
// platform and arch being packed. electron-builder only warns ("file source doesn't exist") when an extraResources
// file is missing, and would ship an installer whose app shows "missing database component" at every start.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Arch } from 'electron-builder';

/** Where build/native/build-electron-sqlite.mjs writes the binding, and electron-builder.yml's extraResources reads it. */
export const nativeBindingSource = (projectDir, platform, arch) =>
  path.join(projectDir, 'build', 'native', `electron-${platform}-${arch}`, 'better_sqlite3.node');

/** @param {{ electronPlatformName: string, arch: number, packager: { projectDir: string } }} context */
export async function beforePack(context) {
  const arch = Arch[context.arch];
  const file = nativeBindingSource(context.packager.projectDir, context.electronPlatformName, arch);
  if (!existsSync(file)) {
    throw new Error(
      `No Electron build of better-sqlite3 for ${context.electronPlatformName}-${arch}: ${file} is missing. ` +
        `Run \`node build/native/build-electron-sqlite.mjs --arch ${arch}\` first (build/native/README.md).`,
    );
  }
}

export default beforePack;
