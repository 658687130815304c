import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dockerJsonLines, requireEngine, TEST_IMAGE, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from '../handlers/harness';

/**
 * stacks.action on a project brought up by the real docker-compose (v1, what CI installs) on the
 * private engine: start/stop/pause through the API on the labelled containers, no CLI involved.
 */
const run = promisify(execFile);
const project = uniqueName('stack').replace(/[^a-z0-9_-]/g, '');
const dir = mkdtempSync(join(tmpdir(), 'berth-stack-'));
let stack: Stack;
let compose = true;

async function composeCli(...args: string[]): Promise<void> {
  await run('docker-compose', ['-p', project, '-f', join(dir, 'docker-compose.yml'), ...args], {
    env: process.env,
    cwd: dir,
  });
}

async function states(): Promise<Record<string, string>> {
  const rows = await dockerJsonLines<{ Names: string; State: string }>([
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{json .}}',
  ]);
  return Object.fromEntries(rows.map((r) => [r.Names, r.State]));
}

beforeAll(async () => {
  requireEngine();
  stack = createStack();
  writeFileSync(
    join(dir, 'docker-compose.yml'),
    `version: "3"\nservices:\n  web:\n    image: ${TEST_IMAGE}\n    command: sleep 600\n  worker:\n    image: ${TEST_IMAGE}\n    command: sleep 600\n`,
  );
  try {
    await run('docker-compose', ['version', '--short']);
  } catch {
    compose = false;
    console.warn('compose project tests skipped: docker-compose is not installed (CI installs it)');
    return;
  }
  await composeCli('up', '-d', '--scale', 'worker=2');
}, 120_000);

afterAll(async () => {
  stack?.close();
  if (compose) await composeCli('down', '--remove-orphans', '--timeout', '0').catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('stacks.action', () => {
  test('stop, start, pause and unpause the whole project; a second start skips what runs', async ({ skip }) => {
    if (!compose) skip();
    const names = [`${project}_web_1`, `${project}_worker_1`, `${project}_worker_2`];
    const stopped = await stack.call('stacks.action', { project, action: 'stop' });
    expect(stopped.done.map((d) => d.name)).toEqual(names);
    expect(stopped.failed).toEqual([]);
    expect(Object.values(await states())).toEqual(['exited', 'exited', 'exited']);

    await stack.call('stacks.action', { project, action: 'start' });
    expect(Object.values(await states())).toEqual(['running', 'running', 'running']);
    const again = await stack.call('stacks.action', { project, action: 'start' });
    expect(again.done).toEqual([]);
    expect(again.skipped.map((s) => [s.name, s.reason])).toEqual(names.map((n) => [n, 'already running']));

    await stack.call('stacks.action', { project, action: 'pause' });
    expect(Object.values(await states())).toEqual(['paused', 'paused', 'paused']);
    await stack.call('stacks.action', { project, action: 'unpause' });
    expect(Object.values(await states())).toEqual(['running', 'running', 'running']);
  });

  test('one service only; one-off run containers are left alone', async ({ skip }) => {
    if (!compose) skip();
    await composeCli('run', '-d', 'worker', 'sleep', '600');
    const res = await stack.call('stacks.action', { project, service: 'worker', action: 'stop' });
    expect(res.done.map((d) => d.name)).toEqual([`${project}_worker_1`, `${project}_worker_2`]);
    const s = await states();
    expect(s[`${project}_web_1`]).toBe('running');
    const oneoff = Object.entries(s).find(([n]) => n.startsWith(`${project}_worker_run_`));
    expect(oneoff?.[1]).toBe('running');
  });

  test('an unknown project or service is NOT_FOUND; a bad name never reaches the engine', async () => {
    await expect(stack.call('stacks.action', { project: `${project}-nope`, action: 'stop' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(stack.call('stacks.action', { project, service: 'nope', action: 'stop' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(stack.call('stacks.action', { project: 'a,b=c', action: 'stop' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
