/**
 * build/runtime-packages.mjs: which packages a bundle loads, and which production packages the packaged app leaves
 * out, on a small installed tree (the real one is packed and run in packaged-app.test.ts).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
interface RuntimePackages {
  packagesLoadedBy(code: string): string[];
  dependencyClosure(projectDir: string, roots: readonly string[]): Set<string>;
  unusedProductionPackages(projectDir: string, roots?: readonly string[]): string[];
  exclusionPatterns(names: readonly string[]): string[];
  default(request: { projectDir: string }): { files: string[] };
}
const load = async () =>
  (await import(pathToFileURL(path.join(repoRoot, 'build/runtime-packages.mjs')).href)) as RuntimePackages;

describe('the packages a bundle loads', () => {
  it('are its static, dynamic and re-exported imports, requires and resolves, by package name', async () => {
    const { packagesLoadedBy } = await load();
    const code = [
      'import { createRequire } from "node:module";',
      'import * as electron from "electron";',
      'import path from "path";',
      'import { z } from "zod";',
      "import 'side-effect-only';",
      'import { helper } from "./chunk.js";',
      'export { v7 } from "uuid";',
      'const require = createRequire(import.meta.url);',
      'const FONT = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");',
      'const pg = await import("pg");',
      'const scoped = require("@fastify/static/lib/x.js");',
      'const note = "see import.meta and the word import";',
    ].join('\n');
    // Node's own modules and Electron's are not packages the app carries; relative files are the bundle's own.
    expect(packagesLoadedBy(code)).toEqual([
      '@fastify/static',
      'dejavu-fonts-ttf',
      'pg',
      'side-effect-only',
      'uuid',
      'zod',
    ]);
  });
});

describe('the production packages the app leaves out', () => {
  let project = '';
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  /** Writes node_modules/<at>/package.json. */
  const install = (at: string, manifest: Record<string, unknown>) => {
    const dir = path.join(
      project,
      ...at.split('/').flatMap((part, i) => (i === 0 ? ['node_modules', part] : [part])),
    );
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  };

  const fixture = () => {
    project = mkdtempSync(path.join(os.tmpdir(), 'motcua-runtime-packages-'));
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'app',
        dependencies: { pdf: '1', server: '1', '@scope/ui': '1' },
        devDependencies: { lint: '1' },
      }),
    );
    // pdf (loaded by the app) needs font, and optionally a native build for another platform (not installed).
    install('pdf', { name: 'pdf', dependencies: { font: '1' }, optionalDependencies: { 'pdf-win32': '1' } });
    install('font', { name: 'font', dependencies: { shared: '1' } });
    // server and the UI package are never loaded by the app; server has its own version of shared, nested.
    install('server', { name: 'server', dependencies: { shared: '2', router: '1' } });
    install('server/node_modules/shared', { name: 'shared', version: '2' });
    install('shared', { name: 'shared', version: '1' });
    install('router', { name: 'router' });
    install('@scope/ui', { name: '@scope/ui', peerDependencies: { react: '1' } });
    install('react', { name: 'react' });
    install('lint', { name: 'lint' });
  };

  it('are every production package outside the closure of what the app loads, and never one inside it', async () => {
    const { dependencyClosure, unusedProductionPackages } = await load();
    fixture();
    expect([...dependencyClosure(project, ['pdf'])].sort()).toEqual(['font', 'pdf', 'shared']);
    // shared is needed (in version 1), so no copy of it is left out by name; devDependencies are not collected.
    expect(unusedProductionPackages(project, ['pdf'])).toEqual(['@scope/ui', 'react', 'router', 'server']);
  });

  it('become electron-builder `files` exclusions of the package and of everything installed inside it', async () => {
    const { exclusionPatterns } = await load();
    expect(exclusionPatterns(['server', '@scope/ui'])).toEqual([
      '!node_modules/server{,/**}',
      '!node_modules/@scope/ui{,/**}',
    ]);
  });

  it('cannot be computed from a broken install: a missing dependency is named, not silently shipped without', async () => {
    const { dependencyClosure } = await load();
    fixture();
    rmSync(path.join(project, 'node_modules', 'font'), { recursive: true });
    expect(() => dependencyClosure(project, ['pdf'])).toThrow(/font \(needed by pdf\).*npm install/);
  });

  it('are what the configuration electron-builder.yml extends excludes, for the real project', async () => {
    const runtime = await load();
    const { files } = runtime.default({ projectDir: repoRoot });
    expect(files).toEqual(runtime.exclusionPatterns(runtime.unusedProductionPackages(repoRoot)));
    expect(files).toContain('!node_modules/fastify{,/**}');
    expect(files).not.toContain('!node_modules/pdfkit{,/**}');
  });
});
