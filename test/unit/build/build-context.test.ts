import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync, linkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { extract, type Header } from 'tar-stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  ContextMatcher,
  packBuildContext,
  parseDockerignore,
  planBuildContext,
} from '../../../electron/engine/build-context';
import { BerthError } from '../../../shared/errors';

/**
 * The build context against temp dirs: the .dockerignore rules of the docker CLI (`archive.TarWithOptions`
 * + `dockerignore.ReadAll`), checked by reading back the tar that would go to the engine.
 */

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes files (`path: content`) under the temp dir, making folders as needed. */
function files(root: string, tree: Record<string, string>): void {
  for (const [rel, content] of Object.entries(tree)) {
    const abs = join(root, rel);
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content);
  }
}

interface TarItem {
  header: Header;
  body: string;
}

async function readTar(stream: Readable): Promise<Map<string, TarItem>> {
  const out = new Map<string, TarItem>();
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, body, next) => {
      const chunks: Buffer[] = [];
      body.on('data', (c: unknown) => chunks.push(c as Buffer));
      body.on('end', () => {
        out.set(header.name, { header, body: Buffer.concat(chunks).toString('utf8') });
        next();
      });
    });
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  stream.pipe(ex as unknown as NodeJS.WritableStream);
  await done;
  return out;
}

/** Names of the regular files in the tar, sorted. */
async function sentFiles(contextDir: string, dockerfile = ''): Promise<string[]> {
  const plan = await planBuildContext(contextDir, dockerfile);
  const tar = await readTar(packBuildContext(plan));
  return [...tar.values()]
    .filter((t) => t.header.type === 'file')
    .map((t) => t.header.name)
    .sort();
}

describe('parseDockerignore (dockerignore.ReadAll)', () => {
  test('comments, blank lines, BOM, trimming, "!" and cleaning', () => {
    const text =
      '\uFEFF# a comment\n\n   \n  *.log  \n! keep.log\n/abs\n./dot/\na/../b\n  # not a comment (leading space)\r\nsub/\n';
    expect(parseDockerignore(text)).toEqual([
      '*.log',
      '!keep.log',
      'abs',
      'dot',
      'b',
      '# not a comment (leading space)',
      'sub',
    ]);
  });
});

describe('ContextMatcher (archive.TarWithOptions)', () => {
  test('"*.md" matches only at the root; "**/*.md" at any depth', () => {
    const root = new ContextMatcher(['*.md']);
    expect(root.excludes('README.md')).toBe(true);
    expect(root.excludes('docs/guide.md')).toBe(false);
    const deep = new ContextMatcher(['**/*.md']);
    expect(deep.excludes('README.md')).toBe(true);
    expect(deep.excludes('docs/a/b/guide.md')).toBe(true);
  });

  test('matching is case-sensitive, like Docker on Linux', () => {
    expect(new ContextMatcher(['*.md']).excludes('README.MD')).toBe(false);
  });

  test('an excluded folder is skipped whole unless an exception starts inside it', () => {
    expect(new ContextMatcher(['secrets']).decide('secrets', true)).toBe('exclude');
    const m = new ContextMatcher(['secrets', '!secrets/public.txt']);
    expect(m.decide('secrets', true)).toBe('descend');
    expect(m.decide('secrets/public.txt', false)).toBe('include');
    expect(m.decide('secrets/private.key', false)).toBe('exclude');
    // The CLI only looks for exceptions that start with the folder's path: "!**/x" does not reopen it.
    expect(new ContextMatcher(['secrets', '!**/public.txt']).decide('secrets', true)).toBe('exclude');
  });
});

describe('planBuildContext + packBuildContext', () => {
  test('a context with **, ! exceptions, comments and folder exclusions sends what docker build sends', async () => {
    files(dir, {
      Dockerfile: 'FROM busybox\n',
      '.dockerignore': [
        '# comments are ignored, so is the next line',
        '#hash.txt',
        '',
        '**/*.bak',
        '!keep.bak',
        '*.md',
        'secrets',
        '!secrets/public.txt',
        'vendor',
        '/abs.txt',
        './dot.txt',
        'docs/**/draft-*',
      ].join('\n'),
      'app.txt': 'app',
      '#hash.txt': 'hash',
      'debug.bak': 'x',
      'keep.bak': 'keep',
      'sub/deep/trace.bak': 'x',
      'NOTES.md': 'x',
      'sub/guide.md': 'guide',
      'secrets/private.key': 'x',
      'secrets/public.txt': 'public',
      'vendor/pkg/lib.txt': 'x',
      'abs.txt': 'x',
      'dot.txt': 'x',
      'docs/2024/draft-a.txt': 'x',
      'docs/2024/final.txt': 'final',
    });
    expect(await sentFiles(dir)).toEqual([
      '#hash.txt',
      '.dockerignore',
      'Dockerfile',
      'app.txt',
      'docs/2024/final.txt',
      'keep.bak',
      'secrets/public.txt',
      'sub/guide.md',
    ]);
    const tar = await readTar(packBuildContext(await planBuildContext(dir, '')));
    // The excluded folder that was walked for its exception has no entry of its own; kept folders do.
    expect(tar.has('secrets/')).toBe(false);
    expect(tar.get('sub/')?.header.type).toBe('directory');
    expect(tar.has('vendor/')).toBe(false);
    expect(tar.get('secrets/public.txt')?.body).toBe('public');
  });

  test('the Dockerfile and .dockerignore are sent even when the patterns exclude them', async () => {
    files(dir, {
      'build/Dockerfile': 'FROM busybox\n',
      'build/other.txt': 'x',
      '.dockerignore': '.dockerignore\nbuild\n*.txt\n',
      'a.txt': 'x',
      'b.dat': 'b',
    });
    const plan = await planBuildContext(dir, 'build/Dockerfile');
    expect(plan.dockerfile).toBe('build/Dockerfile');
    expect(plan.patterns).toEqual(['.dockerignore', 'build', '*.txt', '!.dockerignore', '!build/Dockerfile']);
    expect(await sentFiles(dir, 'build/Dockerfile')).toEqual(['.dockerignore', 'b.dat', 'build/Dockerfile']);
  });

  test('"dockerfile" in lower case is used when there is no Dockerfile', async () => {
    files(dir, { dockerfile: 'FROM busybox\n' });
    expect((await planBuildContext(dir, '')).dockerfile).toBe('dockerfile');
  });

  test('a Dockerfile outside the context is added under a generated name and listed in .dockerignore', async () => {
    const ctx = join(dir, 'ctx');
    files(dir, {
      'ctx/a.txt': 'a',
      'ctx/.dockerignore': '*.log',
      'elsewhere/My.Dockerfile': 'FROM busybox\nCOPY . /\n',
    });
    const plan = await planBuildContext(ctx, join(dir, 'elsewhere/My.Dockerfile'));
    expect(plan.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    const tar = await readTar(packBuildContext(plan));
    expect(tar.get(plan.dockerfile)?.body).toBe('FROM busybox\nCOPY . /\n');
    expect(tar.get('.dockerignore')?.body).toBe(`*.log\n${plan.dockerfile}\n`);
    expect([...tar.keys()].sort()).toEqual(['.dockerignore', plan.dockerfile, 'a.txt'].sort());
  });

  test('without a .dockerignore, the outside Dockerfile case writes one that names itself and the Dockerfile', async () => {
    const ctx = join(dir, 'ctx');
    files(dir, { 'ctx/a.txt': 'a', 'Other.Dockerfile': 'FROM busybox\n' });
    const plan = await planBuildContext(ctx, join(dir, 'Other.Dockerfile'));
    const tar = await readTar(packBuildContext(plan));
    expect(tar.get('.dockerignore')?.body).toBe(`.dockerignore\n${plan.dockerfile}\n`);
  });

  test('symlinks stay symlinks, modes are kept, owners are root, hard links are links', async () => {
    files(dir, { Dockerfile: 'FROM busybox\n', 'bin/run.sh': '#!/bin/sh\n', 'data.txt': 'data' });
    chmodSync(join(dir, 'bin/run.sh'), 0o755);
    chmodSync(join(dir, 'data.txt'), 0o640);
    symlinkSync('../data.txt', join(dir, 'bin/data-link'));
    symlinkSync('/nonexistent/target', join(dir, 'dangling'));
    linkSync(join(dir, 'data.txt'), join(dir, 'hard.txt'));
    const tar = await readTar(packBuildContext(await planBuildContext(dir, '')));
    expect(tar.get('bin/run.sh')?.header.mode).toBe(0o755);
    expect(tar.get('data.txt')?.header.mode).toBe(0o640);
    expect(tar.get('bin/data-link')?.header).toMatchObject({ type: 'symlink', linkname: '../data.txt' });
    expect(tar.get('dangling')?.header).toMatchObject({ type: 'symlink', linkname: '/nonexistent/target' });
    // data.txt comes first in lexical order, so hard.txt is the link to it.
    expect(tar.get('hard.txt')?.header).toMatchObject({ type: 'link', linkname: 'data.txt' });
    for (const t of tar.values()) expect([t.header.uid, t.header.gid]).toEqual([0, 0]);
  });

  test('a missing context folder or Dockerfile is NOT_FOUND naming the field', async () => {
    const missing = await planBuildContext(join(dir, 'nope'), '').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(BerthError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', details: { field: 'context' } });
    files(dir, { 'a.txt': 'a' });
    const noDockerfile = await planBuildContext(dir, '').catch((e: unknown) => e);
    expect(noDockerfile).toMatchObject({ code: 'NOT_FOUND', details: { field: 'dockerfile' } });
    expect((noDockerfile as Error).message).toContain('Cannot locate Dockerfile');
    const notAFolder = await planBuildContext(join(dir, 'a.txt'), '').catch((e: unknown) => e);
    expect(notAFolder).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'context' } });
    const relative = await planBuildContext('some/relative/dir', '').catch((e: unknown) => e);
    expect(relative).toMatchObject({ code: 'INVALID_ARGUMENT', details: { field: 'context' } });
  });

  test('contents are read only as fast as the upload takes them (no whole context in memory)', async () => {
    files(dir, { Dockerfile: 'FROM busybox\n' });
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(32 * 1024 * 1024, 7));
    let produced = 0;
    const stream = packBuildContext(await planBuildContext(dir, ''), { onBytes: (n) => (produced = n) });
    // Take one chunk, then stop reading for a while.
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    stream.pause();
    await new Promise((r) => setTimeout(r, 300));
    expect(produced).toBeGreaterThan(0);
    expect(produced).toBeLessThan(4 * 1024 * 1024);
    stream.destroy();
  });

  test('aborting stops the stream', async () => {
    files(dir, { Dockerfile: 'FROM busybox\n' });
    writeFileSync(join(dir, 'big.bin'), Buffer.alloc(8 * 1024 * 1024, 1));
    const ac = new AbortController();
    const stream = packBuildContext(await planBuildContext(dir, ''), { signal: ac.signal });
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    ac.abort();
    await new Promise<void>((resolve) => (stream.destroyed ? resolve() : stream.once('close', () => resolve())));
    expect(stream.destroyed).toBe(true);
  });
});

describe('packBuildContext reads only the files it planned', () => {
  const SECRET = 'TOP-SECRET-HOST-FILE-3f9a';

  /** Every byte the stream produced, and the error it ended with (if any). */
  async function drain(stream: Readable): Promise<{ bytes: Buffer; error: unknown }> {
    const chunks: Buffer[] = [];
    try {
      for await (const c of stream) chunks.push(c as Buffer);
      return { bytes: Buffer.concat(chunks), error: undefined };
    } catch (error) {
      return { bytes: Buffer.concat(chunks), error };
    }
  }

  /** A context with files before and after the one swapped, and a secret outside it. */
  function setup(): { ctx: string; secret: string } {
    const ctx = join(dir, 'ctx');
    files(dir, {
      'ctx/Dockerfile': 'FROM busybox\n',
      'ctx/a-first.txt': 'first',
      'ctx/config.txt': 'harmless',
      'ctx/sub/app.conf': 'harmless too',
      'ctx/z-last.txt': 'last',
      'outside/secret.txt': SECRET,
      'outside/dir/app.conf': SECRET,
    });
    return { ctx, secret: join(dir, 'outside/secret.txt') };
  }

  test('a file swapped for a symlink to a host file after planning fails the build, naming it', async () => {
    const { ctx, secret } = setup();
    const plan = await planBuildContext(ctx, '');
    rmSync(join(ctx, 'config.txt'));
    symlinkSync(secret, join(ctx, 'config.txt'));
    const { bytes, error } = await drain(packBuildContext(plan));
    expect(error).toBeInstanceOf(BerthError);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { path: 'config.txt' } });
    expect((error as Error).message).toContain('config.txt in the build context was replaced by a symbolic link');
    expect(bytes.includes(SECRET)).toBe(false);
    expect(bytes.includes('first')).toBe(true); // it did stream what came before
  });

  test('a folder swapped for a symlink to a host folder is refused too (the inode differs)', async () => {
    const { ctx } = setup();
    const plan = await planBuildContext(ctx, '');
    rmSync(join(ctx, 'sub'), { recursive: true });
    symlinkSync(join(dir, 'outside/dir'), join(ctx, 'sub'));
    const { bytes, error } = await drain(packBuildContext(plan));
    expect(error).toMatchObject({ code: 'CONFLICT', details: { path: 'sub/app.conf' } });
    expect((error as Error).message).toContain('sub/app.conf in the build context was replaced by another file');
    expect(bytes.includes(SECRET)).toBe(false);
  });

  test('a file swapped for a hard link to a host file is refused (the inode differs)', async () => {
    const { ctx, secret } = setup();
    const plan = await planBuildContext(ctx, '');
    rmSync(join(ctx, 'config.txt'));
    linkSync(secret, join(ctx, 'config.txt'));
    const { bytes, error } = await drain(packBuildContext(plan));
    expect(error).toMatchObject({ code: 'CONFLICT', details: { path: 'config.txt' } });
    expect(bytes.includes(SECRET)).toBe(false);
  });

  test('a file swapped for a FIFO is refused at once instead of hanging the build', async () => {
    const { ctx } = setup();
    const plan = await planBuildContext(ctx, '');
    rmSync(join(ctx, 'config.txt'));
    execFileSync('mkfifo', [join(ctx, 'config.txt')]);
    const { error } = await drain(packBuildContext(plan));
    expect(error).toMatchObject({ code: 'CONFLICT', details: { path: 'config.txt' } });
    expect((error as Error).message).toContain('not a regular file');
  });

  test('a file removed after planning stops the build with CONFLICT naming it', async () => {
    const { ctx } = setup();
    const plan = await planBuildContext(ctx, '');
    rmSync(join(ctx, 'config.txt'));
    const { error } = await drain(packBuildContext(plan));
    expect(error).toMatchObject({ code: 'CONFLICT', details: { path: 'config.txt' } });
    expect((error as Error).message).toContain('config.txt was removed from the build context');
  });

  test('an unchanged context still streams whole', async () => {
    const { ctx } = setup();
    const tar = await readTar(packBuildContext(await planBuildContext(ctx, '')));
    expect(tar.get('config.txt')?.body).toBe('harmless');
    expect(tar.get('sub/app.conf')?.body).toBe('harmless too');
    expect(tar.get('z-last.txt')?.body).toBe('last');
  });
});
