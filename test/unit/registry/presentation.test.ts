import { describe, expect, test } from 'vitest';
import { registryErrorCode, toRegistryError } from '../../../electron/engine/registry-errors';
import {
  formatCreatedBy,
  formatOverall,
  formatPercent,
  historyRows,
  historySummary,
  layerRow,
} from '../../../renderer/presentation/transfer';

describe('layer rows', () => {
  test('downloading: whole-layer percent, bytes of this phase', () => {
    expect(
      layerRow({ id: 'abc', phase: 'downloading', status: 'Downloading', current: 512 * 1024, total: 1024 * 1024 }),
    ).toEqual({
      id: 'abc',
      label: 'Downloading',
      percent: 40,
      bytes: '512 KiB / 1 MiB',
      state: 'active',
    });
  });

  test('waiting, already there, mounted (the engine words kept), pushed', () => {
    expect(layerRow({ id: 'a', phase: 'waiting', status: 'Waiting' })).toMatchObject({
      state: 'waiting',
      percent: 0,
      bytes: '',
    });
    expect(layerRow({ id: 'a', phase: 'exists', status: 'Already exists' })).toMatchObject({
      state: 'done',
      percent: 100,
      label: 'Already exists',
    });
    expect(layerRow({ id: 'a', phase: 'mounted', status: 'Mounted from library/busybox' }).label).toBe(
      'Mounted from library/busybox',
    );
    expect(layerRow({ id: 'a', phase: 'pushed', status: 'Pushed' })).toMatchObject({ state: 'done', label: 'Pushed' });
  });
});

describe('overall figure', () => {
  const o = {
    percent: 99.6,
    currentBytes: 3 * 1024 * 1024,
    totalBytes: 10 * 1024 * 1024,
    layersDone: 2,
    layersTotal: 7,
  };
  test('percent never shows 100 before the end', () => {
    expect(formatPercent(o, false)).toBe('99 %');
    expect(formatPercent(o, true)).toBe('100 %');
  });
  test('bytes and layers', () => {
    expect(formatOverall(o)).toBe('3 MiB of 10 MiB · 2 of 7 layers');
    expect(formatOverall({ ...o, totalBytes: 0 })).toBe('2 of 7 layers');
    expect(formatOverall({ ...o, layersTotal: 0, totalBytes: 0 })).toBe('No layers yet');
  });
});

describe('history', () => {
  test('commands read like a Dockerfile', () => {
    expect(formatCreatedBy('/bin/sh -c #(nop)  CMD ["sh"]')).toBe('CMD ["sh"]');
    expect(formatCreatedBy('/bin/sh -c dd if=/dev/zero of=/x')).toBe('RUN dd if=/dev/zero of=/x');
    expect(formatCreatedBy('RUN /bin/sh -c apk add curl # buildkit')).toBe('RUN /bin/sh -c apk add curl');
    expect(formatCreatedBy('COPY f1 /data/f1 # buildkit')).toBe('COPY f1 /data/f1');
  });

  test('rows and summary: empty steps marked, missing ids named', () => {
    const entries = [
      {
        id: 'sha256:' + 'a'.repeat(64),
        created: 10,
        createdBy: '/bin/sh -c #(nop)  CMD ["sh"]',
        tags: ['x:1'],
        size: 0,
        comment: '',
        empty: true,
      },
      { created: 5, createdBy: '/bin/sh -c echo hi > /f', tags: [], size: 2048, comment: 'made by hand', empty: false },
    ];
    const rows = historyRows(entries);
    expect(rows[0]).toMatchObject({
      command: 'CMD ["sh"]',
      empty: true,
      size: '0 B',
      id: 'aaaaaaaaaaaa',
      tags: ['x:1'],
    });
    expect(rows[1]).toMatchObject({
      command: 'RUN echo hi > /f',
      empty: false,
      size: '2 KiB',
      id: '<missing>',
      comment: 'made by hand',
    });
    expect(historySummary(entries)).toBe('1 layer, 1 empty step, 2 KiB');
  });
});

describe('registry error codes', () => {
  test('not found vs unauthorized from the registry words', () => {
    expect(registryErrorCode('manifest for 127.0.0.1:5000/nope:1 not found: manifest unknown: manifest unknown')).toBe(
      'NOT_FOUND',
    );
    expect(registryErrorCode('Head "http://127.0.0.1:5001/v2/x/manifests/1": no basic auth credentials')).toBe(
      'UNAUTHORIZED',
    );
    expect(registryErrorCode('unauthorized: authentication required')).toBe('UNAUTHORIZED');
    expect(
      registryErrorCode("pull access denied for nope, repository does not exist or may require 'docker login'"),
    ).toBe('UNAUTHORIZED');
    expect(registryErrorCode('dial tcp: connection refused')).toBeUndefined();
  });

  test('an engine 500 with a registry reason gets the registry code and names the registry', () => {
    const e = toRegistryError(
      { statusCode: 500, json: { message: 'unauthorized: authentication required' } },
      'ghcr.io',
    );
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.details).toMatchObject({ registry: 'ghcr.io', statusCode: 500 });
    const nf = toRegistryError({ statusCode: 404, json: { message: 'manifest unknown' } }, 'x');
    expect(nf.code).toBe('NOT_FOUND');
    expect(toRegistryError({ name: 'AbortError' }, 'x').code).toBe('CANCELLED');
  });
});
