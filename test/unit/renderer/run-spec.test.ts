import { describe, expect, test } from 'vitest';
import {
  commandArgv,
  emptyRunSpec,
  refusalField,
  mergeEnvRows,
  parseCpus,
  parseEnvBlock,
  parseExpose,
  parsePortSpec,
  parseSize,
  shellQuote,
  splitWords,
  toCreateOptions,
  toDockerRunCommand,
  validateRunSpec,
  type RunSpec,
} from '../../../shared/run-spec';
import { RunSpecSchema } from '../../../shared/run-spec-schema';
import { clearFieldErrors, errorsBySection, fieldErrorsOf, formatArgv } from '../../../renderer/presentation/run';

const spec = (over: Partial<RunSpec>): RunSpec => ({ ...emptyRunSpec('busybox:latest'), ...over });

describe('parseSize (docker RAMInBytes)', () => {
  test.each([
    ['512m', 512 * 1024 ** 2],
    ['1.5g', 1.5 * 1024 ** 3],
    ['64M', 64 * 1024 ** 2],
    ['1024', 1024],
    ['100k', 100 * 1024],
    ['2GiB', 2 * 1024 ** 3],
    ['10mb', 10 * 1024 ** 2],
  ])('%s → %d bytes', (text, bytes) => {
    expect(parseSize(text)).toEqual({ ok: true, value: bytes });
  });
  test.each(['512x', 'abc', '-1m', '1.2.3g', '', 'm'])('%s is refused with a reason', (text) => {
    const r = parseSize(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/is not a size/);
  });
});

describe('parseCpus', () => {
  test('decimals become NanoCpus', () => {
    expect(parseCpus('0.5')).toEqual({ ok: true, value: 500_000_000 });
    expect(parseCpus('2')).toEqual({ ok: true, value: 2_000_000_000 });
    expect(parseCpus('.25')).toEqual({ ok: true, value: 250_000_000 });
    expect(parseCpus('1.333')).toEqual({ ok: true, value: 1_333_000_000 });
  });
  test('zero, negatives and words are refused', () => {
    expect(parseCpus('0').ok).toBe(false);
    expect(parseCpus('-1').ok).toBe(false);
    expect(parseCpus('half').ok).toBe(false);
    expect(parseCpus('1,5').ok).toBe(false);
  });
});

describe('parsePortSpec', () => {
  test('host:container, ip:host:container/proto, container only', () => {
    expect(parsePortSpec('8080:80')).toEqual({
      ok: true,
      value: [{ hostIp: '', hostPort: '8080', containerPort: 80, protocol: 'tcp' }],
    });
    expect(parsePortSpec('127.0.0.1:8080:80/udp')).toEqual({
      ok: true,
      value: [{ hostIp: '127.0.0.1', hostPort: '8080', containerPort: 80, protocol: 'udp' }],
    });
    expect(parsePortSpec('80')).toEqual({
      ok: true,
      value: [{ hostIp: '', hostPort: '', containerPort: 80, protocol: 'tcp' }],
    });
    expect(parsePortSpec('127.0.0.1::80')).toEqual({
      ok: true,
      value: [{ hostIp: '127.0.0.1', hostPort: '', containerPort: 80, protocol: 'tcp' }],
    });
    expect(parsePortSpec('[::1]:8080:80')).toEqual({
      ok: true,
      value: [{ hostIp: '::1', hostPort: '8080', containerPort: 80, protocol: 'tcp' }],
    });
  });
  test('ranges map one to one; a host range for one container port lets the engine pick', () => {
    const r = parsePortSpec('8000-8002:80-82');
    expect(r.ok && r.value.map((x) => `${x.hostPort}:${x.containerPort}`)).toEqual(['8000:80', '8001:81', '8002:82']);
    const pick = parsePortSpec('8000-8010:80');
    expect(pick.ok && pick.value).toEqual([{ hostIp: '', hostPort: '8000-8010', containerPort: 80, protocol: 'tcp' }]);
  });
  test.each([
    ['99999:80', /Host port 99999 is out of range/],
    ['8080:0', /out of range/],
    ['abc', /is not a container port/],
    ['8080:80/icmp', /Unknown protocol/],
    ['300.1.1.1:80:80', /is not an IP address/],
    ['8000-8001:80-82', /differ in length/],
    ['1:2:3:4', /is not a port rule/],
    ['90-80', /ends before it starts/],
  ])('%s is refused', (text, why) => {
    const r = parsePortSpec(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(why);
  });
});

describe('parseExpose', () => {
  test('spaces, commas, protocols, ranges', () => {
    expect(parseExpose('9000, 9001/udp 7000-7001')).toEqual({
      ok: true,
      value: [
        { port: 9000, protocol: 'tcp' },
        { port: 9001, protocol: 'udp' },
        { port: 7000, protocol: 'tcp' },
        { port: 7001, protocol: 'tcp' },
      ],
    });
    expect(parseExpose('x').ok).toBe(false);
  });
});

describe('command words', () => {
  test('split like a shell without expanding anything', () => {
    expect(splitWords(`sh -c "echo $HOME" 'a b' c\\ d`)).toEqual({
      ok: true,
      value: ['sh', '-c', 'echo $HOME', 'a b', 'c d'],
    });
    expect(splitWords('ls *.txt')).toEqual({ ok: true, value: ['ls', '*.txt'] });
    expect(splitWords('  ')).toEqual({ ok: true, value: [] });
  });
  test('shell operators in exec form point to the shell form', () => {
    const r = splitWords('echo hi | wc -l');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Shell form/);
  });
  test('shell form runs the whole line through /bin/sh -c', () => {
    expect(commandArgv({ command: 'echo hi | wc -l', commandForm: 'shell' })).toEqual({
      ok: true,
      value: ['/bin/sh', '-c', 'echo hi | wc -l'],
    });
    expect(commandArgv({ command: '', commandForm: 'exec' })).toEqual({ ok: true, value: undefined });
  });
});

describe('.env blocks', () => {
  test('comments, export, quotes, inline comments, multi-line double quotes', () => {
    const text = [
      '# settings',
      '',
      'export API_URL="http://api:8080/v1"',
      "GREETING='hello # not a comment'",
      'DEBUG=1 # on',
      'EMPTY=',
      'ESCAPED="line1\\nline2 \\"q\\""',
      'MULTI="a',
      'b"',
      '  SPACED = value with spaces  ',
    ].join('\r\n');
    expect(parseEnvBlock(text)).toEqual({
      rows: [
        { key: 'API_URL', value: 'http://api:8080/v1' },
        { key: 'GREETING', value: 'hello # not a comment' },
        { key: 'DEBUG', value: '1' },
        { key: 'EMPTY', value: '' },
        { key: 'ESCAPED', value: 'line1\nline2 "q"' },
        { key: 'MULTI', value: 'a\nb' },
        { key: 'SPACED', value: 'value with spaces' },
      ],
      errors: [],
    });
  });
  test('lines that are not KEY=VALUE are reported, not dropped', () => {
    const r = parseEnvBlock('OK=1\njust words\nBAD="open');
    expect(r.rows).toEqual([{ key: 'OK', value: '1' }]);
    expect(r.errors).toEqual(['Line 2: “just words” is not KEY=VALUE', 'BAD: the double quote is never closed']);
  });
  test('pasted rows replace same keys and drop empty rows', () => {
    expect(
      mergeEnvRows(
        [
          { key: 'A', value: '1' },
          { key: '', value: '' },
        ],
        [
          { key: 'A', value: '2' },
          { key: 'B', value: '3' },
        ],
      ),
    ).toEqual([
      { key: 'A', value: '2' },
      { key: 'B', value: '3' },
    ]);
  });
});

describe('validateRunSpec', () => {
  test('a plain spec is valid and passes the schema', () => {
    expect(validateRunSpec(spec({}))).toEqual({});
    expect(RunSpecSchema.safeParse(spec({})).success).toBe(true);
  });
  test('each problem is addressed to its field', () => {
    const errors = validateRunSpec(
      spec({
        image: '',
        name: '-bad',
        ports: ['8080:80', '99999:80', '8080:80'],
        env: [
          { key: 'A', value: '1' },
          { key: 'A', value: '2' },
          { key: 'B C', value: '' },
        ],
        volumes: [
          { kind: 'bind', source: 'relative/dir', target: 'data', readOnly: false },
          { kind: 'volume', source: '', target: '/x', readOnly: true },
        ],
        memory: '512x',
        cpus: 'lots',
        pidsLimit: '1.5',
        aliases: 'db',
        restart: 'always',
        autoRemove: true,
        capAdd: 'net admin!',
        workingDir: 'app',
      }),
    );
    expect(errors).toMatchObject({
      image: 'Choose an image',
      name: expect.stringMatching(/start with a letter or digit/),
      'ports.1': expect.stringMatching(/out of range/),
      'ports.2': 'Host port 8080 is already used by rule 1',
      'env.1.key': 'A is already set in row 1',
      'env.2.key': expect.stringMatching(/cannot contain/),
      'volumes.0.source': expect.stringMatching(/absolute/),
      'volumes.0.target': expect.stringMatching(/absolute/),
      'volumes.1.source': expect.stringMatching(/anonymous volume cannot be read-only/),
      memory: expect.stringMatching(/“512x” is not a size/),
      cpus: expect.stringMatching(/not a number of CPUs/),
      pidsLimit: 'PIDs limit must be a whole number',
      aliases: 'Aliases work only on a user-defined network',
      restart: expect.stringMatching(/Auto-remove/),
      capAdd: expect.stringMatching(/not a capability/),
      workingDir: expect.stringMatching(/absolute/),
    });
  });
  test('memory: at least 6 MB; swap needs memory and must not be smaller', () => {
    expect(validateRunSpec(spec({ memory: '1m' })).memory).toMatch(/at least 6 MB/);
    expect(validateRunSpec(spec({ memorySwap: '1g' })).memorySwap).toBe('Set a memory limit too');
    expect(validateRunSpec(spec({ memory: '1g', memorySwap: '512m' })).memorySwap).toMatch(/at least the memory/);
    expect(validateRunSpec(spec({ memory: '1g', memorySwap: '-1' }))).toEqual({});
  });
});

describe('toCreateOptions', () => {
  test('maps every field to the Engine API body', () => {
    const { name, body } = toCreateOptions(
      spec({
        name: 'web',
        command: 'sleep 300',
        env: [{ key: 'MODE', value: 'prod' }],
        ports: ['127.0.0.1:8080:80', '53/udp'],
        expose: '9000',
        volumes: [
          { kind: 'volume', source: 'data', target: '/data', readOnly: false },
          { kind: 'bind', source: '/srv/site', target: '/site', readOnly: true },
          { kind: 'volume', source: '', target: '/cache', readOnly: false },
        ],
        volumesFrom: ['other:ro'],
        network: 'appnet',
        aliases: 'db, cache',
        restart: 'on-failure',
        maxRetries: '3',
        memory: '64m',
        memorySwap: '128m',
        cpus: '0.5',
        cpuShares: '512',
        pidsLimit: '100',
        workingDir: '/app',
        user: '1000:1000',
        hostname: 'web1',
        labels: [{ key: 'team', value: 'ops' }],
        tty: true,
        interactive: true,
        capAdd: 'net_admin',
        capDrop: 'ALL',
      }),
    );
    expect(name).toBe('web');
    expect(body).toEqual({
      Image: 'busybox:latest',
      Cmd: ['sleep', '300'],
      Env: ['MODE=prod'],
      Labels: { team: 'ops' },
      ExposedPorts: { '80/tcp': {}, '53/udp': {}, '9000/tcp': {} },
      Volumes: { '/cache': {} },
      WorkingDir: '/app',
      User: '1000:1000',
      Hostname: 'web1',
      Tty: true,
      OpenStdin: true,
      AttachStdin: false,
      AttachStdout: false,
      AttachStderr: false,
      HostConfig: {
        PortBindings: {
          '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }],
          '53/udp': [{ HostIp: '', HostPort: '' }],
        },
        Binds: ['data:/data', '/srv/site:/site:ro'],
        VolumesFrom: ['other:ro'],
        NetworkMode: 'appnet',
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        Memory: 64 * 1024 ** 2,
        MemorySwap: 128 * 1024 ** 2,
        NanoCpus: 500_000_000,
        CpuShares: 512,
        PidsLimit: 100,
        AutoRemove: false,
        Privileged: false,
        CapAdd: ['CAP_NET_ADMIN'],
        CapDrop: ['ALL'],
      },
      NetworkingConfig: { EndpointsConfig: { appnet: { Aliases: ['db', 'cache'] } } },
    });
  });
  test('an entrypoint of "" clears the image\'s entrypoint, as `--entrypoint ""` does', () => {
    const { body } = toCreateOptions(spec({ entrypoint: '""', command: 'echo hi' }));
    expect(body.Entrypoint).toEqual(['']);
    expect(body.Cmd).toEqual(['echo', 'hi']);
    expect(toDockerRunCommand(spec({ entrypoint: '""', command: 'echo hi' }))).toBe(
      "docker run -d --entrypoint '' busybox:latest echo hi",
    );
  });

  test('a multi-word entrypoint: the first word is the entrypoint, the rest starts Cmd (as with the CLI)', () => {
    const { body } = toCreateOptions(spec({ entrypoint: 'sh -c', command: 'echo hi' }));
    expect(body.Entrypoint).toEqual(['sh']);
    expect(body.Cmd).toEqual(['-c', 'echo', 'hi']);
  });
  test('an empty spec leaves the image defaults alone', () => {
    const { name, body } = toCreateOptions(spec({}));
    expect(name).toBeUndefined();
    expect(body.Cmd).toBeUndefined();
    expect(body.Entrypoint).toBeUndefined();
    expect(body.HostConfig.PortBindings).toBeUndefined();
    expect(body.HostConfig.NetworkMode).toBe('bridge');
  });
});

describe('toDockerRunCommand', () => {
  test('quotes for a POSIX shell', () => {
    expect(shellQuote('plain-word_1.2')).toBe('plain-word_1.2');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote('')).toBe("''");
  });
  test('the flags in docker’s own syntax', () => {
    expect(
      toDockerRunCommand(
        spec({
          name: 'web',
          command: 'echo "$HOSTNAME" && sleep 1',
          commandForm: 'shell',
          env: [{ key: 'GREETING', value: "it's here" }],
          ports: ['8080:80'],
          volumes: [{ kind: 'bind', source: '/srv/my site', target: '/site', readOnly: true }],
          network: 'host',
          restart: 'unless-stopped',
          memory: '1.5g',
          cpus: '0.5',
          tty: true,
          interactive: true,
          autoRemove: false,
          privileged: true,
          labels: [{ key: 'a', value: 'b c' }],
        }),
      ),
    ).toBe(
      "docker run -d -it --name web -p 8080:80 -e 'GREETING=it'\\''s here' -v '/srv/my site:/site:ro' --network host " +
        "--restart unless-stopped --memory 1.5g --cpus 0.5 --label 'a=b c' --privileged busybox:latest /bin/sh -c " +
        `'echo "$HOSTNAME" && sleep 1'`,
    );
  });
  test('entrypoint words after the first follow the image; exec-form words are re-quoted', () => {
    expect(toDockerRunCommand(spec({ entrypoint: 'sh -c', command: `'echo hi'` }))).toBe(
      "docker run -d --entrypoint sh busybox:latest -c 'echo hi'",
    );
  });
});

describe('Run dialog presentation', () => {
  test('field errors from a contract error, or a form-level one', () => {
    expect(
      fieldErrorsOf({
        code: 'NOT_FOUND',
        message: 'No such image: x',
        details: { fields: { image: 'No such image: x' } },
      }),
    ).toEqual({
      image: 'No such image: x',
    });
    expect(fieldErrorsOf({ code: 'INTERNAL', message: 'boom' })).toEqual({ form: 'boom' });
  });
  test('editing a field clears its errors and its rows’', () => {
    const e = { ports: 'taken', 'ports.1': 'bad', memory: 'x' };
    expect(clearFieldErrors(e, 'ports.0')).toEqual({ memory: 'x' });
    expect(clearFieldErrors(e, 'name')).toBe(e);
  });
  test('errors counted per section; argv shown as JSON', () => {
    expect(errorsBySection({ image: 'a', 'ports.0': 'b', ports: 'c', memory: 'd', form: 'e' })).toEqual({
      general: 1,
      ports: 2,
      resources: 1,
    });
    expect(formatArgv(['sh', '-c', 'echo "hi"'])).toBe('["sh", "-c", "echo \\"hi\\""]');
  });
});

describe('refusalField', () => {
  test('an engine refusal goes to the field it is about, or to the form', () => {
    const s = (over: Partial<RunSpec>) => ({ ...emptyRunSpec('busybox'), ...over });
    expect(refusalField(s({ capAdd: 'NET_ADMIN, bogus' }), 'invalid CapAdd: unknown capability: "CAP_BOGUS"')).toBe(
      'capAdd',
    );
    expect(refusalField(s({ capDrop: 'weird' }), 'unknown capability: "CAP_WEIRD"')).toBe('capDrop');
    expect(
      refusalField(s({ cpus: '64' }), 'Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available'),
    ).toBe('cpus');
    expect(refusalField(s({ user: 'ghost' }), 'unable to find user ghost: no matching entries in passwd file')).toBe(
      'user',
    );
    expect(refusalField(s({ memory: '8m', memorySwap: '9m' }), 'Minimum memoryswap limit should be larger')).toBe(
      'memorySwap',
    );
    expect(refusalField(s({ memory: '8m' }), 'Minimum memory limit allowed is 6MB')).toBe('memory');
    // A limit the spec does not set, or a message that names no field: the form.
    expect(refusalField(s({}), 'Range of CPUs is from 0.01 to 2.00')).toBe('form');
    expect(refusalField(s({ cpus: '1' }), 'OCI runtime create failed: something else')).toBe('form');
  });
});
