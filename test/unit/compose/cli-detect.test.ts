import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { detectComposeCli } from '../../../electron/engine/compose/cli';

/**
 * Which compose CLI wins when several exist. v2 cannot be installed here, so the programs on PATH are
 * stand-in scripts that answer `version --short` as each CLI does; the choice logic is what is tested.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function pathWith(programs: Record<string, string>): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'berth-cli-detect-'));
  dirs.push(dir);
  for (const [name, script] of Object.entries(programs)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return { PATH: dir };
}

// `docker compose version --short` prints "2.24.6"; a docker without the plugin fails on "compose".
const DOCKER_WITH_PLUGIN = '[ "$1" = compose ] && [ "$2" = version ] && { echo 2.24.6; exit 0; }; exit 1';
const DOCKER_WITHOUT_PLUGIN = 'echo "docker: \'compose\' is not a docker command." >&2; exit 1';
const COMPOSE_V1 = '[ "$1" = version ] && { echo 1.29.2; exit 0; }; exit 1';

describe('detectComposeCli', () => {
  test('the v2 plugin wins over a standalone docker-compose', async () => {
    const cli = await detectComposeCli(pathWith({ docker: DOCKER_WITH_PLUGIN, 'docker-compose': COMPOSE_V1 }));
    expect(cli).toMatchObject({
      command: 'docker',
      baseArgs: ['compose'],
      kind: 'plugin',
      version: '2.24.6',
      major: 2,
    });
  });

  test('a docker without the plugin: docker-compose v1', async () => {
    const cli = await detectComposeCli(pathWith({ docker: DOCKER_WITHOUT_PLUGIN, 'docker-compose': COMPOSE_V1 }));
    expect(cli).toMatchObject({ command: 'docker-compose', baseArgs: [], kind: 'standalone', major: 1 });
  });

  test('a user path is the only one tried, even when the plugin exists', async () => {
    const env = pathWith({ docker: DOCKER_WITH_PLUGIN });
    expect(await detectComposeCli(env, '/nonexistent/docker-compose')).toBeUndefined();
  });
});
