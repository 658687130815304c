import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { docker, engineSocketPath, waitFor } from '../../helpers/engine';
import { startSocketProxy } from '../../helpers/proxy';
import { PODMAN_HOST, podman } from '../../helpers/podman';
import { createStack } from '../handlers/harness';
import { failure, finished } from '../stream-result';
import { useTransferSuite } from '../transfer-suite';
import { container, parts, run, tmpfs } from './transfer-fixture';

/** files.download (`docker cp CONTAINER:path host`) on the real engine, checked against `docker exec cat` / `docker cp`. */

const suite = useTransferSuite('berth-download-');
const { tracker } = suite;

const p = (text: string): { text: string } => ({ text });

describe('files.download', () => {
  test('a file from a running container is written as itself, with progress against its size', async () => {
    const c = await container(
      tracker,
      'running',
      'mkdir /d && head -c 300000 /dev/urandom > /d/blob && chmod 600 /d/blob',
    );
    const dest = join(suite.dir, 'blob');
    const frames = await finished(
      suite.stack.subscribe('files.download', { target: { kind: 'container', id: c }, path: p('/d/blob'), dest }),
    );
    expect(frames.at(-1)).toEqual({ type: 'done', path: dest, bytes: 300000, as: 'file' });
    expect(frames[0]).toEqual({ type: 'progress', bytes: 0, total: 300000 });
    const copied = join(suite.dir, 'blob-cli');
    await docker(['cp', `${c}:/d/blob`, copied]);
    expect(readFileSync(dest).equals(readFileSync(copied))).toBe(true);
    expect(parts(suite.dir)).toEqual([]);
  });

  test('a folder is written as the engine’s tar; created and stopped containers work too', async () => {
    const stopped = await container(tracker, 'stopped', 'mkdir -p /d/sub && echo hi > /d/sub/a && ln -s a /d/sub/l');
    const dest = join(suite.dir, 'd.tar');
    const frames = await finished(
      suite.stack.subscribe('files.download', { target: { kind: 'container', id: stopped }, path: p('/d'), dest }),
    );
    expect(frames.at(-1)).toMatchObject({ type: 'done', as: 'tar', bytes: statSync(dest).size });
    expect(frames[0]).toEqual({ type: 'progress', bytes: 0 });
    const { stdout } = await run('tar', ['-tvf', dest]);
    expect(stdout).toMatch(/d\/sub\/a/);
    expect(stdout).toMatch(/d\/sub\/l -> a/);

    const created = await container(tracker, 'created');
    const passwd = join(suite.dir, 'passwd');
    await finished(
      suite.stack.subscribe('files.download', {
        target: { kind: 'container', id: created },
        path: p('/etc/passwd'),
        dest: passwd,
      }),
    );
    expect(readFileSync(passwd, 'utf8')).toMatch(/^root:/);
  });

  test('never overwrites without asking; overwrite replaces', async () => {
    const c = await container(tracker, 'running', 'echo new > /f');
    const dest = join(suite.dir, 'existing');
    writeFileSync(dest, 'precious');
    const err = await failure(
      suite.stack.subscribe('files.download', { target: { kind: 'container', id: c }, path: p('/f'), dest }),
    );
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ path: dest });
    expect(readFileSync(dest, 'utf8')).toBe('precious');
    await finished(
      suite.stack.subscribe('files.download', {
        target: { kind: 'container', id: c },
        path: p('/f'),
        dest,
        overwrite: true,
      }),
    );
    expect(readFileSync(dest, 'utf8')).toBe('new\n');
  });

  test('a missing source and a missing destination folder are clear NOT_FOUND errors', async () => {
    const c = await container(tracker, 'running');
    const target = { kind: 'container' as const, id: c };
    const missing = await failure(
      suite.stack.subscribe('files.download', { target, path: p('/nope/x'), dest: join(suite.dir, 'x') }),
    );
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('/nope/x does not exist in container');
    const noDir = await failure(
      suite.stack.subscribe('files.download', {
        target,
        path: p('/etc/passwd'),
        dest: join(suite.dir, 'no', 'such', 'x'),
      }),
    );
    expect(noDir.code).toBe('NOT_FOUND');
    expect(noDir.message).toContain(join(suite.dir, 'no', 'such'));
    expect(existsSync(join(suite.dir, 'x'))).toBe(false);
  });

  test('names with a newline and non-UTF-8 bytes, given as bytes', async () => {
    const c = await container(
      tracker,
      'running',
      `printf one > "$(printf '/n\\nl')" && mkdir /d && printf two > "$(printf '/d/b\\377')"`,
    );
    const target = { kind: 'container' as const, id: c };
    const nl = join(suite.dir, 'newline');
    await finished(suite.stack.subscribe('files.download', { target, path: p('/n\nl'), dest: nl }));
    expect(readFileSync(nl, 'utf8')).toBe('one');
    const raw = join(suite.dir, 'raw');
    const b64 = Buffer.from([...Buffer.from('/d/b'), 0xff]).toString('base64');
    await finished(suite.stack.subscribe('files.download', { target, path: { text: '/d/b\uFFFD', b64 }, dest: raw }));
    expect(readFileSync(raw, 'utf8')).toBe('two');
  });

  test('disk full and a read-only folder: clear messages, nothing under the name, no temporary file', async () => {
    const c = await container(tracker, 'running', 'head -c 3000000 /dev/urandom > /big');
    const target = { kind: 'container' as const, id: c };
    const full = join(suite.dir, 'full');
    const unmountFull = await tmpfs(full, 'size=1m');
    try {
      const err = await failure(
        suite.stack.subscribe('files.download', { target, path: p('/big'), dest: join(full, 'big') }),
      );
      expect(err.message).toMatch(/No space left/);
      expect(err.message).toContain(join(full, 'big'));
      expect(existsSync(join(full, 'big'))).toBe(false);
      expect(parts(full)).toEqual([]);
    } finally {
      await unmountFull();
    }
    const ro = join(suite.dir, 'ro');
    const unmountRo = await tmpfs(ro, 'ro,size=1m');
    try {
      const err = await failure(
        suite.stack.subscribe('files.download', { target, path: p('/big'), dest: join(ro, 'big') }),
      );
      expect(err.code).toBe('FORBIDDEN');
      expect(err.message).toMatch(/read-only/);
    } finally {
      await unmountRo();
    }
  });

  test('cancel removes the temporary file', async () => {
    const c = await container(tracker, 'running', 'head -c 120000000 /dev/zero > /huge');
    const dest = join(suite.dir, 'cancelled');
    const sub = suite.stack.subscribe('files.download', {
      target: { kind: 'container', id: c },
      path: p('/huge'),
      dest,
    });
    await sub.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 30_000 });
    sub.unsubscribe();
    await waitFor(() => parts(suite.dir).length === 0, { timeoutMs: 10_000, message: 'temporary file removed' });
    expect(existsSync(dest)).toBe(false);
  });

  test('Docker: removing the container during a copy waits for it, and the file is whole', async () => {
    // The engine holds the container's lock while it streams the archive, so `rm -f` waits.
    const c = await container(tracker, 'running', 'head -c 120000000 /dev/zero > /huge');
    const dest = join(suite.dir, 'waited');
    const sub = suite.stack.subscribe('files.download', {
      target: { kind: 'container', id: c },
      path: p('/huge'),
      dest,
    });
    await sub.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 30_000 });
    const removed = docker(['rm', '-f', c]);
    const frames = await finished(sub);
    await removed;
    expect(frames.at(-1)).toMatchObject({ type: 'done', bytes: 120000000 });
    expect(statSync(dest).size).toBe(120000000);
  });

  test('a stream cut mid-copy is a clear failure; no file under the name, no temporary file', async () => {
    const proxy = await startSocketProxy(engineSocketPath());
    const cut = createStack({ setting: proxy.url });
    try {
      const c = await container(tracker, 'running', 'head -c 120000000 /dev/zero > /huge && mkdir /d && cp /huge /d/');
      for (const [path, dest] of [
        ['/huge', join(suite.dir, 'cut-file')],
        ['/d', join(suite.dir, 'cut-dir.tar')],
      ] as const) {
        const sub = cut.subscribe('files.download', { target: { kind: 'container', id: c }, path: p(path), dest });
        await sub.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 30_000 });
        proxy.cutAll();
        const err = await failure(sub);
        expect(err.message).toMatch(/copy (failed|ended before)/i);
        expect(existsSync(dest)).toBe(false);
      }
      expect(parts(suite.dir)).toEqual([]);
    } finally {
      cut.close();
      await proxy.close();
    }
  });
});

describe.skipIf(!PODMAN_HOST)('files.download on Podman', () => {
  test('a file and a folder round trip', async () => {
    const pstack = createStack({ setting: PODMAN_HOST });
    const name = `berth-t-xfer-${Date.now().toString(36)}`;
    try {
      await podman([
        'run',
        '-d',
        '--name',
        name,
        'busybox:latest',
        'sh',
        '-c',
        'mkdir /d && echo hi > /d/a && sleep 600',
      ]);
      const dest = join(suite.dir, 'podman-a');
      await finished(
        pstack.subscribe('files.download', { target: { kind: 'container', id: name }, path: p('/d/a'), dest }),
      );
      expect(readFileSync(dest, 'utf8')).toBe('hi\n');
      const tar = join(suite.dir, 'podman-d.tar');
      await finished(
        pstack.subscribe('files.download', { target: { kind: 'container', id: name }, path: p('/d'), dest: tar }),
      );
      expect((await run('tar', ['-tf', tar])).stdout).toMatch(/a/);
    } finally {
      pstack.close();
      await podman(['rm', '-f', name], { allowFail: true });
    }
  });
});
