import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FileEntry, ListFrame } from '../../../shared/contracts/files';
import type { StreamFrame } from '../../../shared/protocol';
import { BerthError } from '../../../shared/errors';
import { listFolder } from '../../../electron/engine/files/listing';
import { openTarget } from '../../../electron/engine/files/target';
import { TEST_IMAGE, createTracker, docker, requireEngine, uniqueName, waitFor } from '../../helpers/engine';
import { createStack, type Stack, type Subscription } from '../handlers/harness';

/**
 * files.list / files.stat / files.read on the real private engine: a running container (exec path),
 * the same folder through the archive (parity), a stopped and a created container (archive only),
 * names with spaces, newlines and non-UTF-8 bytes, links, hard links, 50 nested folders, errors, cancel.
 */

const tracker = createTracker();
let stack: Stack;
let running: string;

/** The fixture folder /t, built with printf so names hold exact bytes. */
const FIXTURE = [
  'mkdir -p /t/sub/deep /t/"with space"',
  'cd /t',
  'printf "x" > "$(printf "a\\nb")"',
  'printf "yy" > "$(printf "n\\377o")"',
  'printf "hello\\n" > f.txt',
  'printf "abc\\000def" > bin',
  'ln -s sub lk-dir && ln -s f.txt lk-file && ln -s /nowhere lk-dangling',
  'ln -s "$(printf "a\\nb")" lk-newline && ln -s "$(printf "caf\\303\\251")" "$(printf "lk-\\303\\251")"',
  'ln f.txt hard && printf "1234567" > sub/deep/g && ln sub/deep/g hard-deep',
  'mkfifo pipe',
  'printf z > owned && chown 1234:65534 owned && chmod 4755 owned',
  'mkdir -p "$(printf "d\\377/inner")"',
  'p=/t/n; for i in $(seq 1 50); do p="$p/n$i"; done; mkdir -p "$p" && printf q > "$p/leaf"',
  'touch -d "2020-01-02 03:04:05" f.txt',
].join(' && ');

const NESTED = `/t/n/${Array.from({ length: 50 }, (_, i) => `n${i + 1}`).join('/')}`;

async function finished<F>(sub: Subscription<F>, timeoutMs = 60_000): Promise<F[]> {
  const end = await waitFor(() => sub.frames.find((f) => f.kind !== 'data'), { timeoutMs, intervalMs: 20 });
  if (end.kind === 'error') throw BerthError.fromShape((end as Extract<StreamFrame, { kind: 'error' }>).error);
  return sub.payloads;
}

async function list(id: string, text: string, b64?: string): Promise<{ entries: FileEntry[]; done: ListFrame }> {
  const path = b64 === undefined ? { text } : { text, b64 };
  const frames = await finished(stack.subscribe('files.list', { target: { kind: 'container', id }, path }));
  const entries = frames.flatMap((f) => (f.type === 'entries' ? f.entries : []));
  const done = frames.find((f) => f.type === 'done');
  if (!done) throw new Error('no done frame');
  return { entries, done };
}

async function listError(id: string, text: string): Promise<BerthError> {
  try {
    await list(id, text);
  } catch (e) {
    if (e instanceof BerthError) return e;
    throw e;
  }
  throw new Error('files.list was expected to fail');
}

/** The engine function with the exec optimisation off: the archive path on any container. */
async function listViaArchive(id: string, text: string): Promise<FileEntry[]> {
  const d = await stack.engine.docker();
  const open = await openTarget(d, { kind: 'container', id }, { write: false });
  const out: FileEntry[] = [];
  const sink = {
    emit: (f: ListFrame) => (f.type === 'entries' ? out.push(...f.entries) : undefined),
    pressured: false,
    drained: async () => {},
  };
  await listFolder(d, open, Buffer.from(text), text, sink, new AbortController().signal, { via: 'archive' });
  return out;
}

const sorted = (es: FileEntry[]): FileEntry[] =>
  [...es].sort((a, b) => ((a.nameB64 ?? a.name) < (b.nameB64 ?? b.name) ? -1 : 1));
const byName = (es: FileEntry[], name: string): FileEntry | undefined => es.find((e) => e.name === name);

beforeAll(async () => {
  requireEngine();
  stack = createStack();
  running = tracker.container(uniqueName('files-run'));
  await docker(['run', '-d', '--name', running, TEST_IMAGE, 'sleep', '3600']);
  await docker(['exec', running, 'sh', '-c', FIXTURE]);
}, 120_000);
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

describe('files.list', () => {
  test('a running container lists through exec: every kind of entry, exact names, owners', async () => {
    const { entries, done } = await list(running, '/t');
    expect(done).toMatchObject({ type: 'done', path: '/t', via: 'exec', total: entries.length });
    const names = entries.map((e) => e.name).sort();
    expect(names).toEqual(
      [
        'a\nb',
        'n\ufffdo',
        'd\ufffd',
        'f.txt',
        'bin',
        'lk-dir',
        'lk-file',
        'lk-dangling',
        'lk-newline',
        'lk-é',
        'hard',
        'hard-deep',
        'pipe',
        'owned',
        'sub',
        'with space',
        'n',
      ].sort(),
    );
    expect(byName(entries, 'n\ufffdo')).toMatchObject({ nameB64: Buffer.from('n\xffo', 'latin1').toString('base64') });
    expect(byName(entries, 'a\nb')?.nameB64).toBeUndefined();
    expect(byName(entries, 'f.txt')).toMatchObject({
      type: 'file',
      size: 6,
      mode: 0o644,
      uid: 0,
      gid: 0,
      user: 'root',
      group: 'root',
      mtime: Date.parse('2020-01-02T03:04:05Z'),
    });
    expect(byName(entries, 'owned')).toMatchObject({ uid: 1234, gid: 65534, mode: 0o4755, size: 1 });
    expect(byName(entries, 'owned')?.user).toBeUndefined();
    expect(byName(entries, 'owned')?.group).toBe('nogroup');
    expect(byName(entries, 'lk-dir')).toMatchObject({ type: 'link', linkTarget: 'sub', size: 0 });
    expect(byName(entries, 'lk-dangling')).toMatchObject({ type: 'link', linkTarget: '/nowhere' });
    expect(byName(entries, 'lk-newline')).toMatchObject({ type: 'link', linkTarget: 'a\nb' });
    expect(byName(entries, 'lk-é')).toMatchObject({ type: 'link', linkTarget: 'café' });
    expect(byName(entries, 'hard')).toMatchObject({ type: 'file', size: 6 });
    expect(byName(entries, 'hard-deep')).toMatchObject({ type: 'file', size: 7 });
    expect(byName(entries, 'pipe')).toMatchObject({ type: 'fifo', size: 0 });
    expect(byName(entries, 'sub')).toMatchObject({ type: 'dir', size: 0 });
  });

  test('exec and archive give exactly the same entries (busybox)', async () => {
    for (const dir of ['/t', '/t/sub', '/etc', '/bin']) {
      const viaExec = await list(running, dir);
      expect(viaExec.done).toMatchObject({ via: 'exec' });
      const viaArchive = await listViaArchive(running, dir);
      expect(sorted(viaArchive)).toEqual(sorted(viaExec.entries));
    }
  });

  test('a stopped and a created container list through the archive, same entries', async () => {
    const before = sorted((await list(running, '/t')).entries);
    const stopped = tracker.container(uniqueName('files-stopped'));
    await docker(['run', '--name', stopped, '-v', '/x', TEST_IMAGE, 'sh', '-c', FIXTURE]);
    const after = await list(stopped, '/t');
    expect(after.done).toMatchObject({ via: 'archive' });
    // Same fixture, other container: mtimes differ, the rest is the same.
    const strip = (es: FileEntry[]): Omit<FileEntry, 'mtime'>[] => es.map(({ mtime: _m, ...rest }) => rest);
    expect(strip(sorted(after.entries))).toEqual(strip(before));

    const created = tracker.container(uniqueName('files-created'));
    await docker(['create', '--name', created, TEST_IMAGE, 'true']);
    const etc = await list(created, '/etc');
    expect(etc.done).toMatchObject({ via: 'archive', path: '/etc' });
    expect(byName(etc.entries, 'passwd')).toMatchObject({ type: 'file', user: 'root' });
  });

  test('the root, a link to a folder, a non-UTF-8 folder and 50 nested folders', async () => {
    const root = await list(running, '/');
    expect(root.done).toMatchObject({ path: '/' });
    expect(byName(root.entries, 't')).toMatchObject({ type: 'dir' });
    const viaLink = await list(running, '/t/lk-dir/');
    expect(viaLink.done.type === 'done' && viaLink.done.path).toBe('/t/lk-dir');
    expect(viaLink.entries.map((e) => e.name)).toEqual(['deep']);
    const odd = await list(running, '/t/d\ufffd', Buffer.from('/t/d\xff', 'latin1').toString('base64'));
    expect(odd.done).toMatchObject({ via: 'archive' }); // exec gets only UTF-8 paths
    expect(odd.entries.map((e) => e.name)).toEqual(['inner']);
    const nested = await list(running, NESTED);
    expect(nested.entries.map((e) => e.name)).toEqual(['leaf']);
  });

  test('missing path → NOT_FOUND, a file → INVALID_ARGUMENT, a dangling link → NOT_FOUND', async () => {
    const missing = await listError(running, '/t/nope');
    expect(missing.code).toBe('NOT_FOUND');
    const file = await listError(running, '/t/f.txt');
    expect(file.code).toBe('INVALID_ARGUMENT');
    expect(file.message).toMatch(/not a folder/);
    expect((await listError(running, '/t/lk-file')).code).toBe('INVALID_ARGUMENT');
    expect((await listError(running, '/t/lk-dangling')).code).toBe('NOT_FOUND');
    const gone = await listError(uniqueName('no-such-container'), '/');
    expect(gone.code).toBe('NOT_FOUND');
  });

  test('cancel destroys the archive stream at once', async () => {
    await docker([
      'exec',
      running,
      'sh',
      '-c',
      'mkdir -p /big && dd if=/dev/zero of=/big/blob bs=1M count=300 2>/dev/null',
    ]);
    const d = await stack.engine.docker();
    const open = await openTarget(d, { kind: 'container', id: running }, { write: false });
    const ctl = new AbortController();
    const frames: ListFrame[] = [];
    const sink = {
      emit: (f: ListFrame) => {
        frames.push(f);
        if (f.type === 'scan') ctl.abort();
      },
      pressured: false,
      drained: async () => {},
    };
    const t0 = Date.now();
    const err = await listFolder(d, open, Buffer.from('/big'), '/big', sink, ctl.signal, { via: 'archive' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BerthError);
    expect((err as BerthError).code).toBe('CANCELLED');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(frames.some((f) => f.type === 'done')).toBe(false);
    await docker(['exec', running, 'rm', '-rf', '/big']);
  });
});

describe('files.stat / files.read', () => {
  const target = (): { kind: 'container'; id: string } => ({ kind: 'container', id: running });

  test('stat says what a path is, without following links', async () => {
    const s = await stack.call('files.stat', { target: target(), path: { text: '/t/f.txt' } });
    expect(s).toMatchObject({ type: 'file', size: 6, mode: 0o644, path: '/t/f.txt', name: 'f.txt' });
    expect(s.mtime).toBe(Date.parse('2020-01-02T03:04:05Z'));
    expect(await stack.call('files.stat', { target: target(), path: { text: '/t/sub' } })).toMatchObject({
      type: 'dir',
    });
    expect(await stack.call('files.stat', { target: target(), path: { text: '/t/lk-dir' } })).toMatchObject({
      type: 'link',
    });
    expect(await stack.call('files.stat', { target: target(), path: { text: '/t/owned' } })).toMatchObject({
      mode: 0o4755,
    });
    expect((await stack.fail('files.stat', { target: target(), path: { text: '/t/nope' } })).code).toBe('NOT_FOUND');
  });

  test('stat with follow says what a link leads to; a dangling one is NOT_FOUND', async () => {
    const stat = (text: string) => stack.call('files.stat', { target: target(), path: { text }, follow: true });
    expect(await stat('/t/lk-file')).toMatchObject({ type: 'file', size: 6, path: '/t/lk-file' });
    expect(await stat('/t/lk-dir')).toMatchObject({ type: 'dir' });
    expect(await stat('/t/f.txt')).toMatchObject({ type: 'file', size: 6 });
    const dead = await stack.fail('files.stat', { target: target(), path: { text: '/t/lk-dangling' }, follow: true });
    expect(dead.code).toBe('NOT_FOUND');
  });

  test('read: text, a link to it, truncation, binary, folder refused', async () => {
    const text = await stack.call('files.read', { target: target(), path: { text: '/t/f.txt' } });
    expect(text).toEqual({ size: 6, binary: false, text: 'hello\n', truncated: false });
    expect(await stack.call('files.read', { target: target(), path: { text: '/t/lk-file' } })).toEqual(text);
    const cut = await stack.call('files.read', { target: target(), path: { text: '/t/f.txt' }, maxBytes: 3 });
    expect(cut).toEqual({ size: 6, binary: false, text: 'hel', truncated: true });
    const bin = await stack.call('files.read', { target: target(), path: { text: '/t/bin' } });
    expect(bin).toEqual({ size: 7, binary: true, truncated: false });
    const dir = await stack.fail('files.read', { target: target(), path: { text: '/t/sub' } });
    expect(dir.code).toBe('INVALID_ARGUMENT');
    expect((await stack.fail('files.read', { target: target(), path: { text: '/t/nope' } })).code).toBe('NOT_FOUND');
    const odd = await stack.call('files.read', {
      target: target(),
      path: { text: '/t/n\ufffdo', b64: Buffer.from('/t/n\xffo', 'latin1').toString('base64') },
    });
    expect(odd).toMatchObject({ size: 2, text: 'yy' });
  });

  test('read stops early on a big file', async () => {
    await docker(['exec', running, 'sh', '-c', 'yes abcdefgh | head -c 100000000 > /t-big.txt']);
    const t0 = Date.now();
    const r = await stack.call('files.read', { target: target(), path: { text: '/t-big.txt' }, maxBytes: 1000 });
    expect(r).toMatchObject({ size: 100_000_000, binary: false, truncated: true });
    expect(r.text).toHaveLength(1000);
    expect(Date.now() - t0).toBeLessThan(3000);
    await docker(['exec', running, 'rm', '/t-big.txt']);
  });
});
