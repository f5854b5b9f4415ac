/**
 * The renderer's own Vite build: root renderer/, output out/renderer. The same bundle is loaded by Electron (from
 * its app:// protocol) and by a browser from the loopback host, so asset URLs are relative and nothing is inlined
 * as a script (the strict CSP forbids inline scripts).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No node:path here: this file sits in renderer/, whose layer rule forbids Node modules. Vite fills in
// import.meta.dirname when it loads the config, and outDir is relative to root.
const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Fonts and images stay files: a data: URL for a font would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, strictPort: false },
});
