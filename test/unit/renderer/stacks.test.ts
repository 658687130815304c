import { describe, expect, test } from 'vitest';
import type { ContainerSummary, PortMapping } from '../../../shared/models';
import { splitConfigFiles } from '../../../shared/compose-labels';
import { groupStacks } from '../../../renderer/presentation/stacks';

/**
 * Labels as docker-compose 1.29.2 wrote them for `docker-compose -p fixt -f docker-compose.yml
 * -f override.yml up -d --scale worker=2` in /tmp/cfix (then `run -d worker`), recorded with
 * `docker ps --format '{{json .}}'` on the private engine.
 */
const v1 = (service: string, extra: Record<string, string>): Record<string, string> => ({
  'com.docker.compose.config-hash': '977aab00ad4544c85df783cb666942bc317de83d5b81abd05532228dfb48333e',
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.project.config_files': 'docker-compose.yml,override.yml',
  'com.docker.compose.project.working_dir': '/tmp/cfix',
  'com.docker.compose.project': 'fixt',
  'com.docker.compose.service': service,
  'com.docker.compose.version': '1.29.2',
  ...extra,
});

const web: PortMapping[] = [
  { ip: '0.0.0.0', privatePort: 8080, publicPort: 18080, protocol: 'tcp' },
  { ip: '::', privatePort: 8080, publicPort: 18080, protocol: 'tcp' },
];

function container(
  name: string,
  state: ContainerSummary['state'],
  labels: Record<string, string>,
  ports: PortMapping[] = [],
): ContainerSummary {
  return {
    id: `id-${name}`,
    name,
    image: 'busybox:latest',
    imageId: 'sha256:1',
    command: 'sleep 600',
    created: 0,
    state,
    status: state === 'running' ? 'Up 5 seconds' : 'Exited (137)',
    ports,
    labels,
    networks: [],
    mounts: [],
  };
}

const recorded = [
  container('fixt_worker_run_19864fca24ae', 'running', {
    ...v1('worker', { 'com.docker.compose.oneoff': 'True', 'com.docker.compose.slug': '19864fca24ae' }),
    'com.docker.compose.config-hash': '',
  }),
  container('fixt_worker_2', 'exited', v1('worker', { 'com.docker.compose.container-number': '2' })),
  container('fixt_worker_1', 'running', v1('worker', { 'com.docker.compose.container-number': '1' })),
  container('fixt_web_1', 'running', v1('web', { 'com.docker.compose.container-number': '1' }), web),
  container('loner', 'running', {}),
];

describe('groupStacks', () => {
  test('a docker-compose v1 project: services, replicas by number, one-off runs last, counts, ports', () => {
    const stacks = groupStacks(recorded);
    expect(stacks).toHaveLength(1);
    const [fixt] = stacks;
    expect(fixt).toMatchObject({
      project: 'fixt',
      workingDir: '/tmp/cfix',
      configFiles: ['/tmp/cfix/docker-compose.yml', '/tmp/cfix/override.yml'],
      composeVersion: '1.29.2',
      containerCount: 4,
      counts: { running: 3, exited: 1 },
    });
    expect(fixt?.services.map((s) => s.name)).toEqual(['web', 'worker']);
    const worker = fixt?.services[1];
    expect(worker?.containers.map((c) => [c.name, c.number, c.oneoff])).toEqual([
      ['fixt_worker_1', 1, false],
      ['fixt_worker_2', 2, false],
      ['fixt_worker_run_19864fca24ae', undefined, true],
    ]);
    expect(worker?.counts).toEqual({ running: 2, exited: 1 });
    // Published on 0.0.0.0 and :: — one port to the user.
    expect(fixt?.ports).toEqual([web[0]]);
  });

  test('containers without a project label are not a stack; projects sort by name', () => {
    const other = container('b_db_1', 'created', {
      'com.docker.compose.project': 'alpha',
      'com.docker.compose.service': 'db',
    });
    expect(groupStacks([...recorded, other]).map((s) => s.project)).toEqual(['alpha', 'fixt']);
    expect(groupStacks([container('loner', 'running', {})])).toEqual([]);
    const alpha = groupStacks([other])[0];
    expect(alpha).toMatchObject({ workingDir: '', configFiles: [], composeVersion: '', counts: { created: 1 } });
  });
});

describe('splitConfigFiles', () => {
  test('v2 labels absolute paths; v1 paths relative to the working dir', () => {
    expect(splitConfigFiles('/srv/app/compose.yaml,/srv/app/compose.prod.yaml', '/srv/app')).toEqual([
      '/srv/app/compose.yaml',
      '/srv/app/compose.prod.yaml',
    ]);
    expect(splitConfigFiles('docker-compose.yml,override.yml', '/tmp/cfix/')).toEqual([
      '/tmp/cfix/docker-compose.yml',
      '/tmp/cfix/override.yml',
    ]);
    expect(splitConfigFiles('C:\\app\\compose.yaml', 'C:\\app')).toEqual(['C:\\app\\compose.yaml']);
    expect(splitConfigFiles(undefined)).toEqual([]);
    expect(splitConfigFiles(' a.yml , ', '')).toEqual(['a.yml']);
  });
});
