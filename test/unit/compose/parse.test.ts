import { describe, expect, test } from 'vitest';
import { parseComposeLs, parseComposePs, parseLsStatus } from '../../../electron/engine/compose/parse';

/**
 * `docker compose ps --format json` as compose v2 printed it (one array), quoted in
 * containerd/nerdctl#1567 (2022-11). No v2 can be installed on these machines, so its outputs are
 * recorded from public reports.
 */
const V2_ARRAY = `[
  {
    "ID": "aba85f638641033254a353baf0f73ac2bce302d46d843c0037849005171a4238",
    "Name": "compose-ps-json-db-1",
    "Command": "docker-entrypoint.sh mysqld",
    "Project": "compose-ps-json",
    "Service": "db",
    "State": "running",
    "Health": "",
    "ExitCode": 0,
    "Publishers": [{ "URL": "", "TargetPort": 3306, "PublishedPort": 0, "Protocol": "tcp" }]
  },
  {
    "ID": "001f54b33d9bd481bda12d98821a93e11f40b92e2e557186c2b66e20c9279196",
    "Name": "compose-ps-json-wordpress-1",
    "Command": "docker-entrypoint.sh apache2-foreground",
    "Project": "compose-ps-json",
    "Service": "wordpress",
    "State": "running",
    "Health": "",
    "ExitCode": 0,
    "Publishers": [
      { "URL": "0.0.0.0", "TargetPort": 80, "PublishedPort": 8080, "Protocol": "tcp" },
      { "URL": "::", "TargetPort": 80, "PublishedPort": 8080, "Protocol": "tcp" }
    ]
  }
]`;

/**
 * v2.21+ prints one object per line, with more fields. The first line is docker/compose#11784's
 * (v2.26.1; its Labels and Mounts left out, the fields Berth reads as reported); the second is
 * written here to cover an exited service with `"Publishers": null`.
 */
const V2_NDJSON = [
  '{"Command":"\\"docker-entrypoint.s…\\"","CreatedAt":"2024-05-02 12:21:53 +0400 +04","ExitCode":0,"Health":"","ID":"d2763e024a10","Image":"redis:latest","LocalVolumes":"1","Name":"test-docker-json-ps-db-1","Names":"test-docker-json-ps-db-1","Networks":"test-docker-json-ps_default","Ports":"6379/tcp","Project":"test-docker-json-ps","Publishers":[{"URL":"","TargetPort":6379,"PublishedPort":0,"Protocol":"tcp"}],"RunningFor":"2 minutes ago","Service":"db","Size":"0B","State":"running","Status":"Up 2 minutes"}',
  '{"Command":"\\"sleep 1\\"","ExitCode":1,"Health":"","ID":"e3c4","Name":"test-docker-json-ps-job-1","Project":"test-docker-json-ps","Publishers":null,"Service":"job","State":"exited"}',
  '',
].join('\n');

describe('compose ps --format json', () => {
  test('the one-array form of older v2', () => {
    const ps = parseComposePs(V2_ARRAY);
    expect(ps.map((e) => [e.name, e.service, e.state])).toEqual([
      ['compose-ps-json-db-1', 'db', 'running'],
      ['compose-ps-json-wordpress-1', 'wordpress', 'running'],
    ]);
    expect(ps[1]?.publishers).toEqual([
      { url: '0.0.0.0', targetPort: 80, publishedPort: 8080, protocol: 'tcp' },
      { url: '::', targetPort: 80, publishedPort: 8080, protocol: 'tcp' },
    ]);
  });

  test('the one-object-per-line form of v2.21+, extra fields ignored, null publishers', () => {
    const ps = parseComposePs(V2_NDJSON);
    expect(ps).toEqual([
      {
        id: 'd2763e024a10',
        name: 'test-docker-json-ps-db-1',
        project: 'test-docker-json-ps',
        service: 'db',
        state: 'running',
        health: '',
        exitCode: 0,
        publishers: [{ url: '', targetPort: 6379, publishedPort: 0, protocol: 'tcp' }],
      },
      {
        id: 'e3c4',
        name: 'test-docker-json-ps-job-1',
        project: 'test-docker-json-ps',
        service: 'job',
        state: 'exited',
        health: '',
        exitCode: 1,
        publishers: [],
      },
    ]);
  });

  test('nothing running prints nothing (or []); garbage throws', () => {
    expect(parseComposePs('')).toEqual([]);
    expect(parseComposePs('[]\n')).toEqual([]);
    expect(() => parseComposePs('NAME  COMMAND  SERVICE')).toThrow();
    expect(() => parseComposePs('[{"Name": 3}]')).toThrow();
  });
});

describe('compose ls --format json', () => {
  test('projects with their states and files', () => {
    const out =
      '[{"Name":"shop","Status":"exited(1), running(2)","ConfigFiles":"/srv/shop/compose.yaml,/srv/shop/compose.prod.yaml"},' +
      '{"Name":"test_redis","Status":"running(1)","ConfigFiles":"/podman-compose/compose.yaml"}]';
    expect(parseComposeLs(out)).toEqual([
      {
        name: 'shop',
        states: { exited: 1, running: 2 },
        configFiles: ['/srv/shop/compose.yaml', '/srv/shop/compose.prod.yaml'],
      },
      { name: 'test_redis', states: { running: 1 }, configFiles: ['/podman-compose/compose.yaml'] },
    ]);
  });

  test('status forms', () => {
    expect(parseLsStatus('Running')).toEqual({ running: 1 });
    expect(parseLsStatus('running(3)')).toEqual({ running: 3 });
    expect(parseLsStatus('paused(1), running(1), exited(2)')).toEqual({ paused: 1, running: 1, exited: 2 });
    expect(parseLsStatus('')).toEqual({});
  });
});
