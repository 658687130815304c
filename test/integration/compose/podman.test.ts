import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ArgsIn } from '../../../shared/contract-kit';
import type { Contract } from '../../../shared/contract';
import type { ComposeFrame } from '../../../shared/contracts/stacks';
import { CHAPTER_FILES, hasComposeCli } from '../../helpers/compose';
import { uniqueName, waitFor } from '../../helpers/engine';
import { PODMAN_HOST, podman } from '../../helpers/podman';
import { createStack, type Stack } from '../handlers/harness';

/**
 * The chapter stack on Podman's Docker-compatible API (scripts/podman.sh, started by scripts/test.mjs),
 * through the same handlers as on dockerd: docker-compose v1 is pointed at the Podman socket Berth is
 * connected to, builds `web` there, and the API-only actions work on what it made. Everything is
 * checked with `podman --url`.
 */

type ExitFrame = Extract<ComposeFrame, { kind: 'exit' }>;
const configDir = mkdtempSync(join(tmpdir(), 'berth-cfg-podman-'));
let stack: Stack;
let compose = false;
const project = uniqueName('pm-stack');
const target = { files: CHAPTER_FILES, project };

async function run(op: ArgsIn<Contract['stacks.run']>): Promise<{ exit: ExitFrame; text: string }> {
  const sub = stack.subscribe('stacks.run', op);
  const exit = (await sub.waitFor((f) => f.kind === 'exit', { timeoutMs: 180_000 })) as ExitFrame;
  const text = sub.payloads.map((f) => (f.kind === 'output' ? f.text : '')).join('');
  return { exit, text };
}

/** "name state" of this project's containers, or names of its volumes/networks, by label (`podman --url`). */
async function objects(kind: 'ps' | 'volume' | 'network'): Promise<string[]> {
  const filter = ['--filter', `label=com.docker.compose.project=${project}`];
  if (kind === 'ps') {
    // Podman's `{{.State}}` template prints the status text; its JSON has the state.
    const rows = JSON.parse((await podman(['ps', '-a', '--format', 'json', ...filter])).stdout) as Array<{
      Names: string[];
      State: string;
    }>;
    return rows.map((r) => `${r.Names[0] ?? ''} ${r.State}`).sort();
  }
  const out = await podman([kind, 'ls', '--format', '{{.Name}}', ...filter]);
  return out.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

if (!PODMAN_HOST) console.warn('[compose/podman] skipped: BERTH_TEST_PODMAN_HOST is unset (no podman service)');

describe.skipIf(!PODMAN_HOST)('compose on Podman', () => {
  beforeAll(async () => {
    process.env.BERTH_CONFIG_DIR = configDir;
    compose = await hasComposeCli();
    if (!compose) console.warn('[compose/podman] skipped: docker-compose is not installed (CI installs it)');
    stack = createStack({ setting: PODMAN_HOST });
  });

  afterAll(async () => {
    if (compose) await run({ op: 'down', target, volumes: true, rmi: 'local' }).catch(() => undefined);
    stack?.close();
    rmSync(configDir, { recursive: true, force: true });
  }, 180_000);

  test('up from two files with --build, API stop/start, scale, remove a service, down -v: all on Podman, nothing left', async ({
    skip,
  }) => {
    if (!compose) skip();
    const up = await run({ op: 'up', target, build: true });
    expect(up.exit, up.text).toMatchObject({ code: 0, cancelled: false, serviceErrors: [] });
    expect(await objects('ps')).toEqual([
      `${project}_store_1 running`,
      `${project}_web_1 running`,
      `${project}_worker_1 running`,
    ]);
    // The worker reaches the store by its alias on Podman's network too.
    await waitFor(
      async () =>
        /worker extra: store says \d+/.test((await podman(['logs', `${project}_worker_1`])).stdout) || undefined,
      { timeoutMs: 30_000, message: 'worker reached the store' },
    );

    // Stop and start through the API (what works with no CLI), on Podman's labels.
    const stopped = await stack.call('stacks.action', { project, action: 'stop' });
    expect(stopped.failed).toEqual([]);
    expect(stopped.done.map((c) => c.name).sort()).toEqual([
      `${project}_store_1`,
      `${project}_web_1`,
      `${project}_worker_1`,
    ]);
    expect((await objects('ps')).every((l) => l.endsWith(' exited'))).toBe(true);
    const started = await stack.call('stacks.action', { project, action: 'start' });
    expect(started.failed).toEqual([]);
    expect((await objects('ps')).every((l) => l.endsWith(' running'))).toBe(true);

    const scaled = await run({ op: 'scale', target, service: 'worker', replicas: 2 });
    expect(scaled.exit, scaled.text).toMatchObject({ code: 0, serviceErrors: [] });
    expect((await objects('ps')).filter((l) => l.includes('_worker_'))).toHaveLength(2);

    const removed = await run({ op: 'remove', target, services: ['worker'] });
    expect(removed.exit, removed.text).toMatchObject({ code: 0, serviceErrors: [] });
    expect(await objects('ps')).toEqual([`${project}_store_1 running`, `${project}_web_1 running`]);

    const preview = await stack.call('stacks.downPreview', { target, volumes: true });
    expect(preview.containers).toHaveLength(2);
    expect(preview.volumes).toEqual([`${project}_data`]);

    const down = await run({ op: 'down', target, volumes: true, rmi: 'local' });
    expect(down.exit, down.text).toMatchObject({ code: 0, serviceErrors: [] });
    expect(await objects('ps')).toEqual([]);
    expect(await objects('volume')).toEqual([]);
    expect(await objects('network')).toEqual([]);
  }, 300_000);
});
