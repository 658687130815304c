import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from '../electron/app/csp-meta';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Writes the CSP meta tag into index.html from the header policy (electron/app/csp-meta.ts). */
export function cspMetaPlugin(): Plugin {
  return {
    name: 'berth-csp-meta',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
        // Before any script or stylesheet, so the policy covers them all.
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [react(), cspMetaPlugin()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: { port: 5173, strictPort: false },
});
