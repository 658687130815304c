import { describe, expect, test } from 'vitest';
import { globalArgs, opRuns, supportsAnsiFlag, targetWorkingDir } from '../../../electron/engine/compose/args';
import { ComposeOp } from '../../../shared/contracts/stacks';
import { BerthError } from '../../../shared/errors';

const V1 = { major: 1, version: '1.29.2' };
const V2 = { major: 2, version: '2.24.6' };
const files = ['/srv/app/docker-compose.yml', '/srv/app/docker-compose.extra.yml'];
const G1 = ['--ansi', 'always', '-f', files[0], '-f', files[1], '-p', 'shop', '--project-directory', '/srv/app'];

/** Ops as the handler receives them: parsed by the contract's schema (defaults applied). */
const op = (o: unknown) => ComposeOp.parse(o);
const target = { files, project: 'shop' };

describe('compose arguments', () => {
  test('--ansi from docker-compose 1.28 and every v2; older v1 has none', () => {
    expect(supportsAnsiFlag(V1)).toBe(true);
    expect(supportsAnsiFlag({ major: 1, version: '1.27.4' })).toBe(false);
    expect(supportsAnsiFlag(V2)).toBe(true);
    expect(globalArgs({ major: 1, version: '1.25.0' }, op({ op: 'pull', target }).target)).not.toContain('--ansi');
    expect(globalArgs({ major: 1, version: '1.25.0' }, op({ op: 'pull', target }).target, 'never')).toContain(
      '--no-ansi',
    );
  });

  test('global options: files in order, project, folder (the first file’s by default), env file, profiles', () => {
    const t = op({
      op: 'pull',
      target: { files, project: 'shop', workingDir: '/srv', envFile: '/srv/prod.env', profiles: ['debug', 'tools'] },
    }).target;
    expect(globalArgs(V2, t, 'never')).toEqual([
      '--ansi',
      'never',
      '-f',
      files[0],
      '-f',
      files[1],
      '-p',
      'shop',
      '--project-directory',
      '/srv',
      '--env-file',
      '/srv/prod.env',
      '--profile',
      'debug',
      '--profile',
      'tools',
    ]);
    expect(targetWorkingDir({ files: ['/a/b/c.yml'] })).toBe('/a/b');
    expect(globalArgs(V1, op({ op: 'pull', target: { files: ['/x/y.yml'] } }).target)).toEqual([
      '--ansi',
      'always',
      '-f',
      '/x/y.yml',
      '--project-directory',
      '/x',
    ]);
  });

  test('up: detached, with its options and services after --', () => {
    expect(
      opRuns(
        V2,
        op({
          op: 'up',
          target,
          services: ['web'],
          build: true,
          forceRecreate: true,
          removeOrphans: true,
          pull: 'always',
        }),
      ),
    ).toEqual([
      [...G1, 'up', '-d', '--build', '--force-recreate', '--remove-orphans', '--pull', 'always', '--', 'web'],
    ]);
    expect(opRuns(V2, op({ op: 'up', target, pull: 'never' }))).toEqual([[...G1, 'up', '-d', '--pull', 'never']]);
    expect(opRuns(V1, op({ op: 'up', target }))).toEqual([[...G1, 'up', '-d']]);
  });

  test('v1 has no --pull: "always" is a pull run before up, "never" is refused on the pull field', () => {
    expect(opRuns(V1, op({ op: 'up', target, pull: 'always', services: ['web'] }))).toEqual([
      [...G1, 'pull', '--', 'web'],
      [...G1, 'up', '-d', '--', 'web'],
    ]);
    let err: unknown;
    try {
      opRuns(V1, op({ op: 'up', target, pull: 'never' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'pull' } });
    expect((err as Error).message).toMatch(/1\.29\.2.*never/);
  });

  test('down, pull, build and scale', () => {
    expect(opRuns(V1, op({ op: 'down', target }))).toEqual([[...G1, 'down']]);
    expect(opRuns(V1, op({ op: 'down', target, volumes: true, removeOrphans: true, rmi: 'local' }))).toEqual([
      [...G1, 'down', '--volumes', '--remove-orphans', '--rmi', 'local'],
    ]);
    expect(opRuns(V1, op({ op: 'pull', target }))).toEqual([[...G1, 'pull']]);
    expect(opRuns(V1, op({ op: 'build', target, services: ['web', 'api'], noCache: true }))).toEqual([
      [...G1, 'build', '--no-cache', '--', 'web', 'api'],
    ]);
    expect(opRuns(V1, op({ op: 'scale', target, service: 'worker', replicas: 3 }))).toEqual([
      [...G1, 'up', '-d', '--no-deps', '--scale', 'worker=3', '--', 'worker'],
    ]);
    expect(opRuns(V2, op({ op: 'scale', target, service: 'worker', replicas: 0 }))).toEqual([
      [...G1, 'up', '-d', '--no-deps', '--scale', 'worker=0', '--', 'worker'],
    ]);
  });

  test('remove: a service’s containers, stopped first, anonymous volumes only when asked', () => {
    expect(opRuns(V1, op({ op: 'remove', target, services: ['worker'] }))).toEqual([
      [...G1, 'rm', '--stop', '--force', '--', 'worker'],
    ]);
    expect(opRuns(V2, op({ op: 'remove', target, services: ['worker', 'web'], volumes: true }))).toEqual([
      [...G1, 'rm', '--stop', '--force', '-v', '--', 'worker', 'web'],
    ]);
  });

  test('v2 refuses a project name v1 would normalize: refused up front on the project field', () => {
    expect(() => opRuns(V2, op({ op: 'pull', target: { files, project: 'My.Shop' } }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { field: 'project' } }),
    );
    expect(opRuns(V1, op({ op: 'pull', target: { files, project: 'My.Shop' } }))[0]).toContain('My.Shop');
  });

  test('a path with spaces or shell characters stays one argument', () => {
    const odd = '/home/me/my stack; $(rm -rf ~)/compose.yml';
    const runs = opRuns(V1, op({ op: 'pull', target: { files: [odd] } }));
    expect(runs[0]).toContain(odd);
    expect(runs[0]).toContain('/home/me/my stack; $(rm -rf ~)');
  });
});
