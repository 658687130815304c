import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { TEST_IMAGE, docker, dockerJson, uniqueName, waitFor } from '../../helpers/engine';
import { failure, finished } from '../stream-result';
import { useTransferSuite } from '../transfer-suite';

/**
 * Save / load / import / commit / export / prune preview on the real private engine. Every image here
 * is our own (a distinct id made by commit), so nothing touches the shared test image.
 */

const exec = promisify(execFile);
/**
 * Images are removed one after another after the containers: removing a tag can delete the image
 * while a parallel removal by id is under way ("unrecognized image ID").
 */
const images: string[] = [];
function image(ref: string): string {
  images.push(ref);
  return ref;
}
async function removeImages(): Promise<void> {
  const failures: string[] = [];
  for (const ref of images.reverse()) {
    const r = await docker(['image', 'rm', '--force', ref], { allowFail: true });
    if (r.code !== 0 && !/no such image|unrecognized image|not found/i.test(r.stderr)) failures.push(r.stderr.trim());
  }
  if (failures.length > 0) throw new Error(`image cleanup failed:\n${failures.join('\n')}`);
}
const suite = useTransferSuite('berth-archive-', removeImages);
const { tracker } = suite;

async function inspectImage(ref: string): Promise<
  | {
      Id: string;
      RepoTags: string[];
      Comment: string;
      Author: string;
      Config: { Cmd: string[] | null; Labels: Record<string, string> | null };
    }
  | undefined
> {
  const r = await docker(['image', 'inspect', ref], { allowFail: true });
  if (r.code !== 0) return undefined;
  return (JSON.parse(r.stdout) as Array<never>)[0];
}

/** An image of our own with a unique id. */
async function ownImage(prefix: string): Promise<{ ref: string; id: string }> {
  const src = tracker.container(uniqueName(`${prefix}-src`));
  await docker(['create', '--name', src, TEST_IMAGE, 'true']);
  const ref = image(`${uniqueName(prefix)}:v1`);
  const id = (await docker(['commit', '--change', `LABEL berth.test=${uniqueName(prefix)}`, src, ref])).stdout.trim();
  image(id);
  return { ref, id };
}

async function tarList(path: string): Promise<string[]> {
  const { stdout } = await exec('tar', ['-tf', path], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter(Boolean);
}

describe('images.save / images.load', () => {
  test('save two tags → remove them → load: same image id and both tags, progress reported', async () => {
    const { ref, id } = await ownImage('save');
    const second = image(`${ref.split(':')[0]}:v2`);
    await docker(['tag', ref, second]);
    const path = join(suite.dir, `${uniqueName('two')}.tar`);

    const save = suite.stack.subscribe('images.save', { images: [ref, second], path });
    const frames = await finished(save);
    const done = frames.find((f) => f.type === 'done');
    expect(done).toEqual({ type: 'done', path, bytes: statSync(path).size });
    const prog = frames.filter((f) => f.type === 'progress');
    expect(prog.length).toBeGreaterThan(0);
    expect(prog[0]).toMatchObject({ totalIsEstimate: true });
    expect((prog[0] as { total?: number }).total).toBeGreaterThan(0);
    expect(await tarList(path)).toContain('manifest.json');
    // No temporary file left behind.
    expect(readdirSync(suite.dir).filter((f) => f.includes('berth-part'))).toEqual([]);

    await docker(['rmi', ref, second]);
    expect(await inspectImage(id)).toBeUndefined();

    const load = suite.stack.subscribe('images.load', { path });
    const loaded = await finished(load);
    const result = loaded.find((f) => f.type === 'done');
    expect(result?.type === 'done' && [...result.images].sort()).toEqual([ref, second].sort());
    const last = loaded.filter((f) => f.type === 'progress').at(-1);
    expect(last).toMatchObject({ bytes: statSync(path).size, total: statSync(path).size, totalIsEstimate: false });

    const back = await inspectImage(ref);
    expect(back?.Id).toBe(id);
    expect([...(back?.RepoTags ?? [])].sort()).toEqual([ref, second].sort());
  });

  test('save refuses to overwrite an existing file unless overwrite is set', async () => {
    const { ref } = await ownImage('nooverwrite');
    const path = join(suite.dir, `${uniqueName('exists')}.tar`);
    writeFileSync(path, 'precious');
    const err = await failure(suite.stack.subscribe('images.save', { images: [ref], path }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain(path);
    expect((await import('node:fs')).readFileSync(path, 'utf8')).toBe('precious');

    await finished(suite.stack.subscribe('images.save', { images: [ref], path, overwrite: true }));
    expect(await tarList(path)).toContain('manifest.json');
  });

  test('a missing folder and an unknown image are clear errors; nothing is written', async () => {
    const err = await failure(
      suite.stack.subscribe('images.save', { images: [TEST_IMAGE], path: join(suite.dir, 'nope', 'x.tar') }),
    );
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain(join(suite.dir, 'nope'));
    const path = join(suite.dir, `${uniqueName('unknown')}.tar`);
    const err2 = await failure(suite.stack.subscribe('images.save', { images: [`${uniqueName('none')}:x`], path }));
    expect(err2.code).toBe('NOT_FOUND');
    expect(existsSync(path)).toBe(false);
    const relative = await failure(
      suite.stack.subscribe('images.save', { images: [TEST_IMAGE], path: 'relative.tar' }),
    );
    expect(relative.code).toBe('INVALID_ARGUMENT');
  });

  test('cancelling a save leaves no file and no temporary file', async () => {
    // A larger image so the save is still running when we cancel.
    const src = tracker.container(uniqueName('big-src'));
    await docker(['run', '--name', src, TEST_IMAGE, 'sh', '-c', 'head -c 80000000 /dev/urandom > /big']);
    const ref = image(`${uniqueName('big')}:v1`);
    image((await docker(['commit', src, ref])).stdout.trim());
    const path = join(suite.dir, `${uniqueName('cancel')}.tar`);
    const save = suite.stack.subscribe('images.save', { images: [ref], path });
    await save.waitFor((f) => f.type === 'progress' && f.bytes > 0, { timeoutMs: 60_000 });
    save.unsubscribe();
    await waitFor(() => readdirSync(suite.dir).filter((f) => f.includes('berth-part')).length === 0, {
      timeoutMs: 10_000,
      message: 'temporary file removed',
    });
    expect(existsSync(path)).toBe(false);
  });

  test('loading a file that is not an image archive gives the engine’s reason', async () => {
    const path = join(suite.dir, 'not-an-archive.tar');
    writeFileSync(path, 'this is not a tar file\n'.repeat(100));
    const err = await failure(suite.stack.subscribe('images.load', { path }));
    // The engine's own words, e.g. "Error processing tar file(exit status 1): archive/tar: invalid tar header".
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/tar/i);
    const missing = await failure(suite.stack.subscribe('images.load', { path: join(suite.dir, 'missing.tar') }));
    expect(missing.code).toBe('NOT_FOUND');
  });
});

describe('images.import', () => {
  test('a rootfs tar made from busybox becomes a runnable image with tag, message and CMD', async () => {
    const root = join(suite.dir, uniqueName('rootfs'));
    (await import('node:fs')).mkdirSync(join(root, 'bin'), { recursive: true });
    await exec('cp', ['/bin/busybox', join(root, 'bin', 'busybox')]);
    await exec('ln', ['-s', 'busybox', join(root, 'bin', 'sh')]);
    await exec('ln', ['-s', 'busybox', join(root, 'bin', 'echo')]);
    const tarPath = join(suite.dir, `${uniqueName('rootfs')}.tar`);
    await exec('tar', ['-C', root, '-cf', tarPath, '.']);

    const ref = image(`${uniqueName('imported')}:v1`);
    const sub = suite.stack.subscribe('images.import', {
      path: tarPath,
      ref,
      message: 'imported by berth',
      changes: ['CMD ["/bin/echo", "hello from import"]'],
    });
    const frames = await finished(sub);
    const done = frames.find((f) => f.type === 'done');
    expect(done).toMatchObject({ type: 'done', ref });
    const info = await inspectImage(ref);
    expect(info?.Id).toBe(done?.type === 'done' ? done.id : '');
    expect(info?.Comment).toBe('imported by berth');
    expect(info?.Config.Cmd).toEqual(['/bin/echo', 'hello from import']);

    const name = tracker.container(uniqueName('import-run'));
    const run = await docker(['run', '--name', name, ref]);
    expect(run.stdout.trim()).toBe('hello from import');
  });

  test('an invalid reference is refused before anything runs', async () => {
    const err = await failure(suite.stack.subscribe('images.import', { path: '/etc/hostname', ref: 'Bad Name:1' }));
    expect(err.code).toBe('INVALID_ARGUMENT');
  });
});

describe('containers.commit / containers.export', () => {
  test('commit with message, author and CMD: docker inspect shows them', async () => {
    const name = tracker.container(uniqueName('commit'));
    await docker(['run', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo committed > /note.txt']);
    const ref = image(`${uniqueName('committed')}:v3`);
    const res = await suite.stack.call('containers.commit', {
      id: name,
      ref,
      message: 'snapshot for test',
      author: 'Berth Tester <t@example.com>',
      changes: ['CMD ["cat", "/note.txt"]', 'ENV BERTH_COMMIT=1'],
    });
    image(res.id);
    expect(res.ref).toBe(ref);
    const info = await inspectImage(ref);
    expect(info?.Id).toBe(res.id);
    expect(info?.Comment).toBe('snapshot for test');
    expect(info?.Author).toBe('Berth Tester <t@example.com>');
    expect(info?.Config.Cmd).toEqual(['cat', '/note.txt']);
    const out = await docker(['run', '--rm', ref]);
    expect(out.stdout.trim()).toBe('committed');
  });

  test('commit of an unknown container is NOT_FOUND; a bad change is refused', async () => {
    const err = await suite.stack.fail('containers.commit', { id: uniqueName('ghost') });
    expect(err.code).toBe('NOT_FOUND');
    const bad = await suite.stack.fail('containers.commit', { id: uniqueName('ghost'), changes: ['RUN rm -rf /'] });
    expect(bad.code).toBe('INVALID_ARGUMENT');
  });

  test('export writes a tar with /bin/busybox and the file the container wrote', async () => {
    const name = tracker.container(uniqueName('export'));
    await docker(['run', '--name', name, TEST_IMAGE, 'sh', '-c', 'echo exported > /written-by-test.txt']);
    const path = join(suite.dir, `${uniqueName('fs')}.tar`);
    const frames = await finished(suite.stack.subscribe('containers.export', { id: name, path }));
    expect(frames.at(-1)).toEqual({ type: 'done', path, bytes: statSync(path).size });
    const entries = await tarList(path);
    expect(entries).toContain('bin/busybox');
    expect(entries).toContain('written-by-test.txt');
    const { stdout } = await exec('tar', ['-xOf', path, 'written-by-test.txt']);
    expect(stdout.trim()).toBe('exported');
    // The same target again is refused.
    const err = await failure(suite.stack.subscribe('containers.export', { id: name, path }));
    expect(err.code).toBe('CONFLICT');
  });
});

describe('images.prunePreview / images.prune', () => {
  test('lists a dangling image we made (with its size) and not an image a container uses; prune deletes exactly it', async () => {
    const src = tracker.container(uniqueName('dangle-src'));
    await docker(['run', '--name', src, TEST_IMAGE, 'sh', '-c', 'head -c 300000 /dev/urandom > /blob']);
    const dangling = image((await docker(['commit', src])).stdout.trim());
    // A second untagged image (other content) that a container uses: never a candidate.
    const src2 = tracker.container(uniqueName('used-src'));
    await docker(['run', '--name', src2, TEST_IMAGE, 'sh', '-c', 'echo used > /used']);
    const usedId = image((await docker(['commit', src2])).stdout.trim());
    const user = tracker.container(uniqueName('user'));
    await docker(['create', '--name', user, usedId, 'true']);
    // A tagged, unused image: only in "all unused" mode.
    const { id: taggedId } = await ownImage('prune-tagged');

    const preview = await suite.stack.call('images.prunePreview', { all: false });
    const hit = preview.images.find((i) => i.id === dangling);
    expect(hit).toBeDefined();
    expect(hit?.repoTags).toEqual([]);
    expect(hit?.size).toBeGreaterThan(300_000);
    // Its own layer (the 300 kB blob) is what goes; busybox's layers stay.
    expect(hit?.reclaim).toBeGreaterThan(290_000);
    expect(hit?.reclaim).toBeLessThan(hit?.size ?? 0);
    expect(preview.images.some((i) => i.id === usedId)).toBe(false);
    expect(preview.images.some((i) => i.id === taggedId)).toBe(false);
    expect(preview.reclaim).toBeGreaterThanOrEqual(hit?.reclaim ?? 0);

    const all = await suite.stack.call('images.prunePreview', { all: true });
    expect(all.images.some((i) => i.id === taggedId)).toBe(true);
    expect(all.images.some((i) => i.id === dangling)).toBe(true);
    expect(all.images.some((i) => i.id === usedId)).toBe(false);
    const [busybox] = await dockerJson<Array<{ Id: string }>>(['image', 'inspect', TEST_IMAGE]);
    // busybox is the parent of our commits: never listed.
    expect(all.images.some((i) => i.id === busybox?.Id)).toBe(false);

    // Prune only ours; the used one is refused with the reason, nothing else is touched.
    const res = await suite.stack.call('images.prune', { ids: [dangling, usedId] });
    expect(res.deleted).toContain(dangling);
    expect(res.failed).toEqual([expect.objectContaining({ id: usedId, code: 'CONFLICT' })]);
    expect(await inspectImage(dangling)).toBeUndefined();
    expect(await inspectImage(usedId)).toBeDefined();
    expect(await inspectImage(taggedId)).toBeDefined();
    expect(await inspectImage(TEST_IMAGE)).toBeDefined();
  });

  test('an untagged parent of two dangling images counts once, when both go, and goes with them', async () => {
    // parent = busybox + 200 kB (committed, untagged); x and y = parent + their own blob each.
    const commitFrom = async (from: string, bytes: number): Promise<string> => {
      const name = tracker.container(uniqueName('shared-src'));
      await docker(['run', '--name', name, from, 'sh', '-c', `head -c ${bytes} /dev/urandom > /blob-${bytes}`]);
      const id = image((await docker(['commit', name])).stdout.trim());
      await docker(['rm', name]); // no container may use it
      return id;
    };
    const parent = await commitFrom(TEST_IMAGE, 200_000);
    const x = await commitFrom(parent, 50_000);
    const y = await commitFrom(parent, 30_000);

    const preview = await suite.stack.call('images.prunePreview', { all: false });
    expect(preview.images.some((i) => i.id === parent)).toBe(false); // a parent is never a candidate
    const px = preview.images.find((i) => i.id === x);
    const py = preview.images.find((i) => i.id === y);
    expect(px?.reclaim).toBeGreaterThan(45_000);
    expect(px?.reclaim).toBeLessThan(100_000); // its own blob, not the parent's too
    expect(py?.reclaim).toBeLessThan(100_000);
    const shared = preview.shared.find((s) => s.id === parent);
    expect(shared?.reclaim).toBeGreaterThan(190_000);
    expect([...(shared?.requires ?? [])].sort()).toEqual([x, y].sort());

    // Pruning both deletes the parent with them, as the preview said.
    const res = await suite.stack.call('images.prune', { ids: [x, y] });
    expect(res.failed).toEqual([]);
    expect(res.deleted).toEqual(expect.arrayContaining([x, y, parent]));
    expect(await inspectImage(parent)).toBeUndefined();
  });
});
