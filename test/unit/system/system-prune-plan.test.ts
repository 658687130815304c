import { describe, expect, test } from 'vitest';
import type { SystemPruneKinds } from '../../../shared/contracts/system';
import { SystemPruneKinds as Kinds } from '../../../shared/contracts/system';
import { planSystemPrune, type SystemPlanInput } from '../../../electron/engine/system-prune-plan';

const kinds = (k: Partial<SystemPruneKinds>): SystemPruneKinds => Kinds.parse(k);

const input: SystemPlanInput = {
  containers: [
    { Id: 'c-run', Names: ['/web'], State: 'running', ImageID: 'sha256:img-web', SizeRw: 100 },
    { Id: 'c-old', Names: ['/old'], State: 'exited', ImageID: 'sha256:img-old', SizeRw: 40 },
    { Id: 'c-new', Names: ['/fresh'], State: 'created', ImageID: 'sha256:img-web', SizeRw: 0 },
    { Id: 'c-up', Names: ['/up'], State: 'running', ImageID: 'sha256:img-web', SizeRw: 1 },
  ],
  containerNetworks: new Map([
    ['c-run', ['n-front']],
    ['c-old', ['n-old']],
    ['c-up', ['by-name']], // never connected yet: known by the network's name only
  ]),
  networks: [
    { id: 'n-bridge', name: 'bridge', scope: 'local' },
    { id: 'n-host', name: 'host', scope: 'local' },
    { id: 'n-front', name: 'front', scope: 'local' },
    { id: 'n-old', name: 'old-net', scope: 'local' },
    { id: 'n-empty', name: 'empty', scope: 'local' },
    { id: 'n-by-name', name: 'by-name', scope: 'local' },
    { id: 'n-ingress', name: 'ingress', scope: 'swarm', ingress: true },
  ],
  images: [
    { id: 'sha256:img-web', parentId: '', repoTags: ['web:1'], created: 1, size: 500, layers: ['L1', 'L2'] },
    { id: 'sha256:img-old', parentId: '', repoTags: ['old:1'], created: 2, size: 300, layers: ['L1', 'L3'] },
    { id: 'sha256:img-dangling', parentId: '', repoTags: [], created: 3, size: 200, layers: ['L4'] },
  ],
  volumes: [
    { Name: 'data', Labels: {}, UsageData: { Size: 1000, RefCount: 1 } },
    { Name: 'named-unused', Labels: null, UsageData: { Size: 50, RefCount: 0 } },
    { Name: 'ab'.repeat(32), Labels: null, UsageData: { Size: 3, RefCount: 0 } }, // anonymous, old engine
    { Name: 'f00d', Labels: { 'com.docker.volume.anonymous': '' }, UsageData: { Size: 70, RefCount: 0 } },
    { Name: 'remote', Labels: { 'com.docker.volume.anonymous': '' }, UsageData: { Size: -1, RefCount: 0 } },
  ],
  buildCache: [
    { ID: 'bc1', Type: 'regular', Description: 'RUN make', InUse: false, Shared: false, Size: 900 },
    { ID: 'bc2', Type: 'regular', Description: 'busy', InUse: true, Shared: false, Size: 5 },
    { ID: 'bc3', Type: 'source.local', Description: 'ctx', InUse: false, Shared: true, Size: 77 },
  ],
};

const ids = (plan: ReturnType<typeof planSystemPrune>, kind: string): string[] =>
  plan.items.filter((i) => i.kind === kind).map((i) => i.id);

describe('system prune plan', () => {
  test('nothing chosen → nothing listed', () => {
    expect(planSystemPrune(kinds({}), input)).toEqual({ items: [], reclaim: 0 });
  });

  test('containers: every container not running/paused/restarting, with its writable layer', () => {
    const plan = planSystemPrune(kinds({ containers: true }), input);
    expect(plan.items).toEqual([
      { kind: 'container', id: 'c-old', label: 'old', reclaim: 40, sizeUnknown: false },
      { kind: 'container', id: 'c-new', label: 'fresh', reclaim: 0, sizeUnknown: false },
    ]);
    expect(plan.reclaim).toBe(40);
  });

  test('networks: predefined, swarm and attached ones stay; one used only by a pruned container goes', () => {
    expect(ids(planSystemPrune(kinds({ networks: true }), input), 'network')).toEqual(['n-empty']);
    expect(ids(planSystemPrune(kinds({ networks: true, containers: true }), input), 'network')).toEqual([
      'n-old',
      'n-empty',
    ]);
  });

  test('images: the image planner decides; an image only a pruned container uses goes too', () => {
    expect(ids(planSystemPrune(kinds({ images: 'dangling' }), input), 'image')).toEqual(['sha256:img-dangling']);
    // old:1 is used by the stopped container c-old, which stays unless containers are pruned too.
    expect(ids(planSystemPrune(kinds({ images: 'all' }), input), 'image')).toEqual(['sha256:img-dangling']);
    const withContainers = planSystemPrune(kinds({ images: 'all', containers: true }), input);
    expect(ids(withContainers, 'image')).toEqual(['sha256:img-old', 'sha256:img-dangling']);
    const old = withContainers.items.find((i) => i.id === 'sha256:img-old');
    // No kept image holds a prefix of its layers, so it frees its full size (prune-plan.ts's rule).
    expect(old).toMatchObject({ label: 'old:1', reclaim: 300 });
    expect(withContainers.items.find((i) => i.id === 'sha256:img-dangling')).toMatchObject({
      label: 'img-dangling',
      reclaim: 200,
    });
  });

  test('volumes: anonymous-only by default kind, or every unused one; in-use never; unknown size flagged', () => {
    const anon = planSystemPrune(kinds({ volumes: 'anonymous' }), input);
    expect(anon.items).toEqual([
      { kind: 'volume', id: 'ab'.repeat(32), label: 'ab'.repeat(32), reclaim: 3, sizeUnknown: false },
      { kind: 'volume', id: 'f00d', label: 'f00d', reclaim: 70, sizeUnknown: false },
      { kind: 'volume', id: 'remote', label: 'remote', reclaim: 0, sizeUnknown: true },
    ]);
    expect(ids(planSystemPrune(kinds({ volumes: 'all' }), input), 'volume')).toEqual([
      'named-unused',
      'ab'.repeat(32),
      'f00d',
      'remote',
    ]);
  });

  test('build cache: records not in use; shared ones free nothing', () => {
    const plan = planSystemPrune(kinds({ buildCache: true }), input);
    expect(plan.items.map((i) => [i.id, i.reclaim, i.label])).toEqual([
      ['bc1', 900, 'regular: RUN make'],
      ['bc3', 0, 'source.local: ctx'],
    ]);
    expect(plan.reclaim).toBe(900);
  });

  test('the total is the sum of every listed item', () => {
    const plan = planSystemPrune(
      kinds({ containers: true, networks: true, images: 'all', volumes: 'all', buildCache: true }),
      input,
    );
    expect(plan.reclaim).toBe(plan.items.reduce((s, i) => s + i.reclaim, 0));
    expect(new Set(plan.items.map((i) => i.kind))).toEqual(
      new Set(['container', 'network', 'image', 'volume', 'buildCache']),
    );
  });
});
