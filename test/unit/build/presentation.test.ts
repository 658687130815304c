import { describe, expect, test } from 'vitest';
import {
  applyBuildFrames,
  buildHeadline,
  buildPercent,
  classifyLine,
  collapseCarriageReturns,
  EMPTY_BUILD_FORM,
  emptyBuild,
  failingStepLines,
  failureHint,
  formatElapsed,
  MAX_BUILD_LINES,
  parseStep,
  rowsToRecord,
  runningPhase,
  shortImageId,
  toBuildArgs,
  validateBuildForm,
} from '../../../renderer/presentation/build';
import { formatBytes } from '../../../renderer/presentation/format';
import { imageTagError, keyError, targetError } from '../../../shared/models/build';

describe('build output', () => {
  test('parseStep reads the classic builder’s step headers', () => {
    expect(parseStep('Step 3/7 : RUN make -j4')).toEqual({ index: 3, total: 7, instruction: 'RUN make -j4' });
    expect(parseStep(' ---> Running in 1a2b')).toBeUndefined();
    expect(parseStep('Step 3 of 7')).toBeUndefined();
  });

  test('a line redrawn with \\r shows its last draw', () => {
    expect(collapseCarriageReturns('10%\r50%\r100%')).toBe('100%');
    expect(collapseCarriageReturns('done\r')).toBe('done');
    expect(collapseCarriageReturns('plain')).toBe('plain');
  });

  test('lines are classified as step headers, builder notes and output', () => {
    expect(classifyLine('Step 1/2 : FROM busybox')).toBe('step');
    expect(classifyLine(' ---> 1127d5c34b7d')).toBe('meta');
    expect(classifyLine('Removing intermediate container 90860685a14a')).toBe('meta');
    expect(classifyLine('Successfully tagged app:1')).toBe('meta');
    expect(classifyLine('hello from RUN')).toBe('output');
  });

  test('frames build the state: upload, steps, lines per step, result; progress and headline follow', () => {
    const s = emptyBuild();
    applyBuildFrames(s, [{ kind: 'context', sentBytes: 512, totalBytes: 2048, files: 3, done: false }]);
    expect(runningPhase(s)).toBe('context');
    expect(buildPercent(s, 'context')).toBe(1);
    expect(buildHeadline(s, 'context', formatBytes)).toBe('Sending the build context: 512 B of 2 KiB (3 files)');

    applyBuildFrames(s, [
      { kind: 'context', sentBytes: 2048, totalBytes: 2048, files: 3, done: true },
      { kind: 'output', lines: ['Step 1/4 : FROM busybox', '', ' ---> 1127d5c34b7d'] },
      { kind: 'output', lines: ['Step 2/4 : RUN echo hi', '', ' ---> Running in abc', 'hi'] },
    ]);
    expect(runningPhase(s)).toBe('building');
    // The bare "\n" after each header is not a line of its own.
    expect(s.lines.map((l) => [l.text, l.kind, l.step])).toEqual([
      ['Step 1/4 : FROM busybox', 'step', 1],
      [' ---> 1127d5c34b7d', 'meta', 1],
      ['Step 2/4 : RUN echo hi', 'step', 2],
      [' ---> Running in abc', 'meta', 2],
      ['hi', 'output', 2],
    ]);
    expect(buildPercent(s, 'building')).toBe(25);
    expect(buildHeadline(s, 'building', formatBytes)).toBe('Step 2 of 4: RUN echo hi');
    expect([...failingStepLines(s)]).toEqual([s.lines[2]!.id, s.lines[3]!.id, s.lines[4]!.id]);
    expect(buildHeadline(s, 'failed', formatBytes)).toBe('Failed at step 2 of 4: RUN echo hi');

    applyBuildFrames(s, [{ kind: 'built', imageId: 'sha256:0123456789abcdef0123', tags: ['app:1', 'app:latest'] }]);
    expect(buildPercent(s, 'built')).toBe(100);
    expect(buildHeadline(s, 'built', formatBytes)).toBe('Built 0123456789ab · app:1, app:latest');
  });

  test('pull status frames become lines', () => {
    const s = applyBuildFrames(emptyBuild(), [
      { kind: 'status', status: 'Pulling from library/busybox', id: 'latest' },
      { kind: 'status', status: 'Downloading', id: 'a1b2', progress: '[==>   ] 1MB/4MB' },
    ]);
    expect(s.lines.map((l) => l.text)).toEqual([
      'latest Pulling from library/busybox',
      'a1b2 Downloading [==>   ] 1MB/4MB',
    ]);
  });

  test('memory stays bounded: old lines are dropped, the count is kept', () => {
    const s = emptyBuild();
    const lines = Array.from({ length: MAX_BUILD_LINES + 250 }, (_, i) => `line ${i}`);
    applyBuildFrames(s, [{ kind: 'output', lines }]);
    expect(s.lines).toHaveLength(MAX_BUILD_LINES);
    expect(s.dropped).toBe(250);
    expect(s.lines.at(-1)?.text).toBe(`line ${MAX_BUILD_LINES + 249}`);
  });

  test('progress never claims done before the end and never goes back to 0 mid-build', () => {
    const s = applyBuildFrames(emptyBuild(), [{ kind: 'output', lines: ['Step 1/3 : FROM busybox'] }]);
    expect(buildPercent(s, 'building')).toBe(5);
    applyBuildFrames(s, [{ kind: 'output', lines: ['Step 3/3 : RUN x'] }]);
    expect(buildPercent(s, 'building')).toBe(67);
    expect(shortImageId('sha256:abcdef0123456789')).toBe('abcdef012345');
  });

  test('elapsed time', () => {
    expect(formatElapsed(850)).toBe('0.8 s');
    expect(formatElapsed(12_400)).toBe('12 s');
    expect(formatElapsed(185_000)).toBe('3:05');
    expect(formatElapsed(3_723_000)).toBe('1:02:03');
  });

  test('failure hints: offline pull, missing base image, COPY of an excluded file', () => {
    const offline =
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host';
    expect(failureHint(offline, { pull: true })).toMatch(/Turn off “Always pull base images”/);
    expect(failureHint(offline, { pull: false })).toMatch(/not on this engine/);
    expect(
      failureHint(
        'COPY failed: file not found in build context or excluded by .dockerignore: stat x: file does not exist',
        {
          pull: false,
        },
      ),
    ).toMatch(/\.dockerignore leaves it out/);
    expect(failureHint("The command '/bin/sh -c exit 3' returned a non-zero code: 3", { pull: false })).toBeUndefined();
  });

  test('rowsToRecord skips blank keys and trims them', () => {
    expect(
      rowsToRecord([
        { key: ' A ', value: '1' },
        { key: '', value: 'ignored' },
        { key: 'B', value: '' },
      ]),
    ).toEqual({ A: '1', B: '' });
  });
});

describe('build input rules', () => {
  test('image tags follow the reference grammar', () => {
    for (const ok of [
      'app',
      'app:1.0',
      'my-org/app_x:latest',
      'localhost:5000/a/b:v2',
      'registry.example.com/x',
      'a__b',
      'a--b',
    ])
      expect(imageTagError(ok), ok).toBeUndefined();
    expect(imageTagError('')).toMatch(/Enter a name/);
    expect(imageTagError('App:1')).toMatch(/lowercase/);
    expect(imageTagError('app:')).toMatch(/empty/);
    expect(imageTagError('app:-x')).toMatch(/cannot start/);
    expect(imageTagError('app@sha256:abc')).toMatch(/digest/);
    expect(imageTagError('a b')).toMatch(/spaces/);
    expect(imageTagError(' app')).toMatch(/spaces around/);
    expect(imageTagError('a..b')).toMatch(/separators/);
    expect(imageTagError('-app')).toMatch(/separators/);
    expect(imageTagError(`${'a'.repeat(256)}:1`)).toMatch(/longer than 255/);
    expect(imageTagError('app:1:2')).toBeDefined();
  });

  test('build-arg names and targets', () => {
    expect(keyError('HTTP_PROXY')).toBeUndefined();
    expect(keyError('A=B')).toMatch(/"="/);
    expect(keyError('')).toMatch(/Enter/);
    expect(targetError('')).toBeUndefined();
    expect(targetError('build-stage.1')).toBeUndefined();
    expect(targetError('1stage')).toMatch(/starts with a letter/);
  });
});

describe('build form', () => {
  test('errors are keyed by the field they belong to; blank rows are ignored', () => {
    expect(validateBuildForm(EMPTY_BUILD_FORM)).toEqual({ context: 'Choose the folder to build from' });
    const errors = validateBuildForm({
      ...EMPTY_BUILD_FORM,
      context: '/src/app',
      tags: ['ok:1', '', 'Bad:1', ' spaced:2 '],
      buildArgs: [
        { key: 'GOOD', value: '1' },
        { key: '', value: '' },
        { key: 'A B', value: 'x' },
      ],
      labels: [{ key: '', value: 'orphan value' }],
      target: '9lives',
    });
    expect(Object.keys(errors).sort()).toEqual(['arg-2', 'label-0', 'tag-2', 'target']);
    expect(errors['tag-2']).toMatch(/lowercase/);
    expect(errors['label-0']).toMatch(/Enter a label key/);
  });

  test('toBuildArgs trims and drops blanks', () => {
    expect(
      toBuildArgs({
        ...EMPTY_BUILD_FORM,
        context: ' /src/app ',
        tags: [' app:1 ', ''],
        buildArgs: [{ key: ' V ', value: ' keep spaces ' }],
        labels: [{ key: 'team', value: 'x' }],
        noCache: true,
      }),
    ).toEqual({
      context: '/src/app',
      dockerfile: '',
      tags: ['app:1'],
      buildArgs: { V: ' keep spaces ' },
      labels: { team: 'x' },
      target: '',
      noCache: true,
      pull: false,
    });
  });
});
