/**
 * The renderer's page names its icon, and the icon is a file Vite copies into the build: a page without one makes
 * the browser ask for /favicon.ico on every load, which the loopback host answers 404 (a console error each time).
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const rendererDir = path.resolve(import.meta.dirname, '../../renderer');
const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');

describe('the renderer page icon', () => {
  it('declares an icon that the build serves from its own folder, as a PNG the CSP allows', () => {
    const link = /<link\s+[^>]*rel="icon"[^>]*>/.exec(html)?.[0];
    expect(link).toBeDefined();
    const href = /href="([^"]+)"/.exec(link!)?.[1];
    // Absolute from the root: Vite rewrites it against base './', so Electron's app:// and the browser both find it.
    expect(href).toMatch(/^\/[\w.-]+\.png$/);
    const file = path.join(rendererDir, 'public', href!.slice(1));
    expect(existsSync(file)).toBe(true);
    expect([...readFileSync(file).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(html).toMatch(/img-src 'self'/);
  });
});
