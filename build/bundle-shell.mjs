#!/usr/bin/env node
// Bundles the Electron main process and preload for the packaged app, with Vite (already our renderer's bundler):
//   out/main/index.js     ESM, our TypeScript bundled, npm dependencies left as imports (they ship in the asar)
//   out/main/*.mjs        the worker threads' plain-JS files (WORKER_FILES): the bundle starts each one as
//                         new URL('./name.mjs', import.meta.url), so it must sit beside index.js
//   out/main/*.js         the worker threads written in TypeScript (WORKER_ENTRIES), each bundled on its own
//                         the same way as index.js, and started from beside it too
//   out/preload/index.cjs one CommonJS file that requires nothing but 'electron': a sandboxed preload cannot load
//                         any other module, so zod and the desk API map are bundled into it.
// Usage: node build/bundle-shell.mjs [--out DIR]. The renderer is built separately (renderer/vite.config.ts).
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Worker threads started from a file: plain JavaScript that Vite does not see, so copied as they are. */
export const WORKER_FILES = [
  'electron/desk/db/integrity-worker.mjs',
  'electron/desk/db/checkpoint-worker.mjs',
  'electron/desk/sync/fetch-worker.mjs',
];

/** Worker threads written in TypeScript: each is bundled to `<name>.js` beside index.js. */
export const WORKER_ENTRIES = { 'page-worker': 'electron/desk/sync/page-worker.ts' };

/** @param {{ outDir?: string }} [options] */
export async function bundleShell(options = {}) {
  const outDir = path.resolve(root, options.outDir ?? 'out');
  const common = { configFile: false, root, logLevel: 'warn', publicDir: false };
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  await build({
    ...common,
    // electron/desk/api/app-version.ts: package.json is not at the sources' relative path from out/main.
    define: { MOTCUA_BUNDLED_VERSION: JSON.stringify(version) },
    ssr: { external: ['electron'] },
    build: {
      ssr: path.join(root, 'electron/main/index.ts'),
      outDir: path.join(outDir, 'main'),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'index.js' } },
    },
  });
  for (const file of WORKER_FILES) copyFileSync(path.join(root, file), path.join(outDir, 'main', path.basename(file)));
  for (const [name, entry] of Object.entries(WORKER_ENTRIES)) {
    await build({
      ...common,
      build: {
        ssr: path.join(root, entry),
        outDir: path.join(outDir, 'main'),
        emptyOutDir: false,
        target: 'node22',
        minify: false,
        rollupOptions: { output: { format: 'es', entryFileNames: `${name}.js` } },
      },
    });
  }
  await build({
    ...common,
    ssr: { noExternal: true, external: ['electron'] },
    build: {
      ssr: path.join(root, 'electron/preload/index.ts'),
      outDir: path.join(outDir, 'preload'),
      emptyOutDir: true,
      target: 'chrome130',
      minify: false,
      rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'index.cjs' } },
    },
  });
  return { main: path.join(outDir, 'main', 'index.js'), preload: path.join(outDir, 'preload', 'index.cjs') };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const files = await bundleShell(at > 0 ? { outDir: process.argv[at + 1] } : {});
  console.log(`main:    ${path.relative(root, files.main)}\npreload: ${path.relative(root, files.preload)}`);
}
