import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it were the file at `relPath`, and returns the layer-rule messages. */
async function layerErrors(relPath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, relPath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layering').map((m) => m.message);
}

describe('layer rule (DESIGN.md §2)', () => {
  it.each([
    ['shared/calendar/x.ts', "import fs from 'node:fs';\nexport const a = fs;", /Node module 'node:fs'/],
    ['shared/domain/x.ts', "import path from 'path';\nexport const a = path;", /Node module 'path'/],
    ['shared/domain/x.ts', "import React from 'react';\nexport const a = React;", /pure TypeScript/],
    ['shared/domain/x.ts', "import { a } from '../../server/app';\nexport const b = a;", /layer 'server'/],
    ['renderer/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;", /runs only in Node/],
    ['renderer/x.ts', "import { a } from '../electron/desk/store';\nexport const b = a;", /layer 'electron-desk'/],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;", /only electron\/main/],
    ['electron/desk/x.ts', "import { app } from 'electron';\nexport const a = app;", /only electron\/main/],
    ['server/x.ts', "import { a } from '../electron/desk/store';\nexport const b = a;", /layer 'electron-desk'/],
    ['electron/desk/x.ts', "export const m = await import('../../server/app');", /layer 'server'/],
    ['electron/preload/x.ts', "import { a } from '../desk/store';\nexport const b = a;", /layer 'electron-desk'/],
  ])('reports %s importing a forbidden module', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(expected);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';\nimport { ok } from '../result';\nexport const a = [z, ok];"],
    ['renderer/x.ts', "import { ok } from '../shared/result';\nimport { create } from 'zustand';\nexport const a = [ok, create];"],
    ['electron/desk/x.ts', "import fs from 'node:fs';\nimport Database from 'better-sqlite3';\nimport { ok } from '../../shared/result';\nexport const a = [fs, Database, ok];"],
    ['electron/main/x.ts', "import { app } from 'electron';\nimport { a } from '../desk/store';\nexport const b = [app, a];"],
    ['cli/x.ts', "import { a } from '../server/app';\nimport { b } from '../electron/desk/store';\nexport const c = [a, b];"],
  ])('allows %s its own layer and the layers below', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
