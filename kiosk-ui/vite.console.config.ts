// Builds the back-office console (console/index.html → dist/console), served by central at /console/.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./console'),
  base: './',
  plugins: [preact()],
  resolve: { alias: [{ find: /^\/src\//, replacement: `${here('./src')}/` }] },
  build: { outDir: here('./dist/console'), emptyOutDir: true },
  server: {
    port: 5174,
    fs: { allow: [here('.'), here('../node_modules'), here('../folio'), here('../sync')] },
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
