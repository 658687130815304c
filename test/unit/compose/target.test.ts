import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  defaultProjectName,
  normalizeProjectName,
  readEnvFile,
  resolveTarget,
} from '../../../electron/engine/compose/target';
import { ComposeTarget } from '../../../shared/contracts/stacks';

const dir = mkdtempSync(join(tmpdir(), 'berth-target-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('project names by the CLI’s rules', () => {
  test('v1 (compose/cli/command.py): lowercased, only [-_a-z0-9] kept', () => {
    expect(normalizeProjectName('My Shop.v2', 1)).toBe('myshopv2');
    expect(normalizeProjectName('_Chapter-11_', 1)).toBe('_chapter-11_');
    expect(normalizeProjectName('Été', 1)).toBe('t');
    expect(normalizeProjectName('...', 1)).toBe('default');
  });

  test('v2 (compose-go): the same, then leading "-" and "_" trimmed', () => {
    expect(normalizeProjectName('My Shop.v2', 2)).toBe('myshopv2');
    expect(normalizeProjectName('_Chapter-11_', 2)).toBe('chapter-11_');
  });

  test('-p, then COMPOSE_PROJECT_NAME (environment over env file), then the folder', () => {
    const base = { workingDir: '/srv/My App', major: 1 };
    expect(defaultProjectName({ ...base, env: {}, envFile: {} })).toBe('myapp');
    expect(defaultProjectName({ ...base, env: {}, envFile: { COMPOSE_PROJECT_NAME: 'FromFile' } })).toBe('fromfile');
    expect(
      defaultProjectName({
        ...base,
        env: { COMPOSE_PROJECT_NAME: 'from-env' },
        envFile: { COMPOSE_PROJECT_NAME: 'FromFile' },
      }),
    ).toBe('from-env');
    expect(defaultProjectName({ ...base, project: 'Given', env: { COMPOSE_PROJECT_NAME: 'x' }, envFile: {} })).toBe(
      'given',
    );
  });
});

describe('env file and target', () => {
  test('.env in the working dir is read; a missing implicit one is fine, a missing explicit one is an error', async () => {
    const app = join(dir, 'Chapter App');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, '.env'), '\uFEFF# comment\nCOMPOSE_PROJECT_NAME=Book\nGREETING="hi there"\nexport X=1\n');
    writeFileSync(join(app, 'docker-compose.yml'), 'services: {}\n');
    const t = await resolveTarget(ComposeTarget.parse({ files: [join(app, 'docker-compose.yml')] }), {}, 1);
    expect(t.workingDir).toBe(app);
    expect(t.project).toBe('book');
    expect(t.envFile).toMatchObject({ found: true, values: { COMPOSE_PROJECT_NAME: 'Book', GREETING: 'hi there' } });

    expect(await readEnvFile(join(dir, 'none', '.env'), false)).toEqual({
      path: join(dir, 'none', '.env'),
      found: false,
      values: {},
    });
    const explicit = await readEnvFile(join(dir, 'nope.env'), true);
    expect(explicit.error).toMatch(/nope\.env: no such file/);
  });
});
