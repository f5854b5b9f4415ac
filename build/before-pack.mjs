// electron-builder `beforePack` hook: refuses to package an app that could not start.
// - Without the Electron build of better-sqlite3 for the platform and arch being packed: electron-builder only
//   warns ("file source doesn't exist") when an extraResources file is missing, and would ship an installer whose
//   app shows "missing database component" at every start.
// - When the shell bundle loads a package that build/runtime-packages.mjs does not ship: the configuration leaves
//   out every production package outside RUNTIME_PACKAGES' closure, so the installed app would fail to load it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Arch } from 'electron-builder';
import { RUNTIME_PACKAGES, packagesLoadedBy } from './runtime-packages.mjs';

/** Where build/native/build-electron-sqlite.mjs writes the binding, and electron-builder.yml's extraResources reads it. */
export const nativeBindingSource = (projectDir, platform, arch) =>
  path.join(projectDir, 'build', 'native', `electron-${platform}-${arch}`, 'better_sqlite3.node');

/** The main bundle and its worker files, as build/bundle-shell.mjs writes them and electron-builder.yml packs them. */
export const mainBundleDir = (projectDir) => path.join(projectDir, 'out', 'main');

/**
 * The packages the bundle in `bundleDir` loads that the packaged app would not contain.
 * @param {string} bundleDir
 * @returns {string[]}
 */
export function packagesMissingFromApp(bundleDir) {
  if (!existsSync(path.join(bundleDir, 'index.js'))) {
    throw new Error(`No shell bundle in ${bundleDir}: run \`node build/bundle-shell.mjs\` first.`);
  }
  const files = readdirSync(bundleDir).filter((name) => /\.m?js$/.test(name));
  const loaded = new Set(
    files.flatMap((name) => packagesLoadedBy(readFileSync(path.join(bundleDir, name), 'utf8'))),
  );
  return [...loaded].filter((name) => !RUNTIME_PACKAGES.includes(name)).sort();
}

/** @param {{ electronPlatformName: string, arch: number, packager: { projectDir: string } }} context */
export async function beforePack(context) {
  const { projectDir } = context.packager;
  const arch = Arch[context.arch];
  const file = nativeBindingSource(projectDir, context.electronPlatformName, arch);
  if (!existsSync(file)) {
    throw new Error(
      `No Electron build of better-sqlite3 for ${context.electronPlatformName}-${arch}: ${file} is missing. ` +
        `Run \`node build/native/build-electron-sqlite.mjs --arch ${arch}\` first (build/native/README.md).`,
    );
  }
  const missing = packagesMissingFromApp(mainBundleDir(projectDir));
  if (missing.length > 0) {
    throw new Error(
      `The shell bundle loads ${missing.join(', ')}, which the packaged app would not contain: ` +
        `add ${missing.length === 1 ? 'it' : 'them'} to RUNTIME_PACKAGES in build/runtime-packages.mjs.`,
    );
  }
}

export default beforePack;
