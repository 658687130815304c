import { describe, expect, test } from 'vitest';
import type { ContainerSummary } from '../../../shared/models';
import { groupStacks } from '../../../renderer/presentation/stacks';
import {
  availableActions,
  containerIdsOf,
  containerTag,
  describeCounts,
  flattenStacks,
  projectRowId,
  serviceRowId,
  stateChips,
  treeRowLabel,
} from '../../../renderer/presentation/stackTree';

function c(
  name: string,
  project: string,
  service: string,
  n: number,
  state: ContainerSummary['state'] = 'running',
  oneoff = false,
): ContainerSummary {
  return {
    id: `id-${name}`,
    name,
    image: 'busybox:latest',
    imageId: 'sha256:1',
    command: 'sleep 600',
    created: 0,
    state,
    status: state,
    ports: [],
    labels: {
      'com.docker.compose.project': project,
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': String(n),
      'com.docker.compose.oneoff': oneoff ? 'True' : 'False',
      'com.docker.compose.project.working_dir': `/srv/${project}`,
      'com.docker.compose.project.config_files': 'docker-compose.yml',
    },
    networks: [],
    mounts: [],
  };
}

const stacks = groupStacks([
  c('shop_web_1', 'shop', 'web', 1),
  c('shop_worker_1', 'shop', 'worker', 1),
  c('shop_worker_2', 'shop', 'worker', 2, 'exited'),
  c('shop_worker_run_ab12', 'shop', 'worker', 1, 'running', true),
  c('blog_db_1', 'blog', 'db', 1, 'paused'),
]);

describe('flattenStacks', () => {
  test('collapsed: one row per project, by name', () => {
    const rows = flattenStacks(stacks, new Set());
    expect(rows.map((r) => [r.id, r.level])).toEqual([
      ['p:blog', 1],
      ['p:shop', 1],
    ]);
  });

  test('an expanded project shows its services, an expanded service its containers', () => {
    const rows = flattenStacks(stacks, new Set([projectRowId('shop'), serviceRowId('shop', 'worker')]));
    expect(rows.map((r) => r.id)).toEqual([
      'p:blog',
      'p:shop',
      's:shop/web',
      's:shop/worker',
      'c:id-shop_worker_1',
      'c:id-shop_worker_2',
      'c:id-shop_worker_run_ab12',
    ]);
    expect(rows.find((r) => r.id === 'p:shop')).toMatchObject({ expanded: true });
    expect(rows.find((r) => r.id === 's:shop/web')).toMatchObject({ expanded: false });
  });

  test('a filter keeps matching projects and opens the way to a matching container', () => {
    expect(flattenStacks(stacks, new Set(), 'BLOG').map((r) => r.id)).toEqual(['p:blog']);
    const rows = flattenStacks(stacks, new Set(), 'run_ab');
    expect(rows.map((r) => r.id)).toEqual([
      'p:shop',
      's:shop/web',
      's:shop/worker',
      'c:id-shop_worker_1',
      'c:id-shop_worker_2',
      'c:id-shop_worker_run_ab12',
    ]);
    expect(flattenStacks(stacks, new Set(), 'nothing-like-it')).toEqual([]);
  });
});

describe('row names, tags and chips', () => {
  const rows = flattenStacks(stacks, new Set(['p:shop', 's:shop/worker']));
  const byId = (id: string) => rows.find((r) => r.id === id)!;

  test('accessible names start with the project / service / container name', () => {
    expect(treeRowLabel(byId('p:shop'))).toBe('shop, 2 services, 3 running, 1 exited');
    expect(treeRowLabel(byId('s:shop/worker'))).toBe('worker, 3 containers, 2 running, 1 exited');
    expect(treeRowLabel(byId('c:id-shop_worker_2'))).toBe('shop_worker_2 #2, exited');
    expect(treeRowLabel(byId('c:id-shop_worker_run_ab12'))).toBe('shop_worker_run_ab12 run, running');
  });

  test('the container number only for scaled services', () => {
    const shop = stacks.find((s) => s.project === 'shop')!;
    const web = shop.services.find((s) => s.name === 'web')!;
    expect(containerTag(web.containers[0]!, web)).toBeUndefined();
  });

  test('chips in a fixed order, without zeros', () => {
    expect(stateChips({ exited: 2, running: 1, paused: 0 })).toEqual([
      { state: 'running', count: 1 },
      { state: 'exited', count: 2 },
    ]);
    expect(describeCounts({})).toBe('no containers');
  });
});

describe('actions', () => {
  test('which API actions change anything', () => {
    expect(availableActions({ running: 2 })).toEqual({
      start: false,
      stop: true,
      restart: true,
      pause: true,
      unpause: false,
    });
    expect(availableActions({ paused: 1, exited: 1 })).toEqual({
      start: true,
      stop: true,
      restart: true,
      pause: false,
      unpause: true,
    });
    expect(availableActions({})).toMatchObject({ start: false, stop: false, restart: false });
  });

  test('merged logs take every container of the project, or of one service', () => {
    const shop = stacks.find((s) => s.project === 'shop')!;
    expect(containerIdsOf(shop, 'worker')).toEqual(['id-shop_worker_1', 'id-shop_worker_2', 'id-shop_worker_run_ab12']);
    expect(containerIdsOf(shop)).toHaveLength(4);
  });
});
