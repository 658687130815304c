// Bundles the Node side: Electron main + preload, and the web-mode server.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
};

/** { channel: { kind } } from the one contract, so the preload needs neither zod nor a copied list. */
async function channelKinds() {
  const dir = mkdtempSync(join(tmpdir(), 'berth-contract-'));
  try {
    const out = join(dir, 'contract.cjs');
    await build({ ...common, entryPoints: ['shared/contract.ts'], outfile: out, sourcemap: false });
    const { contract } = createRequire(import.meta.url)(out);
    return Object.fromEntries(Object.entries(contract).map(([name, def]) => [name, { kind: def.kind }]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kinds = await channelKinds();

await Promise.all([
  // Main and web server keep node_modules external (packaged as dependencies).
  build({ ...common, entryPoints: { main: 'electron/main.ts' }, outdir: 'dist/electron', packages: 'external' }),
  build({ ...common, entryPoints: { web: 'electron/web.ts' }, outdir: 'dist/server', packages: 'external' }),
  // A sandboxed preload cannot require node_modules: bundle everything but electron.
  build({
    ...common,
    entryPoints: { preload: 'electron/preload.ts' },
    outdir: 'dist/electron',
    external: ['electron'],
    define: { __BERTH_CHANNEL_KINDS__: JSON.stringify(kinds) },
  }),
]);
