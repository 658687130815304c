// Bundles the Node side: Electron main + preload, and the web-mode server.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
};

await Promise.all([
  // Main and web server keep node_modules external (packaged as dependencies).
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', packages: 'external' }),
  build({ ...common, entryPoints: { web: 'electron/web.ts' }, outdir: 'dist/server', packages: 'external' }),
  // A sandboxed preload cannot require node_modules: bundle everything but electron.
  build({ ...common, entryPoints: { preload: 'electron/preload.ts' }, outdir: 'dist/electron', external: ['electron'] }),
]);
