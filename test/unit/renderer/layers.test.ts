import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

// Renderer floors (DESIGN §7): `app/` is the shell only and nothing below it imports it;
// `lib/` holds platform helpers (router, timers, idle, view activity, theme) that features,
// components and stores import, and it imports none of them.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const rendererDir = join(root, 'renderer');

/** The entry point sits above the shell: it is the one file outside app/ that may load it. */
const ENTRY = 'main.tsx';
const LIB_MUST_NOT_IMPORT = ['app', 'features', 'components', 'stores'];

/** Top folder of a path relative to renderer/ ('' for files at its root, null if outside). */
function floorOf(relPath: string): string | null {
  if (relPath.startsWith('..')) return null;
  const parts = relPath.split('/');
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

/** Why `from` (relative to renderer/) may not import `target` (relative to renderer/), or null. */
function layerViolation(from: string, target: string): string | null {
  const fromFloor = floorOf(from);
  const toFloor = floorOf(target);
  if (fromFloor === null || toFloor === null) return null;
  if (toFloor === 'app' && fromFloor !== 'app' && from !== ENTRY) {
    return `${from} imports the shell (${target}); move what it needs to renderer/lib/`;
  }
  if (fromFloor === 'lib' && LIB_MUST_NOT_IMPORT.includes(toFloor)) {
    return `${from} (lib) imports ${target}; lib/ must not import ${LIB_MUST_NOT_IMPORT.join(', ')}`;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** Relative module specifiers (static, re-exports, dynamic import()) of one file, resolved against renderer/. */
function relativeImports(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => toPosix(relative(rendererDir, resolve(dirname(file), spec))));
}

describe('renderer floors', () => {
  test('the rule catches a lower floor importing the shell, and lib importing features', () => {
    expect(layerViolation('features/images/ImagesView.tsx', 'app/router')).not.toBeNull();
    expect(layerViolation('components/PageHeader.tsx', 'app/viewActivity')).not.toBeNull();
    expect(layerViolation('lib/router.ts', 'features/images/imagesList')).not.toBeNull();
    expect(layerViolation('lib/theme.ts', 'stores/engineStatus')).not.toBeNull();
    expect(layerViolation('lib/theme.ts', 'components/Spinner')).not.toBeNull();
    expect(layerViolation('features/images/ImagesView.tsx', 'lib/router')).toBeNull();
    expect(layerViolation('app/App.tsx', 'features/containers/store')).toBeNull();
    expect(layerViolation('main.tsx', 'app/mount')).toBeNull();
    expect(layerViolation('lib/router.ts', 'lib/routeHold')).toBeNull();
  });

  test('no file in renderer/ crosses a floor', () => {
    const files = sourceFiles(rendererDir);
    const edges = files.flatMap((file) => {
      const from = toPosix(relative(rendererDir, file));
      return relativeImports(file).map((target) => ({ from, target }));
    });
    // The scan really sees the tree: files in every floor, and imports of lib/ from below.
    expect(files.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.from.startsWith('features/') && e.target.startsWith('lib/'))).toBe(true);
    expect(edges.some((e) => e.from === ENTRY && e.target.startsWith('app/'))).toBe(true);

    const violations = edges.map((e) => layerViolation(e.from, e.target)).filter((v): v is string => v !== null);
    expect(violations).toEqual([]);
  });
});
