import { describe, expect, test } from 'vitest';
import { ImageChange, ImageRefInput, HostPath } from '../../../shared/contracts/archive';
import { parseImageRef } from '../../../shared/image-ref';
import { loadedImages } from '../../../electron/handlers/archive';
import { planPrune, type PlanImage } from '../../../electron/engine/prune-plan';
import { parseChanges, refError } from '../../../renderer/presentation/changes';
import { candidateLabel, ownReclaim, progressFraction, reclaimOf } from '../../../renderer/presentation/prune';

function img(id: string, layers: string[], size: number, extra: Partial<PlanImage> = {}): PlanImage {
  return { id, parentId: '', repoTags: [], created: 1, size, layers, ...extra };
}

describe('parseImageRef', () => {
  test.each([
    ['myapp', 'myapp', 'latest'],
    ['myapp:1.0', 'myapp', '1.0'],
    ['team/app:snap_2', 'team/app', 'snap_2'],
    ['localhost:5000/app', 'localhost:5000/app', 'latest'],
    ['registry.example.com:443/a/b-c.d__e:v1', 'registry.example.com:443/a/b-c.d__e', 'v1'],
  ])('%s → %s : %s', (input, repository, tag) => {
    expect(parseImageRef(input)).toEqual({ ok: true, ref: { repository, tag } });
  });

  test.each([
    '',
    'My App',
    'UPPER:1',
    'app:',
    'app:-x',
    'a//b',
    'app@sha256:abc',
    '-app',
    'app-',
    'app:' + 'x'.repeat(129),
  ])('%j is refused with a reason', (input) => {
    const r = parseImageRef(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
  });

  test('the contract schemas use it, and reject relative paths and non-instructions', () => {
    expect(ImageRefInput.safeParse('Bad Name').success).toBe(false);
    expect(ImageRefInput.safeParse('good/name:1').success).toBe(true);
    expect(HostPath.safeParse('relative.tar').success).toBe(false);
    expect(HostPath.safeParse('/tmp/x.tar').success).toBe(true);
    expect(HostPath.safeParse('C:\\Users\\me\\x.tar').success).toBe(true);
    expect(ImageChange.safeParse('CMD ["sh"]').success).toBe(true);
    expect(ImageChange.safeParse('RUN rm -rf /').success).toBe(false);
  });
});

describe('parseChanges / refError', () => {
  test('one instruction per non-empty line; the first bad line is named', () => {
    expect(parseChanges('CMD ["sh"]\n\n  ENV A=1  \n')).toEqual({ ok: true, changes: ['CMD ["sh"]', 'ENV A=1'] });
    const bad = parseChanges('ENV A=1\nRUN apt-get update');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toContain('Line 2');
    expect(parseChanges('')).toEqual({ ok: true, changes: [] });
  });
  test('empty reference is fine unless required', () => {
    expect(refError('')).toBeUndefined();
    expect(refError('', true)).toMatch(/Enter a repository/);
    expect(refError('Nope Nope')).toMatch(/invalid reference format/);
  });
});

describe('loadedImages', () => {
  test('reads tags and ids from the engine output, once each', () => {
    expect(
      loadedImages([
        { stream: 'Loaded image: busybox:latest\n' },
        { stream: 'Loaded image: app:v2\nLoaded image ID: sha256:abc\n' },
        { stream: 'Loaded image: busybox:latest\n' },
        { status: 'noise' },
      ]),
    ).toEqual(['busybox:latest', 'app:v2', 'sha256:abc']);
  });
});

describe('planPrune', () => {
  // base (tagged) ← a (dangling, commit of a container of base) ; c is an unrelated dangling image.
  const base = img('base', ['L1'], 1000, { repoTags: ['busybox:latest'] });
  const a = img('a', ['L1', 'L2'], 1500, { parentId: 'base' });
  const c = img('c', ['X1'], 700);

  test('dangling: untagged, unused, childless; frees its own layers only', () => {
    const plan = planPrune([base, a, c], new Set(), false).candidates;
    expect(plan.map((p) => [p.id, p.reclaim])).toEqual([
      ['a', 500],
      ['c', 700],
    ]);
  });

  test('an image a container uses, and parents of other images, are never candidates', () => {
    const plan = planPrune([base, a, c], new Set(['c']), true).candidates;
    // base is a's parent, c is used: only a.
    expect(plan.map((p) => p.id)).toEqual(['a']);
  });

  test('all unused includes tagged images; "<none>:<none>" counts as untagged', () => {
    const t = img('t', ['T1'], 300, { repoTags: ['app:v1'] });
    const n = img('n', ['N1'], 200, { repoTags: ['<none>:<none>'] });
    expect(planPrune([t, n], new Set(), false).candidates.map((p) => p.id)).toEqual(['n']);
    expect(planPrune([t, n], new Set(), true).candidates.map((p) => p.id)).toEqual(['t', 'n']);
  });

  test('layers shared without a parent link: a kept image on top frees nothing; a candidate on top is a dependent', () => {
    const lower = img('lower', ['S1'], 400);
    const upper = img('upper', ['S1', 'S2'], 900, { repoTags: ['kept:1'] });
    const [lowerPlan] = planPrune([lower, upper], new Set(), false).candidates;
    expect(lowerPlan).toMatchObject({ id: 'lower', reclaim: 0, dependents: [] });

    const upperDangling = img('upper', ['S1', 'S2'], 900);
    const plan = planPrune([lower, upperDangling], new Set(), false).candidates;
    const lp = plan.find((p) => p.id === 'lower');
    const up = plan.find((p) => p.id === 'upper');
    expect(lp).toMatchObject({ reclaim: 400, dependents: ['upper'] });
    expect(up).toMatchObject({ reclaim: 500, dependents: [] });
    // Deleting both frees everything; only the lower one frees nothing while the upper one stays.
    expect(reclaimOf(plan, new Set(['lower', 'upper']))).toBe(900);
    expect(reclaimOf(plan, new Set(['upper']))).toBe(500);
    expect(reclaimOf(plan, new Set(['lower']))).toBe(0);
  });

  test('an untagged intermediate parent goes with its child: deleting the child frees its layers too', () => {
    const inter = img('inter', ['B1', 'I1'], 600);
    const child = img('child', ['B1', 'I1', 'C1'], 800, { parentId: 'inter' });
    const b = img('b', ['B1'], 100, { repoTags: ['base:1'] });
    const { candidates, shared } = planPrune([b, inter, child], new Set(), false);
    expect(candidates.map((p) => [p.id, p.reclaim])).toEqual([['child', 200]]);
    expect(shared).toEqual([{ id: 'inter', reclaim: 500, requires: ['child'] }]);
    expect(reclaimOf(candidates, new Set(['child']), shared)).toBe(700);
    expect(ownReclaim(candidates[0]!, shared)).toBe(700);
  });

  test('a parent shared by two candidates is counted once, and only when both go', () => {
    const b = img('b', ['B1'], 100, { repoTags: ['base:1'] });
    const inter = img('inter', ['B1', 'I1'], 600);
    const x = img('x', ['B1', 'I1', 'X1'], 800, { parentId: 'inter' });
    const y = img('y', ['B1', 'I1', 'Y1'], 700, { parentId: 'inter' });
    const { candidates, shared } = planPrune([b, inter, x, y], new Set(), false);
    expect(candidates.map((p) => [p.id, p.reclaim])).toEqual([
      ['x', 200],
      ['y', 100],
    ]);
    expect(shared).toEqual([{ id: 'inter', reclaim: 500, requires: ['x', 'y'] }]);
    // Both: their own layers and the parent's, once (what the engine frees: 800 - 100 + 700 - 600).
    expect(reclaimOf(candidates, new Set(['x', 'y']), shared)).toBe(800);
    // One of them: the parent stays for the other.
    expect(reclaimOf(candidates, new Set(['x']), shared)).toBe(200);
    expect(ownReclaim(candidates[0]!, shared)).toBe(200);
    // A kept image on the parent keeps it: no shared amount at all.
    const kept = img('y', ['B1', 'I1', 'Y1'], 700, { parentId: 'inter', repoTags: ['app:1'] });
    expect(planPrune([b, inter, x, kept], new Set(), false).shared).toEqual([]);
    // Nor when a container uses the parent itself.
    expect(planPrune([b, inter, x, y], new Set(['inter']), false).shared).toEqual([]);
  });

  test('two images with the same layers: one counts as built on the other, no double count', () => {
    const x = img('x1', ['E1'], 500);
    const y = img('x2', ['E1'], 500);
    const plan = planPrune([x, y], new Set(), false).candidates;
    expect(reclaimOf(plan, new Set(['x1', 'x2']))).toBe(500);
  });
});

describe('prune presentation', () => {
  test('labels and progress fractions', () => {
    expect(candidateLabel({ id: 'sha256:0123456789abcdef', repoTags: [] })).toBe('<none> 0123456789ab');
    expect(candidateLabel({ id: 'sha256:0', repoTags: ['a:1', 'b:2'] })).toBe('a:1, b:2');
    expect(progressFraction(50, 100, false)).toBe(0.5);
    expect(progressFraction(150, 100, false)).toBe(0.99);
    expect(progressFraction(150, 100, true)).toBe(1);
    expect(progressFraction(10, undefined, false)).toBeUndefined();
  });
});
