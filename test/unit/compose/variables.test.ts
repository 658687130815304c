import { describe, expect, test } from 'vitest';
import { resolveVariables, scanVariables } from '../../../electron/engine/compose/variables';

describe('scanVariables', () => {
  test('every interpolation form, $$ skipped', () => {
    const text = [
      'services:',
      '  web:',
      '    image: ${IMAGE}',
      '    ports: ["${PORT:-8080}:80", "${ADMIN-9090}:90"]',
      '    environment:',
      '      TOKEN: ${TOKEN:?set TOKEN first}',
      '      SECRET: ${SECRET?no secret}',
      '      HOME_DIR: $HOME_DIR/data',
      '      LITERAL: $$NOT_A_VAR and $${ALSO_NOT}',
      '      ALT: ${FLAG:+on}',
    ].join('\n');
    expect(scanVariables(text)).toEqual([
      { name: 'IMAGE', required: false },
      { name: 'PORT', required: false, defaultValue: '8080' },
      { name: 'ADMIN', required: false, defaultValue: '9090' },
      { name: 'TOKEN', required: true },
      { name: 'SECRET', required: true },
      { name: 'HOME_DIR', required: false },
      { name: 'FLAG', required: false },
    ]);
  });

  test('a default using another variable, an empty default, comments and stray dollars', () => {
    const text = '# ${IN_COMMENT}\nx: ${A:-${B:-b}} ${EMPTY:-} $ 5$ $1 ${unclosed';
    expect(scanVariables(text)).toEqual([
      { name: 'A', required: false, defaultValue: '${B:-b}' },
      { name: 'B', required: false, defaultValue: 'b' },
      { name: 'EMPTY', required: false, defaultValue: '' },
    ]);
  });
});

describe('resolveVariables', () => {
  const files = [
    { path: '/app/a.yml', text: 'x: ${PORT:-80} ${TAG} ${ONLY_FILE} ${NOWHERE:?needed}' },
    { path: '/app/b.yml', text: 'y: ${PORT} $TAG' },
  ];

  test('the environment wins over the env file; one entry per name with the files using it', () => {
    const vars = resolveVariables(files, { TAG: 'from-env', PORT: '81' }, { TAG: 'from-file', ONLY_FILE: 'f' });
    expect(vars).toEqual([
      {
        name: 'PORT',
        required: false,
        defaultValue: '80',
        value: '81',
        source: 'environment',
        files: ['/app/a.yml', '/app/b.yml'],
      },
      { name: 'TAG', required: false, value: 'from-env', source: 'environment', files: ['/app/a.yml', '/app/b.yml'] },
      { name: 'ONLY_FILE', required: false, value: 'f', source: 'env-file', files: ['/app/a.yml'] },
      { name: 'NOWHERE', required: true, source: 'unset', files: ['/app/a.yml'] },
    ]);
  });

  test('an empty value set in the environment is a value, not unset', () => {
    expect(resolveVariables([{ path: '/a', text: '${X}' }], { X: '' }, { X: 'file' })[0]).toMatchObject({
      value: '',
      source: 'environment',
    });
  });
});
