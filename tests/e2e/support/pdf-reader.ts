/**
 * Reads a PDF the way a person would: renders its first page with pdf.js in a blank Chromium page (no network:
 * the library files are served from node_modules by a route), returns its text and the QR code found on it
 * (decoded with jsQR). Used to check the receipt saved as PDF.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import type * as PdfJs from 'pdfjs-dist';
import { repoRoot } from './paths';

const ORIGIN = 'http://pdf-reader.test';
const files: Record<string, { file: string; type: string }> = {
  '/pdf.mjs': { file: 'node_modules/pdfjs-dist/build/pdf.mjs', type: 'text/javascript' },
  '/pdf.worker.mjs': { file: 'node_modules/pdfjs-dist/build/pdf.worker.mjs', type: 'text/javascript' },
  '/jsQR.js': { file: 'node_modules/jsqr/dist/jsQR.js', type: 'text/javascript' },
  '/': { file: '', type: 'text/html' },
};

/**
 * `text`, `qr`, `width` and `height`: the first page's, in points (A4 landscape is 842 × 595); `pageTexts`: every
 * page's text, in order.
 */
export async function readPdf(
  context: BrowserContext,
  pdf: Buffer,
): Promise<{ text: string; qr: string | null; pages: number; width: number; height: number; pageTexts: string[] }> {
  const page = await context.newPage();
  await page.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const entry = files[pathname];
    if (!entry) return route.fulfill({ status: 404, body: '' });
    const body = entry.file ? readFileSync(path.join(repoRoot, entry.file)) : '<!doctype html><html><body><script src="/jsQR.js"></script></body></html>';
    return route.fulfill({ status: 200, contentType: entry.type, body });
  });
  await page.goto(`${ORIGIN}/`);
  const result = await page.evaluate(async (base64: string) => {
    const pdfjs = (await import(`${location.origin}/pdf.mjs`)) as typeof PdfJs;
    pdfjs.GlobalWorkerOptions.workerSrc = `${location.origin}/pdf.worker.mjs`;
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const doc = await pdfjs.getDocument({ data }).promise;
    const first = await doc.getPage(1);
    const content = await first.getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join(' ');
    const viewport = first.getViewport({ scale: 3 });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(viewport.width);
    canvas.height = Math.ceil(viewport.height);
    const ctx = canvas.getContext('2d')!;
    await first.render({ canvas, canvasContext: ctx, viewport }).promise;
    const image = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const jsQR = (window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }).jsQR;
    const qr = jsQR(image.data, image.width, image.height);
    const page = first.getViewport({ scale: 1 });
    const pageTexts = [text];
    for (let n = 2; n <= doc.numPages; n++) {
      const next = await (await doc.getPage(n)).getTextContent();
      pageTexts.push(next.items.map((i) => ('str' in i ? i.str : '')).join(' '));
    }
    return { text, qr: qr ? qr.data : null, pages: doc.numPages, width: page.width, height: page.height, pageTexts };
  }, pdf.toString('base64'));
  await page.close();
  return result;
}
