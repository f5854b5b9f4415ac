#!/usr/bin/env node
// Draws the MotCua Desk icon (a white dossier sheet with a green tick on a blue tile) and writes every file
// electron-builder wants: build/icon.png (1024 px, macOS and fallback), build/icon.ico (Windows, PNG-compressed
// entries 16–256 px) and build/icons/NxN.png (Linux). No network and no image library: a few shapes, anti-aliased
// by supersampling, encoded as PNG with node:zlib. Run: node build/icons/make-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const BLUE = [31, 95, 168];
const WHITE = [255, 255, 255];
const LINE = [157, 179, 207];
const GREEN = [46, 158, 79];

/** Signed distance to a rounded rectangle (negative inside), in unit coordinates. */
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x, y, ax, ay, bx, by, halfWidth) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - halfWidth;
}

/** The layers, back to front: each a colour and an inside test on unit coordinates. */
const layers = [
  [BLUE, (x, y) => roundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2) <= 0],
  [WHITE, (x, y) => roundedRect(x, y, 0.27, 0.16, 0.73, 0.84, 0.04) <= 0],
  [
    LINE,
    (x, y) => [0.3, 0.39, 0.48].some((top) => roundedRect(x, y, 0.35, top, 0.65, top + 0.04, 0.02) <= 0),
  ],
  [
    GREEN,
    (x, y) =>
      Math.min(segment(x, y, 0.39, 0.66, 0.47, 0.74, 0.035), segment(x, y, 0.47, 0.74, 0.63, 0.57, 0.035)) <=
      0,
  ],
];

function draw(size) {
  const samples = size >= 512 ? 2 : 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour = null;
          for (const [c, inside] of layers) if (inside(x, y)) colour = c;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      // Premultiplied sums back to straight alpha.
      rgba[o] = a ? Math.round(r / a) : 0;
      rgba[o + 1] = a ? Math.round(g / a) : 0;
      rgba[o + 2] = a ? Math.round(b / a) : 0;
      rgba[o + 3] = Math.round((a / (samples * samples)) * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An .ico whose entries are PNGs (supported since Windows Vista). */
export function encodeIco(pngsBySize) {
  const entries = [...pngsBySize.entries()];
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(([size, png], i) => {
    const e = 6 + 16 * i;
    header[e] = size >= 256 ? 0 : size;
    header[e + 1] = size >= 256 ? 0 : size;
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...entries.map(([, png]) => png)]);
}

export function makeIcons(outDir = buildDir) {
  const png = (size) => encodePng(size, draw(size));
  mkdirSync(path.join(outDir, 'icons'), { recursive: true });
  writeFileSync(path.join(outDir, 'icon.png'), png(1024));
  const ico = new Map([16, 24, 32, 48, 64, 128, 256].map((s) => [s, png(s)]));
  writeFileSync(path.join(outDir, 'icon.ico'), encodeIco(ico));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) {
    writeFileSync(path.join(outDir, 'icons', `${size}x${size}.png`), ico.get(size) ?? png(size));
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  makeIcons();
  console.log('icons written to build/');
}
