// Builds the front desk (desk/index.html → dist/desk), served by central at /desk/. Its own bundle, so
// the kiosk's JavaScript budget does not carry it.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./desk'),
  base: './',
  plugins: [preact()],
  resolve: { alias: [{ find: /^\/src\//, replacement: `${here('./src')}/` }] },
  build: { outDir: here('./dist/desk'), emptyOutDir: true },
  server: {
    port: 5175,
    fs: { allow: [here('.'), here('../node_modules'), here('../folio'), here('../sync')] },
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
