import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from './harness';

const tracker = createTracker();
let stack: Stack;
let busyboxId: string;

beforeAll(async () => {
  requireEngine();
  stack = createStack();
  const [img] = await dockerJson<Array<{ Id: string }>>(['image', 'inspect', TEST_IMAGE]);
  busyboxId = img?.Id ?? '';
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
});

const imageExists = async (ref: string): Promise<boolean> =>
  (await docker(['image', 'inspect', ref], { allowFail: true })).code === 0;

/** An image of our own (distinct id), so nothing here can touch the shared test image. */
async function ownImage(prefix: string): Promise<{ ref: string; id: string }> {
  const src = tracker.container(uniqueName(`${prefix}-src`));
  await docker(['create', '--name', src, TEST_IMAGE, 'sleep', '1']);
  const ref = tracker.image(`${uniqueName(prefix)}:v1`);
  const id = (await docker(['commit', '--change', `LABEL berth.test=${prefix}`, src, ref])).stdout.trim();
  tracker.image(id);
  return { ref, id };
}

describe('images.list / images.inspect', () => {
  test(`${TEST_IMAGE} is listed with usedBy naming a container that uses it`, async () => {
    const name = tracker.container(uniqueName('user'));
    const cid = (await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '300'])).stdout.trim();
    const images = await stack.call('images.list', {});
    const busybox = images.find((i) => i.repoTags.includes(TEST_IMAGE));
    expect(busybox).toBeDefined();
    expect(busybox?.id).toBe(busyboxId);
    expect(busybox?.dangling).toBe(false);
    expect(busybox?.size).toBeGreaterThan(0);
    expect(busybox?.usedBy).toContainEqual({ id: cid, name, state: 'created' });
  });

  test('a tag added with the CLI shows on the same image', async () => {
    const tag = tracker.image(`${uniqueName('tag')}:v2`);
    await docker(['tag', TEST_IMAGE, tag]);
    const images = await stack.call('images.list', {});
    const img = images.find((i) => i.id === busyboxId);
    expect(img?.repoTags).toEqual(expect.arrayContaining([TEST_IMAGE, tag]));
    // Removing that reference only untags it; the image and its other tags stay.
    const result = await stack.call('images.remove', { id: tag });
    expect(result).toEqual({ untagged: [tag], deleted: [] });
    expect(await imageExists(tag)).toBe(false);
    expect(await imageExists(TEST_IMAGE)).toBe(true);
    tracker.untrack('image', tag);
  });

  test('inspect by reference and by id returns the engine document', async () => {
    const byRef = await stack.call('images.inspect', { id: TEST_IMAGE });
    const raw = byRef.raw as { Id: string; RepoTags: string[]; Config: { Cmd: string[] } };
    expect(raw.Id).toBe(busyboxId);
    expect(raw.RepoTags).toContain(TEST_IMAGE);
    const byId = await stack.call('images.inspect', { id: busyboxId });
    expect((byId.raw as { Id: string }).Id).toBe(busyboxId);
  });

  test('unknown image → NOT_FOUND with the engine message', async () => {
    const ghost = `${uniqueName('ghost')}:nope`;
    const err = await stack.fail('images.inspect', { id: ghost });
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toMatch(/No such image/i);
    const rm = await stack.fail('images.remove', { id: ghost });
    expect(rm.code).toBe('NOT_FOUND');
  });
});

describe('images.remove', () => {
  test('an image used by a container → CONFLICT with the engine reason; after the container goes, it is deleted', async () => {
    const { ref, id } = await ownImage('used');
    const user = tracker.container(uniqueName('img-user'));
    await docker(['create', '--name', user, ref, 'sleep', '300']);

    const err = await stack.fail('images.remove', { id: ref });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toMatch(/container .* is using its referenced image|must force/i);
    expect(err.message).not.toMatch(/HTTP code/);
    expect(await imageExists(ref)).toBe(true);

    const byId = await stack.fail('images.remove', { id });
    expect(byId.code).toBe('CONFLICT');

    const listed = (await stack.call('images.list', {})).find((i) => i.id === id);
    expect(listed?.usedBy.map((u) => u.name)).toEqual([user]);
    expect(listed?.labels['berth.test']).toBe('used');

    await docker(['rm', user]);
    const result = await stack.call('images.remove', { id: ref });
    expect(result.untagged).toEqual([ref]);
    expect(result.deleted).toContain(id);
    expect(await imageExists(id)).toBe(false);
  });

  test('force removes an image that a stopped container still references', async () => {
    const { ref, id } = await ownImage('forced');
    const user = tracker.container(uniqueName('img-forced-user'));
    await docker(['create', '--name', user, ref, 'sleep', '300']);
    const result = await stack.call('images.remove', { id: ref, force: true });
    // The engine (20.10) deletes it outright: a stopped container does not hold an image against force.
    expect(result.untagged).toEqual([ref]);
    expect(result.deleted).toContain(id);
    expect(await imageExists(id)).toBe(false);
    expect((await stack.call('images.list', {})).some((i) => i.id === id)).toBe(false);
  });
});
