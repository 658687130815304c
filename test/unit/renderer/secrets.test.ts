import { describe, expect, test } from 'vitest';
import {
  envValueParts,
  looksRandomToken,
  MASK,
  maskEnvEntry,
  maskSecrets,
  redactEnvInJson,
  splitSecrets,
} from '../../../renderer/presentation/secrets';

// Test tokens are built from parts so secret scanners do not flag this file.
const GHP = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'}`;
const JWT = [
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
  'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkJlcnRoIn0',
  'c2lnbmF0dXJlLWhlcmU',
].join('.');
const RANDOM = 'Zq8Lr2Vx9Tn4Hb7Kw1Pc6Ms3Jd5Fy0Ge8Ua';

describe('maskSecrets: secrets found by their shape, whatever the key', () => {
  test.each([
    ['postgres://app:s3cr3tpw@db/x', `postgres://app:${MASK}@db/x`],
    ['redis://:onlypass@cache:6379/0', `redis://:${MASK}@cache:6379/0`],
    ['amqp://guest:gu%40st@mq:5672/vhost', `amqp://guest:${MASK}@mq:5672/vhost`],
    [
      'mirrors: https://a:pw1@one.example, https://b:pw2@two.example',
      `mirrors: https://a:${MASK}@one.example, https://b:${MASK}@two.example`,
    ],
    [GHP, MASK],
    [`token=${GHP} rest`, `token=${MASK} rest`],
    [`github_pat_${'11ABCDEFG0123456789_abcdefghijKLMNOPQRSTUVWXYZ012345'}`, MASK],
    [`glpat-${'xYz12AbC34dEf56GhI78'}`, MASK],
    [`xoxb-${'123456789012-1234567890123-AbCdEfGhIjKlMnOp'}`, MASK],
    [`sk-${'proj-AbCdEf0123456789GhIjKlMn'}`, MASK],
    [`sk_live_${'51Hxxxxxxxxxxxxxxxxxxxxx'}`, MASK],
    [`AKIA${'IOSFODNN7EXAMPLE'}`, MASK],
    [`Authorization: Bearer ${'abc.DEF-123_xyz'}`, `Authorization: Bearer ${MASK}`],
    [`Basic ${'dXNlcjpwYXNzd29yZA=='}`, `Basic ${MASK}`],
    [JWT, MASK],
    [`-----BEGIN ${'RSA PRIVATE'} KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----`, MASK],
    [`-----BEGIN ${'OPENSSH PRIVATE'} KEY-----\nb3BlbnNzaC1rZXk`, MASK],
    [RANDOM, MASK],
    [`aws_secret=${'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'}`, `aws_secret=${MASK}`],
    [`${'q3VhT9xZ+Lw2/Rk8Pn5Ys1Bd7Gf0Mj4Hc6Ea'}==`, MASK],
  ])('%s', (value, masked) => {
    expect(maskSecrets(value)).toBe(masked);
  });

  test.each([
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['NGINX_VERSION', '1.25.3'],
    ['NODE_VERSION', '20.19.0-bookworm-slim'],
    ['IMAGE', 'sha256:4f1b2c3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809'],
    ['HOSTNAME', '3f2a9c1b7d4e'],
    ['PYTHON_SHA256', 'a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f808192a3b4c5d6e7f8091a'],
    ['REQUEST_ID', '550e8400-e29b-41d4-a716-446655440000'],
    ['JAVA_HOME', '/usr/lib/jvm/java-17-openjdk-amd64'],
    ['APP_DIR', '/opt/MyCompanyApplication/Versions/Release2024/bin'],
    ['LANG', 'C.UTF-8'],
    ['HOME_PAGE', 'https://example.com/path?x=1#frag'],
    ['DATABASE_URL', 'postgres://app@db/x'],
    ['GREETING', 'Basic authentication is required for the Bearer endpoint'],
    ['JAVA_OPTS', '-Xmx512m -XX:+UseG1GC -Dspring.profiles.active=production'],
    ['CLASS', 'org.springframework.boot.loader.JarLauncherApplicationContext'],
    ['TZ', 'Europe/Amsterdam'],
    ['SERVICE', 'MyCompanyApplicationServerRelease2024'],
    ['POOL', 'k8s-Node1-ProductionCluster-EuropeWest4-Pool2'],
    ['MAIN', 'com/example/MyApplication2/Main/Controller'],
    ['BEAN', 'AbstractSingletonProxyFactoryBean2Impl'],
    ['RUNNER', 'GITHUB_ACTIONS_RUNNER_Version2_Linux_X64'],
    ['CLUSTER', 'eu-west-1-Production-Database-Cluster-01'],
    ['PACKAGE', 'sk-learn-classification-pipeline-tools'],
    ['EMPTY', ''],
  ])('leaves ordinary values readable: %s', (key, value) => {
    expect(splitSecrets(value).every((p) => !p.secret)).toBe(true);
    expect(envValueParts(key, value)).toEqual(value === '' ? [] : [{ text: value, secret: false }]);
  });

  test('the entropy rule needs length, mixed case and digits, and a random spread', () => {
    expect(looksRandomToken(RANDOM)).toBe(true);
    expect(looksRandomToken(RANDOM.slice(0, 20))).toBe(false);
    expect(looksRandomToken(RANDOM.toLowerCase())).toBe(false);
    expect(looksRandomToken('AaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaA1')).toBe(false);
  });

  test('the entropy rule catches nearly all random base62 and base64 tokens of 32 to 80 characters', () => {
    // A fixed-seed generator (LCG), so the rate is the same on every run.
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n); // the high bits: an LCG's low bits cycle quickly
    };
    const alphabets = [
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
    ];
    let caught = 0;
    const total = 1000;
    for (let i = 0; i < total; i++) {
      const alphabet = alphabets[i % 2] ?? '';
      const length = 32 + next(49);
      let token = '';
      for (let j = 0; j < length; j++) token += alphabet[next(alphabet.length)];
      if (looksRandomToken(token)) caught++;
    }
    expect(caught / total).toBeGreaterThan(0.95);
  });
});

describe('envValueParts', () => {
  test('a secret key masks the whole value; an innocent key masks only what looks secret', () => {
    expect(envValueParts('DB_PASSWORD', 'hunter2')).toEqual([{ text: 'hunter2', secret: true }]);
    expect(envValueParts('DATABASE_URL', 'postgres://app:s3cr3tpw@db/x')).toEqual([
      { text: 'postgres://app:', secret: false },
      { text: 's3cr3tpw', secret: true },
      { text: '@db/x', secret: false },
    ]);
    expect(envValueParts('NOTE', GHP)).toEqual([{ text: GHP, secret: true }]);
  });
});

describe('inspect JSON', () => {
  test('maskEnvEntry masks KEY=value entries by key and by value', () => {
    expect(maskEnvEntry('DATABASE_URL=postgres://app:s3cr3tpw@db/x')).toEqual({
      text: `DATABASE_URL=postgres://app:${MASK}@db/x`,
      masked: true,
    });
    expect(maskEnvEntry(`NOTE=${GHP}`)).toEqual({ text: `NOTE=${MASK}`, masked: true });
    expect(maskEnvEntry('API_TOKEN=abc')).toEqual({ text: `API_TOKEN=${MASK}`, masked: true });
    expect(maskEnvEntry('PATH=/usr/bin:/bin')).toEqual({ text: 'PATH=/usr/bin:/bin', masked: false });
    expect(maskEnvEntry('NO_EQUALS')).toEqual({ text: 'NO_EQUALS', masked: false });
  });

  test('redactEnvInJson masks every Env array, leaves the rest and the original alone', () => {
    const raw = {
      Id: '4f1b2c3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809',
      Config: { Env: ['PATH=/usr/bin', 'DATABASE_URL=postgres://app:s3cr3tpw@db/x', `NOTE=${GHP}`], Image: 'busybox' },
      ContainerConfig: { Env: ['SECRET_KEY=abc'] },
      Args: ['--verbose'],
    };
    const before = JSON.stringify(raw);
    const { value, count } = redactEnvInJson(raw);
    expect(count).toBe(3);
    expect(JSON.stringify(raw)).toBe(before);
    const text = JSON.stringify(value);
    for (const leak of ['s3cr3tpw', GHP, '=abc']) expect(text).not.toContain(leak);
    expect(value).toEqual({
      ...raw,
      Config: { Env: ['PATH=/usr/bin', `DATABASE_URL=postgres://app:${MASK}@db/x`, `NOTE=${MASK}`], Image: 'busybox' },
      ContainerConfig: { Env: [`SECRET_KEY=${MASK}`] },
    });
    expect(redactEnvInJson({ Config: { Env: ['A=1'] } }).count).toBe(0);
  });
});
