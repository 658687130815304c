import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { emptyRunSpec, toDockerRunCommand, type RunSpec } from '../../../shared/run-spec';
import { TEST_IMAGE, createTracker, docker, dockerJson, requireEngine, uniqueName } from '../../helpers/engine';
import { createStack, type Stack } from './harness';

/**
 * containers.create on the private engine, and the promise of "Copy as docker run command": the
 * generated line, run by a real shell with the docker CLI, makes the same container.
 */

interface Inspect {
  Name: string;
  State: { Status: string };
  Config: {
    Cmd: string[] | null;
    Entrypoint: string[] | null;
    Env: string[];
    Labels: Record<string, string>;
    ExposedPorts?: Record<string, object>;
    WorkingDir: string;
    User: string;
    Hostname: string;
    Tty: boolean;
    OpenStdin: boolean;
  };
  HostConfig: {
    Memory: number;
    MemorySwap: number;
    NanoCpus: number;
    CpuShares: number;
    PidsLimit: number | null;
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
    RestartPolicy: { Name: string; MaximumRetryCount: number };
    Binds: string[] | null;
    CapAdd: string[] | null;
    CapDrop: string[] | null;
    Privileged: boolean;
    AutoRemove: boolean;
  };
  NetworkSettings: { Networks: Record<string, { Aliases: string[] | null }> };
}

const tracker = createTracker();
let stack: Stack;
let tmp: string;

beforeAll(() => {
  requireEngine();
  stack = createStack();
  tmp = mkdtempSync(join(tmpdir(), 'berth-run-int-'));
});
afterAll(async () => {
  stack?.close();
  await tracker.cleanup();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function inspect(nameOrId: string): Promise<Inspect> {
  const [info] = await dockerJson<Inspect[]>(['container', 'inspect', nameOrId]);
  if (!info) throw new Error(`no container ${nameOrId}`);
  return info;
}

async function named(name: string): Promise<string[]> {
  const { stdout } = await docker(['ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.ID}}']);
  return stdout.split('\n').filter(Boolean);
}

/** Runs a command line through /bin/sh, as someone pasting it in a terminal would. */
function sh(line: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', line], { env: { ...process.env, DOCKER_HOST: requireEngine() } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The fields a Run dialog sets, normalised so two containers can be compared. */
function comparable(i: Inspect, names: { self: string }) {
  return {
    Cmd: i.Config.Cmd,
    Entrypoint: i.Config.Entrypoint,
    Env: [...i.Config.Env].sort(),
    Labels: i.Config.Labels,
    ExposedPorts: i.Config.ExposedPorts,
    WorkingDir: i.Config.WorkingDir,
    User: i.Config.User,
    Hostname: i.Config.Hostname,
    Tty: i.Config.Tty,
    OpenStdin: i.Config.OpenStdin,
    Memory: i.HostConfig.Memory,
    MemorySwap: i.HostConfig.MemorySwap,
    NanoCpus: i.HostConfig.NanoCpus,
    CpuShares: i.HostConfig.CpuShares,
    PidsLimit: i.HostConfig.PidsLimit,
    PortBindings: i.HostConfig.PortBindings,
    RestartPolicy: i.HostConfig.RestartPolicy,
    Binds: [...(i.HostConfig.Binds ?? [])].sort(),
    CapAdd: i.HostConfig.CapAdd,
    CapDrop: i.HostConfig.CapDrop,
    Privileged: i.HostConfig.Privileged,
    Networks: Object.fromEntries(
      Object.entries(i.NetworkSettings.Networks).map(([k, v]) => [
        k,
        (v.Aliases ?? []).filter((a) => a !== names.self && !/^[0-9a-f]{12}$/.test(a)).sort(),
      ]),
    ),
  };
}

describe('containers.create', () => {
  test('the docker run line makes the same container as the API call', async () => {
    const net = tracker.network(uniqueName('run-int-net'));
    await docker(['network', 'create', net]);
    const vol = tracker.volume(uniqueName('run-int-vol'));
    const base: RunSpec = {
      ...emptyRunSpec(TEST_IMAGE),
      command: `sh -c 'echo "it'"'"'s $HOSTNAME"; sleep 300'`,
      env: [
        { key: 'GREETING', value: "hello 'world' $HOME" },
        { key: 'EMPTY', value: '' },
      ],
      ports: ['127.0.0.1::80', '5353/udp'],
      expose: '9000',
      volumes: [
        { kind: 'volume', source: vol, target: '/data', readOnly: false },
        { kind: 'bind', source: join(tmp, 'my site'), target: '/site', readOnly: true },
      ],
      network: net,
      aliases: 'db cache',
      restart: 'on-failure',
      maxRetries: '2',
      memory: '64m',
      memorySwap: '128m',
      cpus: '0.5',
      cpuShares: '512',
      pidsLimit: '50',
      workingDir: '/tmp',
      user: '1000:1000',
      hostname: 'run-int',
      labels: [{ key: 'com.example.note', value: 'a "quoted" & spaced value' }],
      tty: true,
      interactive: true,
      capAdd: 'NET_ADMIN',
      capDrop: 'MKNOD',
    };
    const apiName = tracker.container(uniqueName('run-int-api'));
    const cliName = tracker.container(uniqueName('run-int-cli'));

    const res = await stack.call('containers.create', { spec: { ...base, name: apiName }, start: true });
    expect(res.name).toBe(apiName);
    expect(res.id).toMatch(/^[0-9a-f]{64}$/);

    const line = toDockerRunCommand({ ...base, name: cliName });
    const out = await sh(line);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);

    const [a, b] = await Promise.all([inspect(apiName), inspect(cliName)]);
    expect(a.State.Status).toBe('running');
    expect(b.State.Status).toBe('running');
    expect(comparable(a, { self: apiName })).toEqual(comparable(b, { self: cliName }));
    // And the values are the ones asked for, not just equal.
    expect(a.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(a.HostConfig.NanoCpus).toBe(500_000_000);
    expect(a.Config.Env).toContain("GREETING=hello 'world' $HOME");
    expect(a.Config.Cmd).toEqual(['sh', '-c', `echo "it's $HOSTNAME"; sleep 300`]);
    expect(a.NetworkSettings.Networks[net]?.Aliases).toEqual(expect.arrayContaining(['db', 'cache']));
  });

  test('create without start leaves a created container; warnings come back as a list', async () => {
    const name = tracker.container(uniqueName('run-int-created'));
    const res = await stack.call('containers.create', {
      spec: { ...emptyRunSpec(TEST_IMAGE), name, command: 'true' },
      start: false,
    });
    expect(res.warnings).toEqual([]);
    expect((await inspect(name)).State.Status).toBe('created');
  });

  test('an invalid spec is refused with field errors before the engine is asked', async () => {
    const name = uniqueName('run-int-invalid');
    const err = await stack.fail('containers.create', {
      spec: { ...emptyRunSpec(TEST_IMAGE), name, memory: '512x', ports: ['99999:80'] },
      start: true,
    });
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.details?.fields).toMatchObject({
      memory: expect.stringMatching(/512x/),
      'ports.0': expect.stringMatching(/out of range/),
    });
    expect(await named(name)).toEqual([]);
  });

  test('unknown image: NOT_FOUND on the image field with the engine’s message', async () => {
    const name = uniqueName('run-int-noimg');
    const image = `${uniqueName('nope')}:latest`;
    const err = await stack.fail('containers.create', { spec: { ...emptyRunSpec(image), name }, start: true });
    expect(err.code).toBe('NOT_FOUND');
    expect((err.details?.fields as Record<string, string>).image).toContain(`No such image: ${image}`);
    expect(await named(name)).toEqual([]);
  });

  test('unknown network: NOT_FOUND on the network field', async () => {
    const name = uniqueName('run-int-nonet');
    const err = await stack.fail('containers.create', {
      spec: { ...emptyRunSpec(TEST_IMAGE), name, network: uniqueName('no-net') },
      start: true,
    });
    expect(err.code).toBe('NOT_FOUND');
    expect(Object.keys(err.details?.fields as object)).toEqual(['network']);
    expect(await named(name)).toEqual([]);
  });

  test('a name in use: CONFLICT on the name field', async () => {
    const name = tracker.container(uniqueName('run-int-dup'));
    await docker(['create', '--name', name, TEST_IMAGE, 'true']);
    const err = await stack.fail('containers.create', { spec: { ...emptyRunSpec(TEST_IMAGE), name }, start: false });
    expect(err.code).toBe('CONFLICT');
    expect((err.details?.fields as Record<string, string>).name).toMatch(/already in use/);
  });

  test('refusals only the engine can make are shown at their field, in the engine’s words, and nothing is left', async () => {
    const cases: Array<{ over: Partial<ReturnType<typeof emptyRunSpec>>; field: string; text: RegExp }> = [
      { over: { capAdd: 'NOT_A_REAL_CAP' }, field: 'capAdd', text: /unknown capability.*NOT_A_REAL_CAP/i },
      { over: { cpus: '512' }, field: 'cpus', text: /CPUs/ },
      // Only known when the process starts: the container is removed again.
      { over: { user: 'ghost-user' }, field: 'user', text: /ghost-user/ },
    ];
    for (const c of cases) {
      const name = uniqueName('run-int-refused');
      tracker.container(name);
      const err = await stack.fail('containers.create', {
        spec: { ...emptyRunSpec(TEST_IMAGE), name, command: 'true', ...c.over },
        start: true,
      });
      const fields = err.details?.fields as Record<string, string>;
      expect(Object.keys(fields), JSON.stringify(fields)).toEqual([c.field]);
      expect(fields[c.field]).toMatch(c.text);
      expect(err.message).toBe(fields[c.field]);
      expect(await named(name)).toEqual([]);
    }
  });

  test('a host port already taken: the start error is on ports and the container is removed again', async () => {
    const holder = tracker.container(uniqueName('run-int-holder'));
    await docker(['run', '-d', '--name', holder, '-p', '127.0.0.1::80', TEST_IMAGE, 'sleep', '300']);
    const { stdout } = await docker(['port', holder, '80/tcp']);
    const port = /:(\d+)\s*$/.exec(stdout.trim().split('\n')[0] ?? '')?.[1];
    expect(port).toBeDefined();
    const name = uniqueName('run-int-clash');
    tracker.container(name);
    const err = await stack.fail('containers.create', {
      spec: { ...emptyRunSpec(TEST_IMAGE), name, command: 'sleep 300', ports: [`127.0.0.1:${port}:80`] },
      start: true,
    });
    expect((err.details?.fields as Record<string, string>).ports).toMatch(
      /port is already allocated|address already in use/,
    );
    expect(err.details?.removed).toBe(true);
    expect(await named(name)).toEqual([]);
  });
});
