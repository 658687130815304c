import { describe, expect, test } from 'vitest';
import type { ComposeCliInfo } from '../../../shared/contracts/stacks';
import {
  composeCommandPreview,
  describeCli,
  EMPTY_UP_FORM,
  exitStatus,
  isComposeV1,
  runTitle,
  targetErrorsOf,
  targetOfStack,
  toTarget,
  toUpOp,
  validateTarget,
  yamlErrorLine,
} from '../../../renderer/presentation/compose';
import type { Stack } from '../../../renderer/presentation/stacks';

const v1: ComposeCliInfo = { found: true, kind: 'standalone', command: '/usr/bin/docker-compose', version: '1.29.2' };
const v2: ComposeCliInfo = { found: true, kind: 'plugin', command: 'docker compose', version: '2.24.6' };
const files = ['/srv/app/docker-compose.yml', '/srv/app/docker-compose.extra.yml'];

describe('the Up form', () => {
  test('empty fields are left to the CLI', () => {
    expect(toTarget({ ...EMPTY_UP_FORM, files })).toEqual({ files, profiles: [] });
    expect(
      toTarget({ ...EMPTY_UP_FORM, files, project: ' shop ', envFile: '/srv/app/prod.env', profiles: ['debug'] }),
    ).toEqual({
      files,
      project: 'shop',
      envFile: '/srv/app/prod.env',
      profiles: ['debug'],
    });
  });

  test('the contract’s checks land at their fields', () => {
    expect(validateTarget({ files: [], profiles: [] })).toMatchObject({ files: 'Add at least one compose file' });
    expect(validateTarget({ files: ['docker-compose.yml'], profiles: [] }).files).toMatch(/absolute/);
    expect(validateTarget({ files, project: 'Bad Name!', profiles: [] }).project).toMatch(/letters, digits/);
    expect(validateTarget({ files, envFile: '.env', profiles: [] }).envFile).toMatch(/absolute/);
    expect(validateTarget({ files, project: 'shop', profiles: [] })).toEqual({});
  });

  test('the server’s INVALID_ARGUMENT issues map to fields; anything else is the form’s', () => {
    expect(
      targetErrorsOf({
        code: 'INVALID_ARGUMENT',
        message: 'Invalid arguments',
        details: { issues: ['project: A compose project name', 'files.1: Too long'] },
      }),
    ).toEqual({ project: 'A compose project name', files: 'Too long' });
    expect(
      targetErrorsOf({ code: 'INVALID_ARGUMENT', message: 'x', details: { issues: ['target.pull: never on v1'] } }),
    ).toEqual({
      pull: 'never on v1',
    });
    expect(targetErrorsOf({ code: 'NOT_FOUND', message: 'No compose CLI' })).toEqual({ form: 'No compose CLI' });
  });
});

describe('command preview', () => {
  const up = toUpOp({ ...EMPTY_UP_FORM, files, project: 'shop', build: true, pull: 'always', removeOrphans: true });

  test('v2: one up with --pull', () => {
    expect(composeCommandPreview(v2, up)).toBe(
      'docker compose -f /srv/app/docker-compose.yml -f /srv/app/docker-compose.extra.yml -p shop up -d --build --pull always --remove-orphans',
    );
  });

  test('v1: "always" is a pull before up', () => {
    expect(composeCommandPreview(v1, up)).toBe(
      '/usr/bin/docker-compose -f /srv/app/docker-compose.yml -f /srv/app/docker-compose.extra.yml -p shop pull && ' +
        '/usr/bin/docker-compose -f /srv/app/docker-compose.yml -f /srv/app/docker-compose.extra.yml -p shop up -d --build --remove-orphans',
    );
  });

  test('down, scale, and quoting', () => {
    const target = { files: ['/srv/my app/compose.yml'], project: 'shop', profiles: [] };
    expect(composeCommandPreview(v1, { op: 'down', target, volumes: true, rmi: 'local' })).toBe(
      "/usr/bin/docker-compose -f '/srv/my app/compose.yml' -p shop down --volumes --rmi local",
    );
    expect(composeCommandPreview(v2, { op: 'scale', target, service: 'worker', replicas: 3 })).toBe(
      "docker compose -f '/srv/my app/compose.yml' -p shop up -d --no-deps --scale worker=3 worker",
    );
    expect(runTitle({ op: 'scale', target, service: 'worker', replicas: 3 }, 'shop')).toBe('Scale shop/worker to 3');
    expect(composeCommandPreview(v1, { op: 'remove', target, services: ['worker'], volumes: true })).toBe(
      "/usr/bin/docker-compose -f '/srv/my app/compose.yml' -p shop rm --stop --force -v worker",
    );
    expect(runTitle({ op: 'remove', target, services: ['worker'] }, 'shop')).toBe('Remove shop/worker');
  });
});

describe('the CLI and a run’s end', () => {
  test('which CLI', () => {
    expect(describeCli(v1)).toBe('docker-compose 1.29.2 (/usr/bin/docker-compose)');
    expect(describeCli(v2)).toBe('docker compose 2.24.6');
    expect(isComposeV1(v1)).toBe(true);
    expect(isComposeV1(v2)).toBe(false);
  });

  test('exit status in words', () => {
    const base = { kind: 'exit' as const, serviceErrors: [] };
    expect(exitStatus({ ...base, code: 0, cancelled: false })).toEqual({ text: 'Done (exit code 0)', ok: true });
    expect(exitStatus({ ...base, code: 1, cancelled: false }).text).toBe('Failed (exit code 1)');
    expect(exitStatus({ ...base, code: null, cancelled: true }).text).toBe('Cancelled');
  });

  test('a YAML error’s line', () => {
    const msg = 'yaml.scanner.ScannerError: while scanning a simple key\n  in "./docker-compose.yml", line 4, column 1';
    expect(yamlErrorLine(msg)).toBe(4);
    expect(yamlErrorLine('services.web Additional property foo is not allowed')).toBeUndefined();
    const nested =
      'while parsing a block mapping\n  in "./docker-compose.yml", line 2, column 3\n' +
      'expected <block end>, but found \'<block mapping start>\'\n  in "./docker-compose.yml", line 4, column 4';
    expect(yamlErrorLine(nested)).toBe(4);
  });

  test('a running project’s target comes from its labels', () => {
    const stack = { project: 'shop', workingDir: '/srv/app', configFiles: files } as Stack;
    expect(targetOfStack(stack)).toEqual({ files, project: 'shop', workingDir: '/srv/app', profiles: [] });
    expect(targetOfStack({ ...stack, configFiles: [] })).toBeUndefined();
  });
});
