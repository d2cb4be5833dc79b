import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The built renderer is served by the Electron app:// protocol and by serve mode, both with
// `default-src 'self'; script-src 'self'; style-src 'self'`: nothing may be inlined into the HTML.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // data: URIs would be blocked by default-src 'self'; every asset ships as a file.
    assetsInlineLimit: 0,
    // The module preload polyfill is only needed for old browsers; Chromium has modulepreload.
    modulePreload: { polyfill: false },
    target: 'chrome130',
  },
  server: { strictPort: false },
});
