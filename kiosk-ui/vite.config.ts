// Builds the outlet kiosk (kiosk/index.html → dist/kiosk). The back-office console will be a second
// app beside it (console/index.html + src/console/), sharing src/shared/.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./kiosk'),
  // Relative asset URLs: the edge serves the build at `/`, a file:// preview or a sub-path works too.
  base: './',
  plugins: [preact()],
  resolve: {
    // kiosk/index.html loads ../src/kiosk/main.tsx; the dev server sees that as /src/… under its root.
    alias: [{ find: /^\/src\//, replacement: `${here('./src')}/` }],
  },
  build: {
    outDir: here('./dist/kiosk'),
    emptyOutDir: true,
  },
  server: {
    // The app source lives outside the Vite root (kiosk/); let the dev server read it.
    fs: { allow: [here('.'), here('../node_modules'), here('../folio'), here('../sync')] },
    proxy: {
      // The edge service. Server-sent events stream through http-proxy unbuffered.
      '/api': { target: 'http://127.0.0.1:8081', changeOrigin: false },
    },
  },
});
