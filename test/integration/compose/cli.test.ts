import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { composeEnv, detectComposeCli, runCompose } from '../../../electron/engine/compose/cli';

/**
 * The compose CLI on this machine (CI installs Debian's docker-compose v1; `docker compose` v2 is not
 * installable here), found and run the way Berth runs it. Needs no engine: `config` only reads files.
 */
const dir = mkdtempSync(join(tmpdir(), 'berth compose '));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function installed(): string | undefined {
  try {
    return execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

describe('compose CLI', () => {
  const version = installed();
  test.runIf(version !== undefined)('detects the installed docker-compose and its version', async () => {
    const cli = await detectComposeCli(process.env);
    expect(cli).toBeDefined();
    // No v2 plugin on these machines: the standalone v1 binary is what answers.
    expect(cli).toMatchObject({ command: 'docker-compose', kind: 'standalone', version: version?.replace(/^v/, '') });
    expect(cli?.major).toBe(Number.parseInt(version ?? '', 10));
  });

  test('a user path that is not compose is reported as missing, not replaced', async () => {
    expect(await detectComposeCli(process.env, '/nonexistent/docker-compose')).toBeUndefined();
    expect(await detectComposeCli(process.env, '/bin/true')).toBeUndefined();
  });

  test('no compose anywhere on PATH: undefined', async () => {
    const empty = join(dir, 'empty-bin');
    mkdirSync(empty, { recursive: true });
    expect(await detectComposeCli({ ...process.env, PATH: empty })).toBeUndefined();
  });

  test.runIf(version !== undefined)(
    'arguments go as an array: files in a folder with spaces, merged in order, project name kept',
    async () => {
      const cli = await detectComposeCli(process.env);
      if (!cli) throw new Error('no compose CLI');
      const sub = join(dir, 'my stack; $(echo pwned)');
      mkdirSync(sub, { recursive: true });
      writeFileSync(
        join(sub, 'base.yml'),
        'version: "3"\nservices:\n  web:\n    image: busybox:latest\n    command: sleep 1\n',
      );
      writeFileSync(join(sub, 'over ride.yml'), 'version: "3"\nservices:\n  worker:\n    image: busybox:latest\n');
      const res = await runCompose(
        cli,
        ['-p', 'berth-cli-test', '-f', join(sub, 'base.yml'), '-f', join(sub, 'over ride.yml'), 'config', '--services'],
        { env: composeEnv(process.env, 'unix:///nonexistent.sock'), cwd: sub },
      );
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout.trim().split('\n').sort()).toEqual(['web', 'worker']);
    },
  );

  test.runIf(version !== undefined)('a file that does not parse: the CLI says which line', async () => {
    const cli = await detectComposeCli(process.env);
    if (!cli) throw new Error('no compose CLI');
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'services:\n  web:\n    image: [unclosed\n');
    const res = await runCompose(cli, ['-f', bad, 'config'], { env: process.env, cwd: dir });
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/line \d+/);
  });
});

describe('composeEnv', () => {
  test('points the CLI at the engine Berth uses and drops any context', () => {
    const env = composeEnv(
      { PATH: '/usr/bin', DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CONTEXT: 'prod' },
      'unix:///run/x.sock',
    );
    expect(env).toEqual({ PATH: '/usr/bin', DOCKER_HOST: 'unix:///run/x.sock' });
  });
});
