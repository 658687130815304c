import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The layering of issue 13, checked on the source text: every engine call lives in electron/engine/
 * (handlers only adapt arguments and call it), and electron/ipc/ depends on nothing in engine/.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

/** Comments removed, so that a comment naming dockerode or `.modem` is not a finding. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** What in a handler's code is a direct engine call (or the way to one), one finding per line. */
const ENGINE_CALLS: ReadonlyArray<[string, RegExp]> = [
  ['imports dockerode', /(?:from\s*|import\s*\(\s*|require\s*\(\s*)['"](?:dockerode|docker-modem)['"]/],
  ['uses .modem', /\.\s*modem\b/],
  ['calls getContainer/getImage/getNetwork/getVolume/getExec', /\bget(?:Container|Image|Network|Volume|Exec)s?\s*\(/],
  ['uses an api-path accessor', /\b(?:containerOf|imageOf|networkOf|volumeOf)\s*\(/],
  ['calls a method on the client', /\bdocker\s*\.\s*[A-Za-z_$][\w$]*\s*\(/],
];

function engineCallsIn(text: string): string[] {
  const found: string[] = [];
  code(text)
    .split('\n')
    .forEach((line, i) => {
      for (const [what, re] of ENGINE_CALLS) if (re.test(line)) found.push(`line ${i + 1} ${what}: ${line.trim()}`);
    });
  return found;
}

/** Relative module specifiers of imports, exports, dynamic imports and requires. */
function importSpecifiers(text: string): string[] {
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  return [...code(text).matchAll(re)].map((m) => m[1] ?? '');
}

describe('layering scanners', () => {
  // The scans below pass only if these catch what they are meant to.
  test('engineCallsIn finds each kind of direct engine call, not comments', () => {
    const bad = [
      "import type Dockerode from 'dockerode';",
      'docker.modem.dial(opts, cb);',
      'await api.getContainer(id).inspect();',
      'await client.getImage(ref).remove();',
      'await containerOf(docker, id).start();',
      'const list = await docker.listContainers({ all: true });',
      "const m = await import('dockerode');",
    ];
    for (const line of bad) expect(engineCallsIn(line), line).toHaveLength(1);
    expect(
      engineCallsIn(
        "// docker.modem.dial and getContainer( in a comment\n/* import 'dockerode' */\nreturn listContainers(await engine.docker(), all);",
      ),
    ).toEqual([]);
  });

  test('importSpecifiers reads static, type-only, side-effect and dynamic imports', () => {
    const text = [
      "import { a } from '../engine/a';",
      "import type { B } from '../engine/b';",
      "export { c } from '../engine/c';",
      "import '../engine/d';",
      "const e = await import('../engine/e');",
      "// import { f } from '../engine/f';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['../engine/a', '../engine/b', '../engine/c', '../engine/d', '../engine/e']);
  });
});

describe('electron/handlers/ makes no engine call itself', () => {
  const dir = join(root, 'electron', 'handlers');
  const files = sourceFiles(dir);

  test('there are handlers to scan', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  test.each(files.map((f) => [relative(root, f)]))('%s', (rel) => {
    // Every engine call belongs in an electron/engine/ module that takes the client from Engine.docker().
    expect(engineCallsIn(readFileSync(join(root, rel), 'utf8'))).toEqual([]);
  });
});

describe('electron/ipc/ imports nothing from electron/engine/', () => {
  const dir = join(root, 'electron', 'ipc');
  const engineDir = join(root, 'electron', 'engine') + sep;
  const files = sourceFiles(dir);

  test('there are ipc files to scan', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  test.each(files.map((f) => [relative(root, f)]))('%s', (rel) => {
    const path = join(root, rel);
    const intoEngine = importSpecifiers(readFileSync(path, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .filter((s) => (resolve(dirname(path), s) + sep).startsWith(engineDir));
    expect(intoEngine).toEqual([]);
  });
});
