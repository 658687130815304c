import { describe, expect, test } from 'vitest';
import type { ImageSummary } from '../../../shared/models';
import { withImageUsage } from '../../../shared/usage';

const img = (id: string): ImageSummary => ({
  id,
  repoTags: [`${id}:latest`],
  repoDigests: [],
  dangling: false,
  size: 1,
  created: 0,
  labels: {},
  usedBy: [{ id: 'stale', name: 'stale', state: 'exited' }],
});

describe('image usage from a container list', () => {
  test('each image gets the containers made from it (by image id), others none', () => {
    const out = withImageUsage(
      [img('a'), img('b'), img('c')],
      [
        { id: '1', name: 'web', state: 'running', imageId: 'a' },
        { id: '2', name: 'db', state: 'exited', imageId: 'b' },
        { id: '3', name: 'web-2', state: 'paused', imageId: 'a' },
        { id: '4', name: 'orphan', state: 'exited', imageId: 'gone' },
      ],
    );
    expect(out.map((i) => i.usedBy.map((u) => u.name))).toEqual([['web', 'web-2'], ['db'], []]);
    expect(out[0]?.usedBy[1]).toEqual({ id: '3', name: 'web-2', state: 'paused' });
  });
});
