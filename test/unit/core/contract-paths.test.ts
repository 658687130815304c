import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { channelNames, contract } from '../../../shared/contract';
import { emptyRunSpec, validateRunSpec, type RunSpec } from '../../../shared/run-spec';
import { networkNameError } from '../../../shared/network-spec';

/**
 * Every string a caller can put in a channel's input, found by walking the contract's zod schemas,
 * is either a name that ends up in an engine API path (and then refuses what could break out of
 * its path segment) or is listed below as going elsewhere (body, query string, a Map key, the host's
 * file system). A new channel or field fails the first test until it is classified here.
 */

type PathKind = 'container' | 'image' | 'volume' | 'network' | 'reference';

/** `channel field` → what kind of engine path name it is. `[]` = an array element. */
const PATH_FIELDS: Record<string, PathKind> = {
  'containers.list ids[]': 'container',
  'containers.inspect id': 'container',
  'containers.start id': 'container',
  'containers.stop id': 'container',
  'containers.restart id': 'container',
  'containers.pause id': 'container',
  'containers.unpause id': 'container',
  'containers.kill id': 'container',
  'containers.remove id': 'container',
  'containers.logs id': 'container',
  'containers.attach id': 'container',
  'containers.stats ids[]': 'container',
  'containers.statsWatch id': 'container',
  'containers.top id': 'container',
  'containers.changes id': 'container',
  'containers.commit id': 'container',
  'containers.export id': 'container',
  'exec.open id': 'container',
  'images.inspect id': 'image',
  'images.remove id': 'image',
  'images.history id': 'image',
  'images.tag source': 'image',
  'images.save images[]': 'image',
  'images.prune ids[]': 'image',
  'volumes.inspect name': 'volume',
  'volumes.remove name': 'volume',
  'networks.inspect id': 'network',
  'networks.remove id': 'network',
  'networks.connect network': 'network',
  'networks.connect container': 'container',
  'networks.disconnect network': 'network',
  'networks.disconnect container': 'container',
  'networks.prune ids[]': 'network',
  'system.prune containers[]': 'container',
  'system.prune networks[]': 'network',
  'system.prune images[]': 'image',
  'system.prune volumes[]': 'volume',
  'volumes.create name': 'volume',
  'volumes.sizes names[]': 'volume',
  'volumes.prune names[]': 'volume',
  // Parsed by the reference parser; the handler builds paths and queries from the parsed parts.
  'images.pull ref': 'reference',
  'images.push ref': 'reference',
  'images.tag tags[]': 'reference',
  'images.build tags[]': 'reference',
  'images.import ref': 'reference',
  'containers.commit ref': 'reference',
  // Issue 12: files and volume backups.
  'files.list target.id': 'container',
  'files.list target.name': 'volume',
  'files.stat target.id': 'container',
  'files.stat target.name': 'volume',
  'files.read target.id': 'container',
  'files.read target.name': 'volume',
  'files.download target.id': 'container',
  'files.download target.name': 'volume',
  'files.upload target.id': 'container',
  'files.upload target.name': 'volume',
  'volumes.backup name': 'volume',
  'volumes.restorePlan name': 'volume',
  'volumes.restore into.volume.name': 'volume',
  'volumes.restore into.name': 'volume',
  'volumes.clone name': 'volume',
  'volumes.clone newName': 'volume',
};

/** Run dialog fields: plain strings in the schema, checked by validateRunSpec (which the handler runs first). */
const RUN_SPEC_PATH_FIELDS: Array<{ field: keyof RunSpec; kind: PathKind; address: string }> = [
  { field: 'image', kind: 'image', address: 'image' },
  { field: 'name', kind: 'container', address: 'name' },
  { field: 'network', kind: 'network', address: 'network' },
  { field: 'volumesFrom', kind: 'container', address: 'volumesFrom.0' },
];

/** Strings that never reach an engine path, by where they go. */
const NOT_PATH: Record<string, string> = {
  'files.list path.text': 'archive query (escaped bytes)',
  'files.list path.b64': 'archive query (escaped bytes)',
  'files.stat path.text': 'archive query (escaped bytes)',
  'files.stat path.b64': 'archive query (escaped bytes)',
  'files.read path.text': 'archive query (escaped bytes)',
  'files.read path.b64': 'archive query (escaped bytes)',
  'files.download path.text': 'archive query (escaped bytes)',
  'files.download path.b64': 'archive query (escaped bytes)',
  'files.upload dir.text': 'archive query (escaped bytes)',
  'files.upload dir.b64': 'archive query (escaped bytes)',
  'files.download dest': 'host file',
  'files.upload source.paths[]': 'host file',
  'files.upload source.items[].path': 'tar entry name',
  'files.uploadChunk session': 'Map key',
  'files.uploadChunk data': 'tar entry body',
  'volumes.backup dest': 'host file',
  'volumes.restorePlan source': 'host file',
  'volumes.restore source': 'host file',
  'volumes.restore into.volume.driver': 'create body',
  'volumes.restore into.volume.driverOpts{key}': 'create body',
  'volumes.restore into.volume.driverOpts{}': 'create body',
  'volumes.restore into.volume.labels{key}': 'create body',
  'volumes.restore into.volume.labels{}': 'create body',
  'stacks.action project': 'label filter value (query JSON)',
  'stacks.action service': 'label filter value (query JSON)',
  'system.prune buildCache[]': 'build prune filter (query, [A-Za-z0-9] only)',
  'stacks.setCliPath path': 'host file (a program run with an argument array)',
  'settings.set compose.cliPath': 'host file (a program run with an argument array)',
  'settings.set terminal.fontFamily': 'saved in the settings file, given to xterm.js as a CSS font list',
  'stacks.cancel run': 'Map key of the sender’s compose runs',
  'stacks.files files[]': 'compose CLI argument (-f), host file',
  'stacks.files project': 'compose CLI argument (-p); label filter value',
  'stacks.files workingDir': 'compose CLI argument, host folder',
  'stacks.files envFile': 'compose CLI argument, host file',
  'stacks.files profiles[]': 'compose CLI argument (--profile)',
  'stacks.downPreview target.files[]': 'compose CLI argument (-f), host file',
  'stacks.downPreview target.project': 'compose CLI argument (-p); label filter value',
  'stacks.downPreview target.workingDir': 'compose CLI argument, host folder',
  'stacks.downPreview target.envFile': 'compose CLI argument, host file',
  'stacks.downPreview target.profiles[]': 'compose CLI argument (--profile)',
  'stacks.run target.files[]': 'compose CLI argument (-f), host file',
  'stacks.run target.project': 'compose CLI argument (-p); label filter value',
  'stacks.run target.workingDir': 'compose CLI argument, host folder',
  'stacks.run target.envFile': 'compose CLI argument, host file',
  'stacks.run target.profiles[]': 'compose CLI argument (--profile)',
  'stacks.run services[]': 'compose CLI argument (after --)',
  'stacks.run service': 'compose CLI argument (after --)',
  'volumes.create driver': 'create body',
  'volumes.create driverOpts{key}': 'create body',
  'volumes.create driverOpts{}': 'create body',
  'volumes.create labels{key}': 'create body',
  'volumes.create labels{}': 'create body',
  'containers.kill signal': 'query',
  'containers.logs since': 'query',
  'containers.logs until': 'query',
  'events.watch since': 'query',
  'containers.top psArgs': 'query',
  'containers.attach detachKeys': 'query',
  'exec.open cmd[]': 'body',
  'exec.open user': 'body',
  'exec.open workingDir': 'body',
  'exec.write session': 'Map key of the sender’s sessions',
  'exec.write data': 'stdin',
  'exec.resize session': 'Map key of the sender’s sessions',
  'images.save path': 'host file',
  'images.load path': 'host file',
  'images.import path': 'host file',
  'images.import message': 'query',
  'images.import changes[]': 'query',
  'containers.commit message': 'query',
  'containers.commit author': 'query',
  'containers.commit changes[]': 'query',
  'containers.export path': 'host file',
  'registry.login registry': 'body of /auth, config.json key',
  'registry.login username': 'body of /auth',
  'registry.login password': 'body of /auth',
  'registry.logout registry': 'config.json key',
  'images.build context': 'host folder',
  'images.build dockerfile': 'host file / query',
  'images.build buildArgs{key}': 'query (JSON)',
  'images.build buildArgs{}': 'query (JSON)',
  'images.build labels{key}': 'query (JSON)',
  'images.build labels{}': 'query (JSON)',
  'images.build target': 'query',
  'host.list path': 'host folder',
  'notifications.prefs.set prefs.engines{key}': 'settings file (never sent to the engine)',
  'notifications.prefs.set prefs.muted[].name': 'settings file (never sent to the engine)',
  // The engine switcher: ids are keys of the hub's own list; the rest is a connection address.
  'engines.probe ids[]': 'hub key',
  'engines.remove id': 'hub key',
  'engines.switch id': 'hub key',
  'engines.add name': 'settings file (label)',
  'engines.add path': 'host socket (connection address)',
  'engines.add host': 'connection address (tcp:// or ssh://, checked by regex and parseSshUrl)',
  'networks.create spec.name': 'create body; networkNameError (tested below)',
  'networks.create spec.driver': 'create body',
  'networks.create spec.ipam[].subnet': 'create body',
  'networks.create spec.ipam[].gateway': 'create body',
  'networks.create spec.ipam[].ipRange': 'create body',
  'networks.create spec.labels[].key': 'create body',
  'networks.create spec.labels[].value': 'create body',
  'networks.create spec.options[].key': 'create body',
  'networks.create spec.options[].value': 'create body',
  'networks.connect spec.aliases[]': 'connect body',
  'networks.connect spec.ipv4': 'connect body',
  'networks.connect spec.ipv6': 'connect body',
  'networks.connect spec.links[]': 'connect body',
  'networks.prunePreview labels[].key': 'matched by Berth, never sent',
  'networks.prunePreview labels[].value': 'matched by Berth, never sent',
  'networks.prunePreview until': 'parsed by Berth, never sent',
};
for (const f of [
  'command',
  'entrypoint',
  'env[].key',
  'env[].value',
  'ports[]',
  'expose',
  'volumes[].source',
  'volumes[].target',
  'aliases',
  'maxRetries',
  'memory',
  'memorySwap',
  'cpus',
  'cpuShares',
  'pidsLimit',
  'workingDir',
  'user',
  'hostname',
  'labels[].key',
  'labels[].value',
  'capAdd',
  'capDrop',
]) {
  NOT_PATH[`containers.create spec.${f}`] = 'create body';
}
for (const { field } of RUN_SPEC_PATH_FIELDS) {
  const f = field === 'volumesFrom' ? 'volumesFrom[]' : field;
  NOT_PATH[`containers.create spec.${f}`] = 'validateRunSpec (tested below)';
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every string leaf of a schema, with its address (`spec.env[].key`, `buildArgs{key}`). */
function stringLeaves(schema: z.ZodType, at = ''): Array<[string, z.ZodType]> {
  const def = defOf(schema);
  const join = (part: string): string => (at ? `${at}.${part}` : part);
  switch (def.type) {
    case 'string':
      return [[at, schema]];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([k, v]) => stringLeaves(v, join(k)));
    case 'array':
      return stringLeaves(def.element!, `${at}[]`);
    case 'record':
      return [...stringLeaves(def.keyType!, `${at}{key}`), ...stringLeaves(def.valueType!, `${at}{}`)];
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'catch':
    case 'prefault':
      return stringLeaves(def.innerType!, at);
    case 'pipe':
      return stringLeaves(def.in!, at);
    case 'union':
      return (def.options ?? []).flatMap((o) => stringLeaves(o, at));
    default:
      return []; // booleans, numbers, enums, literals: nothing a name can hide in
  }
}

const leaves = channelNames.flatMap((channel) =>
  stringLeaves(contract[channel].input).map(([path, schema]) => ({ key: `${channel} ${path}`, schema })),
);

/** Break-outs of a path segment, none of which the engine accepts in a name of these kinds. */
const INJECTIONS = [
  'abc/archive?path=/etc/shadow&',
  'v?force=true&',
  'abc?x=1',
  'abc#frag',
  'abc%2Fjson',
  'abc%3F',
  '..',
  '../etc',
  'abc/../json',
  'abc/./json',
  'ab\u0000c',
  'ab\nc',
  'abc\r\nX-Injected: 1',
  'ab\u007fc',
  'ab\u0085c',
];
/** What each kind must refuse besides its over-long value. */
const REFUSED: Record<PathKind, string[]> = {
  container: [...INJECTIONS, 'abc/def', '/abc/def', 'abc\n', ' abc'],
  volume: [...INJECTIONS, 'abc/def', '/abc', 'abc\n', ' abc'],
  image: [...INJECTIONS, 'abc\n', ' abc', 'Abc:1', 'abc:t?x'],
  reference: INJECTIONS,
  // The engine accepts ?, #, % and / in network names: those are encoded (tested on the real engine).
  network: ['..', '.', '../etc', 'abc/../json', 'abc/./json', 'abc//def', 'ab\u0000c', 'ab\nc', 'ab\u007fc', 'abc\n'],
};
const TOO_LONG: Record<PathKind, string> = {
  container: 'a'.repeat(257),
  volume: 'a'.repeat(257),
  image: `${'a'.repeat(1025)}:t`,
  reference: `${'a'.repeat(1025)}:t`,
  network: 'a'.repeat(1025),
};
/** Odd but legitimate values each kind must still take. */
const ACCEPTED: Record<PathKind, string[]> = {
  container: [
    'web-1',
    '/web-1',
    'a.b_c-d',
    'a..b',
    'c4aeddacf7ad',
    'c4aeddacf7ada5a5c831afb2eac4bbfa876e1e1ca2dc92a3ca2e944a4bfe11a5',
  ],
  volume: ['data', 'a.b_c-d', 'c4aeddacf7ada5a5c831afb2eac4bbfa876e1e1ca2dc92a3ca2e944a4bfe11a5'],
  image: [
    'busybox',
    '127.0.0.1:5000/team/app:v1',
    'localhost:5000/a/b:T_1.x',
    `busybox@sha256:${'a'.repeat(64)}`,
    `sha256:${'c'.repeat(64)}`,
    'c4aeddacf7ad',
  ],
  reference: ['busybox', '127.0.0.1:5000/team/app:v1'],
  network: ['bridge', 'my net?#%&+:ü', 'a/b', 'a..b', 'c4aeddacf7ad'],
};

describe('engine path names in the contract', () => {
  test('every string field of every channel is classified (a new one must be added here)', () => {
    const unclassified = leaves.map((l) => l.key).filter((k) => !(k in PATH_FIELDS) && !(k in NOT_PATH));
    expect(unclassified).toEqual([]);
    const known = new Set(leaves.map((l) => l.key));
    const stale = [...Object.keys(PATH_FIELDS), ...Object.keys(NOT_PATH)].filter((k) => !known.has(k));
    expect(stale).toEqual([]);
  });

  const pathLeaves = leaves.filter((l) => l.key in PATH_FIELDS);
  test('the walk found every path field', () => {
    expect(pathLeaves.map((l) => l.key).sort()).toEqual(Object.keys(PATH_FIELDS).sort());
  });

  for (const { key, schema } of pathLeaves) {
    const kind = PATH_FIELDS[key]!;
    test(`${key} (${kind}) refuses path break-outs, control characters and over-long values`, () => {
      const slipped = [...REFUSED[kind], TOO_LONG[kind]].filter((v) => schema.safeParse(v).success);
      expect(slipped).toEqual([]);
      const refused = ACCEPTED[kind].filter((v) => !schema.safeParse(v).success);
      expect(refused).toEqual([]);
    });
  }

  test('messages say what a name may hold', () => {
    const id = defOf(contract['containers.inspect'].input).shape!.id!;
    expect(id.safeParse('abc/archive?path=/etc/shadow&').error?.issues[0]?.message).toBe(
      'A container name may only contain letters, digits, "_", "." and "-", and starts with a letter or digit',
    );
    const vol = defOf(contract['volumes.remove'].input).shape!.name!;
    expect(vol.safeParse('v?force=true&').error?.issues[0]?.message).toMatch(/^A volume name may only contain/);
    const net = defOf(contract['networks.remove'].input).shape!.id!;
    expect(net.safeParse('..').error?.issues[0]?.message).toMatch(/^A network name cannot be "\." or "\.\."/);
  });

  for (const { field, kind, address } of RUN_SPEC_PATH_FIELDS) {
    test(`containers.create spec.${field} (${kind}) is refused by validateRunSpec`, () => {
      const at = (v: string): RunSpec => {
        const spec = emptyRunSpec('busybox');
        return field === 'volumesFrom' ? { ...spec, volumesFrom: [v] } : { ...spec, [field]: v };
      };
      // The form trims what people type, so only what survives trimming matters here.
      const refused = [...REFUSED[kind], TOO_LONG[kind]].filter((v) => v.trim() === v);
      const slipped = refused.filter((v) => validateRunSpec(at(v))[address] === undefined);
      expect(slipped).toEqual([]);
      const accepted = ACCEPTED[kind].filter((v) => !(field === 'volumesFrom' && v.startsWith('/')));
      expect(accepted.filter((v) => validateRunSpec(at(v))[address] !== undefined)).toEqual([]);
    });
  }

  test('networks.create spec.name (network) is refused by networkNameError', () => {
    const slipped = [...REFUSED.network, TOO_LONG.network].filter((v) => networkNameError(v) === undefined);
    expect(slipped).toEqual([]);
    // bridge is taken by the engine's own network, a name with spaces is refused for a new one (the engine
    // takes it); every other odd name is a fine new one.
    const accepted = ACCEPTED.network.filter((v) => v !== 'bridge' && !/\s/.test(v));
    expect(accepted.filter((v) => networkNameError(v) !== undefined)).toEqual([]);
  });
});
