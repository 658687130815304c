import {
  chmodSync,
  chownSync,
  lchownSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEST_IMAGE, docker, uniqueName, waitFor } from '../../helpers/engine';
import { PODMAN_HOST, podman } from '../../helpers/podman';
import { createStack, type Stack } from '../handlers/harness';
import { failure, finished } from '../stream-result';
import { useTransferSuite } from '../transfer-suite';
import { container, sh } from './transfer-fixture';

/** files.upload (`docker cp host CONTAINER:dir`) and client chunk uploads, checked with `docker exec`. */

const suite = useTransferSuite('berth-upload-');
const { tracker } = suite;

const p = (text: string): { text: string } => ({ text });

/** A host folder `tree/` with a nested file (0640), an executable (0755), a symlink and a fixed mtime. */
function hostTree(): string {
  const root = join(suite.dir, `tree-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'sub', 'data'), 'hello\n');
  chmodSync(join(root, 'sub', 'data'), 0o640);
  writeFileSync(join(root, 'run.sh'), '#!/bin/sh\necho ok\n');
  chmodSync(join(root, 'run.sh'), 0o755);
  chmodSync(join(root, 'sub'), 0o750);
  symlinkSync('sub/data', join(root, 'link'));
  utimesSync(join(root, 'sub', 'data'), 1_600_000_000, 1_600_000_000);
  chownSync(join(root, 'sub', 'data'), 1234, 5678);
  lchownSync(join(root, 'link'), 1234, 5678);
  return root;
}

describe('files.upload from host paths', () => {
  test('a folder goes in recursively: contents, modes, symlinks and mtimes kept, owned by root', async () => {
    const c = await container(tracker, 'running', 'mkdir /in');
    const tree = hostTree();
    const name = tree.split('/').at(-1)!;
    const frames = await finished(
      suite.stack.subscribe('files.upload', {
        target: { kind: 'container', id: c },
        dir: p('/in'),
        source: { kind: 'host', paths: [tree] },
      }),
    );
    const total = 6 + '#!/bin/sh\necho ok\n'.length;
    expect(frames.at(-1)).toEqual({ type: 'done', files: 3, bytes: total });
    expect(frames.find((f) => f.type === 'progress')).toMatchObject({ total });
    expect(await sh(c, `cat /in/${name}/sub/data`)).toBe('hello\n');
    expect(await sh(c, `stat -c '%a %u %g %Y' /in/${name}/sub/data`)).toBe('640 0 0 1600000000\n');
    expect(await sh(c, `stat -c '%a' /in/${name}/sub /in/${name}/run.sh`)).toBe('750\n755\n');
    expect(await sh(c, `readlink /in/${name}/link`)).toBe('sub/data\n');
    expect(await sh(c, `/in/${name}/run.sh`)).toBe('ok\n');
  });

  test('owner host keeps host ids; owner container uses the container’s user', async () => {
    const c = await container(tracker, 'running', 'mkdir /in');
    const tree = hostTree();
    const name = tree.split('/').at(-1)!;
    const target = { kind: 'container' as const, id: c };
    await finished(
      suite.stack.subscribe('files.upload', {
        target,
        dir: p('/in'),
        source: { kind: 'host', paths: [tree] },
        owner: 'host',
      }),
    );
    expect(await sh(c, `stat -c '%u %g' /in/${name}/sub/data`)).toBe('1234 5678\n');

    const user = tracker.container(`${c}-u`);
    await docker(['create', '--name', user, '--user', 'nobody', 'busybox:latest', 'true']);
    const file = join(suite.dir, 'owned');
    writeFileSync(file, 'x');
    await finished(
      suite.stack.subscribe('files.upload', {
        target: { kind: 'container', id: user },
        dir: p('/tmp'),
        source: { kind: 'host', paths: [file] },
        owner: 'container',
      }),
    );
    const copied = join(suite.dir, 'owned-back.tar');
    await docker(['cp', `${user}:/tmp/owned`, copied.replace(/\.tar$/, '')]);
    const { stdout } = await docker(['run', '--rm', '--volumes-from', user, 'busybox:latest', 'true'], {
      allowFail: true,
    });
    void stdout;
    // A created container has no exec: read the owner from the archive the engine sends back.
    const head = await docker(['cp', `${user}:/tmp/owned`, '-']);
    expect(head.stdout.slice(108, 115)).toBe('0177776'); // uid 65534 (nobody) in octal, ustar uid field
  });

  test('existing names are a CONFLICT listing them; overwrite replaces', async () => {
    const c = await container(tracker, 'running', 'mkdir /in && echo old > /in/a');
    const a = join(suite.dir, 'a');
    const b = join(suite.dir, 'b');
    writeFileSync(a, 'new\n');
    writeFileSync(b, 'bee\n');
    const target = { kind: 'container' as const, id: c };
    const source = { kind: 'host' as const, paths: [a, b] };
    const err = await failure(suite.stack.subscribe('files.upload', { target, dir: p('/in'), source }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toMatchObject({ existing: ['a'] });
    expect(await sh(c, 'cat /in/a; ls /in')).toBe('old\na\n');
    await finished(suite.stack.subscribe('files.upload', { target, dir: p('/in'), source, overwrite: true }));
    expect(await sh(c, 'cat /in/a /in/b')).toBe('new\nbee\n');
  });

  test('a missing folder, a file as folder and a missing source are clear errors', async () => {
    const c = await container(tracker, 'running', 'echo x > /file');
    const target = { kind: 'container' as const, id: c };
    const f = join(suite.dir, 'one');
    writeFileSync(f, '1');
    const noDir = await failure(
      suite.stack.subscribe('files.upload', { target, dir: p('/nope'), source: { kind: 'host', paths: [f] } }),
    );
    expect(noDir.code).toBe('NOT_FOUND');
    expect(noDir.message).toContain('/nope does not exist');
    const notDir = await failure(
      suite.stack.subscribe('files.upload', { target, dir: p('/file'), source: { kind: 'host', paths: [f] } }),
    );
    expect(notDir.code).toBe('INVALID_ARGUMENT');
    expect(notDir.message).toContain('not a folder');
    const noSource = await failure(
      suite.stack.subscribe('files.upload', {
        target,
        dir: p('/tmp'),
        source: { kind: 'host', paths: [join(suite.dir, 'gone')] },
      }),
    );
    expect(noSource.code).toBe('NOT_FOUND');
    expect(noSource.message).toContain(join(suite.dir, 'gone'));
  });

  test('created and stopped containers take uploads', async () => {
    const f = join(suite.dir, 'state');
    writeFileSync(f, 'state\n');
    for (const state of ['created', 'stopped'] as const) {
      const c = await container(tracker, state);
      await finished(
        suite.stack.subscribe('files.upload', {
          target: { kind: 'container', id: c },
          dir: p('/tmp'),
          source: { kind: 'host', paths: [f] },
        }),
      );
      const back = await docker(['cp', `${c}:/tmp/state`, '-']);
      expect(back.stdout).toContain('state\n');
    }
  });

  test('a big upload streams: memory stays flat while 300 MB go in', async () => {
    const c = await container(tracker, 'running');
    const big = join(suite.dir, 'flat');
    writeFileSync(big, '');
    truncateSync(big, 300 * 1024 * 1024); // sparse on the host: no disk, same bytes on the wire
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      await finished(
        suite.stack.subscribe('files.upload', {
          target: { kind: 'container', id: c },
          dir: p('/tmp'),
          source: { kind: 'host', paths: [big] },
        }),
        120_000,
      );
    } finally {
      clearInterval(timer);
      rmSync(big);
    }
    expect(await sh(c, 'stat -c %s /tmp/flat')).toBe(`${300 * 1024 * 1024}\n`);
    // A leak that keeps chunks (as a Promise.race per chunk once did) grows by the whole 300 MB.
    expect(peak - start).toBeLessThan(100 * 1024 * 1024);
  });

  test('cancel stops the upload', async () => {
    const c = await container(tracker, 'running');
    const big = join(suite.dir, 'big');
    writeFileSync(big, Buffer.alloc(200 * 1024 * 1024, 7));
    const sub = suite.stack.subscribe('files.upload', {
      target: { kind: 'container', id: c },
      dir: p('/tmp'),
      source: { kind: 'host', paths: [big] },
    });
    await sub.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 30_000 });
    sub.unsubscribe();
    // The engine stops extracting, and what it had written of big (a new name) is removed.
    await waitFor(async () => (await sh(c, 'test -e /tmp/big && echo there || echo gone')).trim() === 'gone', {
      timeoutMs: 10_000,
    });
    rmSync(big);
  });
});

describe('files.upload from the client (chunks)', () => {
  const CHUNK = Buffer.alloc(1000, 2).toString('base64');

  /** A 10 MB client upload of one file `x` into /tmp (a container) or / (a volume), up to its `ready`. */
  async function clientUpload(
    target: { kind: 'container'; id: string } | { kind: 'volume'; name: string },
  ): Promise<{ session: string; sub: ReturnType<Stack['subscribe']> }> {
    const sub = suite.stack.subscribe('files.upload', {
      target,
      dir: p(target.kind === 'container' ? '/tmp' : '/'),
      source: { kind: 'client', items: [{ path: 'x', kind: 'file', size: 10_000_000 }] },
    });
    const ready = await sub.waitFor((f) => f.type === 'ready', { timeoutMs: 30_000 });
    return { session: ready.type === 'ready' ? ready.session : '', sub };
  }

  test('items fed by files.uploadChunk land in order; chunks resolve as taken; unknown sessions are NOT_FOUND', async () => {
    const c = await container(tracker, 'running', 'mkdir /drop');
    const one = Buffer.alloc(1_500_000, 1);
    const two = Buffer.from('second file\n');
    const sub = suite.stack.subscribe('files.upload', {
      target: { kind: 'container', id: c },
      dir: p('/drop'),
      source: {
        kind: 'client',
        items: [
          { path: 'folder', kind: 'dir', size: 0 },
          { path: 'folder/one.bin', kind: 'file', size: one.length, mtime: 1_600_000_000_000 },
          { path: 'two.txt', kind: 'file', size: two.length },
        ],
      },
    });
    const ready = await sub.waitFor((f) => f.type === 'ready');
    const session = ready.type === 'ready' ? ready.session : '';
    const all = Buffer.concat([one, two]);
    for (let at = 0; at < all.length; at += 1024 * 1024) {
      await suite.stack.call('files.uploadChunk', {
        session,
        data: all.subarray(at, at + 1024 * 1024).toString('base64'),
      });
    }
    const frames = await finished(sub);
    expect(frames.at(-1)).toEqual({ type: 'done', files: 2, bytes: all.length });
    expect(await sh(c, "stat -c '%s %a %Y' /drop/folder/one.bin; cat /drop/two.txt")).toBe(
      `1500000 644 1600000000\nsecond file\n`,
    );
    const gone = await suite.stack.fail('files.uploadChunk', { session, data: 'AA==' });
    expect(gone.code).toBe('NOT_FOUND');
  });

  test('cancelling a client upload fails pending chunks and ends the session', async () => {
    const c = await container(tracker, 'running');
    const { session, sub } = await clientUpload({ kind: 'container', id: c });
    await suite.stack.call('files.uploadChunk', { session, data: Buffer.alloc(1000, 1).toString('base64') });
    // Sent, not yet taken by the tar writer when the stream is cancelled.
    const pending = [1, 2].map(() => suite.stack.envelope('files.uploadChunk', { session, data: CHUNK }));
    const t0 = Date.now();
    sub.unsubscribe();
    for (const env of await Promise.all(pending)) expect(env.ok ? 'ok' : env.error.code).toBe('CANCELLED');
    const after = await suite.stack.fail('files.uploadChunk', { session, data: 'AA==' });
    expect(after.code).toBe('NOT_FOUND');
    expect(Date.now() - t0).toBeLessThan(2000);
    // The engine request was cut and what it had written of x removed, for good.
    await waitFor(async () => !/^x$/m.test(await sh(c, 'ls -A /tmp')), { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await sh(c, 'ls -A /tmp')).not.toMatch(/^x$/m);
  });

  test('a cancelled upload leaves the names that existed before it', async () => {
    const c = await container(tracker, 'running', 'echo orig > /tmp/old');
    const sub = suite.stack.subscribe('files.upload', {
      target: { kind: 'container', id: c },
      dir: p('/tmp'),
      overwrite: true,
      source: {
        kind: 'client',
        items: [
          { path: 'old', kind: 'file', size: 4 },
          { path: 'new', kind: 'file', size: 10_000_000 },
        ],
      },
    });
    const ready = await sub.waitFor((f) => f.type === 'ready');
    const session = ready.type === 'ready' ? ready.session : '';
    await suite.stack.call('files.uploadChunk', { session, data: Buffer.from('new\n').toString('base64') });
    await suite.stack.call('files.uploadChunk', { session, data: CHUNK });
    sub.unsubscribe();
    await waitFor(async () => (await sh(c, 'ls -A /tmp')) === 'old\n', { timeoutMs: 10_000 });
    expect(await sh(c, 'cat /tmp/old')).toBe('new\n');
  });

  test('cancelling a client upload into a volume removes its helper', async () => {
    const volume = tracker.volume(uniqueName('xfer-cancel'));
    await docker(['volume', 'create', volume]);
    const { session, sub } = await clientUpload({ kind: 'volume', name: volume });
    await suite.stack.call('files.uploadChunk', { session, data: CHUNK });
    const pending = suite.stack.envelope('files.uploadChunk', { session, data: CHUNK });
    sub.unsubscribe();
    const env = await pending;
    expect(env.ok ? 'ok' : env.error.code).toBe('CANCELLED');
    expect((await suite.stack.fail('files.uploadChunk', { session, data: 'AA==' })).code).toBe('NOT_FOUND');
    const users = async (): Promise<string> =>
      (await docker(['ps', '-aq', '--filter', `volume=${volume}`])).stdout.trim();
    await waitFor(async () => (await users()) === '', { timeoutMs: 10_000 });
    const { stdout } = await docker(['run', '--rm', '-v', `${volume}:/v`, TEST_IMAGE, 'ls', '-A', '/v']);
    expect(stdout).not.toMatch(/^x$/m);
  });
});

describe.skipIf(!PODMAN_HOST)('files.upload on Podman', () => {
  test('a host folder round trip', async () => {
    const pstack = createStack({ setting: PODMAN_HOST });
    const name = `berth-t-xferup-${Date.now().toString(36)}`;
    try {
      await podman(['run', '-d', '--name', name, 'busybox:latest', 'sleep', '600']);
      const tree = hostTree();
      const base = tree.split('/').at(-1)!;
      await finished(
        pstack.subscribe('files.upload', {
          target: { kind: 'container', id: name },
          dir: p('/tmp'),
          source: { kind: 'host', paths: [tree] },
        }),
      );
      const { stdout } = await podman([
        'exec',
        name,
        'sh',
        '-c',
        `cat /tmp/${base}/sub/data; stat -c %a /tmp/${base}/run.sh`,
      ]);
      expect(stdout).toBe('hello\n755\n');
    } finally {
      pstack.close();
      await podman(['rm', '-f', '-t', '0', name], { allowFail: true });
    }
  });
});
