// The npm packages the packaged desk app loads, and the electron-builder configuration that ships only those.
//
// package.json's `dependencies` serve the district server, the CLI (run through tsx) and the renderer's build as well
// as the desk app, and electron-builder ships every production dependency. The app's main process (out/main, a
// bundle) and its workers load only RUNTIME_PACKAGES by name; these and what they need in turn, by their own
// package.json, are the runtime closure. Everything else is excluded, computed here when electron-builder loads its
// configuration (electron-builder.yml `extends` this file), so a new server or renderer dependency needs no edit.
//
// RUNTIME_PACKAGES is checked against the bundle twice: by tests/shell/packaged-app.test.ts, and by the beforePack
// hook on the bundle being packed (a package left out here would be missing from the installed app).
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** The packages out/main/index.js and its worker files import or resolve by name (tested against the bundle). */
export const RUNTIME_PACKAGES = Object.freeze([
  'better-sqlite3',
  'dejavu-fonts-ttf',
  'exceljs',
  'pdfkit',
  'uuid',
  'zod',
]);

const builtins = new Set(builtinModules);

/**
 * The packages a bundled file loads by name: static and literal dynamic imports, re-exports, require and
 * require.resolve. 'electron' is Electron's own module, never a package in the app.
 * @param {string} code
 * @returns {string[]} package names, sorted
 */
export function packagesLoadedBy(code) {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\s[^'"]*?\sfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  const names = specifiers
    .filter((s) => !s.startsWith('.') && !s.startsWith('/') && !s.startsWith('node:') && !/^[a-z]+:/i.test(s))
    .map((s) =>
      s
        .split('/')
        .slice(0, s.startsWith('@') ? 2 : 1)
        .join('/'),
    )
    .filter((name) => name !== 'electron' && !builtins.has(name));
  return [...new Set(names)].sort();
}

/** Where Node finds package `name` from `fromDir`, looking no higher than `topDir`; null when it would not. */
function resolvePackageDir(name, fromDir, topDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === topDir || dir === path.dirname(dir)) return null;
  }
}

/**
 * The names of the installed packages that `roots` need, following each package's own dependencies,
 * optionalDependencies and peerDependencies as Node would resolve them from inside `projectDir`. An optional
 * dependency that is not installed (another platform's build) and a peer that is not installed are skipped.
 * @param {string} projectDir
 * @param {readonly string[]} roots
 * @returns {Set<string>}
 */
export function dependencyClosure(projectDir, roots) {
  const names = new Set();
  const seen = new Set();
  const visit = (name, fromDir, optional, neededBy) => {
    const dir = resolvePackageDir(name, fromDir, projectDir);
    if (dir === null) {
      if (optional) return;
      throw new Error(
        `${name} (needed by ${neededBy}) is not installed under ${projectDir}: run npm install.`,
      );
    }
    names.add(name);
    if (seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false, name);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true, name);
    // A peer is loaded from the package's folder upwards like any other dependency when it is installed; one that
    // is not installed is not loaded in development either, so its absence changes nothing.
    for (const dep of Object.keys(manifest.peerDependencies ?? {})) visit(dep, dir, true, name);
  };
  for (const root of roots) visit(root, projectDir, false, 'the app');
  return names;
}

/**
 * The production packages the app never loads: the names in the closure of package.json's `dependencies` (what
 * electron-builder collects) that are not in the closure of RUNTIME_PACKAGES.
 * @param {string} projectDir
 * @param {readonly string[]} [runtimeRoots]
 * @returns {string[]} sorted
 */
export function unusedProductionPackages(projectDir, runtimeRoots = RUNTIME_PACKAGES) {
  const manifest = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8'));
  const production = dependencyClosure(projectDir, [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}).filter((n) =>
      resolvePackageDir(n, projectDir, projectDir),
    ),
  ]);
  const runtime = dependencyClosure(projectDir, runtimeRoots);
  return [...production].filter((name) => !runtime.has(name)).sort();
}

/**
 * electron-builder `files` patterns that leave a package, and everything installed inside it, out of the app.
 * electron-builder applies the `files` exclusions to node_modules by the path a package gets in the app; excluded
 * by name, a package that the runtime closure needs is never excluded wherever electron-builder hoists it (the
 * price: another version of that name, there only for a server package, stays in the app too).
 * @param {readonly string[]} names
 */
export const exclusionPatterns = (names) => names.map((name) => `!node_modules/${name}{,/**}`);

/**
 * The configuration electron-builder.yml extends: the `files` exclusions of every unused production package.
 * @param {{ projectDir: string }} request electron-builder's configuration request
 */
export default function runtimeOnlyNodeModules(request) {
  return { files: exclusionPatterns(unusedProductionPackages(request.projectDir)) };
}
