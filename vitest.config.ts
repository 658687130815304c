import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three projects, selectable with `npm test -- --project <name>`:
 *  - unit:        pure logic, no engine, runs in parallel
 *  - integration: talks to the private test engine (scripts/engine.sh), one file at a time
 *  - e2e:         drives the built app (web mode / Electron) with Chromium, one file at a time
 */
export default defineConfig({
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
    },
  },
  esbuild: {
    // .tsx tests use the automatic JSX runtime (no `import React` needed).
    jsx: 'automatic',
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files run one after another in one worker (vitest 3's per-project form of
          // `fileParallelism: false`, which is only a global option).
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Files run one after another in one worker (vitest 3's per-project form of
          // `fileParallelism: false`, which is only a global option).
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
