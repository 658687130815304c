import { describe, expect, test } from 'vitest';
import {
  containerFilesPath,
  containerPath,
  networkPath,
  parseRoute,
  sectionOf,
  volumeFilesPath,
  volumePath,
} from '../../../renderer/lib/router';

describe('parseRoute', () => {
  test('sections', () => {
    expect(parseRoute('')).toEqual({ name: 'containers' });
    expect(parseRoute('#/')).toEqual({ name: 'containers' });
    expect(parseRoute('#/containers')).toEqual({ name: 'containers' });
    expect(parseRoute('#/images')).toEqual({ name: 'images' });
    expect(parseRoute('#/volumes')).toEqual({ name: 'volumes' });
    expect(parseRoute('#/networks/')).toEqual({ name: 'networks' });
    expect(parseRoute('#/system')).toEqual({ name: 'system' });
    expect(parseRoute('#/events')).toEqual({ name: 'events' });
  });
  test('network page', () => {
    expect(parseRoute('#/networks/abc123')).toEqual({ name: 'network', id: 'abc123' });
    expect(parseRoute(`#${networkPath('my net')}`)).toEqual({ name: 'network', id: 'my net' });
    expect(parseRoute('#/networks/a/b')).toMatchObject({ name: 'notFound' });
    expect(sectionOf({ name: 'network', id: 'a' })).toBe('networks');
    expect(sectionOf({ name: 'system' })).toBe('system');
    expect(sectionOf({ name: 'events' })).toBe('events');
    expect(parseRoute('#/stacks')).toEqual({ name: 'stacks' });
    expect(sectionOf({ name: 'stacks' })).toBe('stacks');
    expect(parseRoute('#/stacks/x')).toMatchObject({ name: 'notFound' });
    expect(parseRoute('#/system/x')).toMatchObject({ name: 'notFound' });
  });
  test('a volume opened from a link', () => {
    expect(parseRoute(`#${volumePath('my-vol.1')}`)).toEqual({ name: 'volumes', inspect: 'my-vol.1' });
    expect(parseRoute('#/volumes?inspect=')).toEqual({ name: 'volumes' });
    expect(parseRoute('#/volumes/x')).toMatchObject({ name: 'notFound' });
  });
  test('container detail and tabs', () => {
    expect(parseRoute('#/containers/abc123')).toEqual({ name: 'container', id: 'abc123', tab: 'overview' });
    expect(parseRoute('#/containers/abc123/inspect')).toEqual({ name: 'container', id: 'abc123', tab: 'inspect' });
    expect(parseRoute('#/containers/my%20name')).toEqual({ name: 'container', id: 'my name', tab: 'overview' });
  });
  test('file browser paths', () => {
    expect(parseRoute(`#${containerFilesPath('abc', { path: '/etc/a b?' })}`)).toEqual({
      name: 'container',
      id: 'abc',
      tab: 'files',
      files: { path: '/etc/a b?' },
    });
    expect(parseRoute('#/containers/abc/files')).toMatchObject({ files: { path: '/' } });
    expect(parseRoute(`#${volumeFilesPath('v1', { path: '/x', b64: 'L3g=' })}`)).toEqual({
      name: 'volumeFiles',
      volume: 'v1',
      files: { path: '/x', b64: 'L3g=' },
    });
    expect(sectionOf({ name: 'volumeFiles', volume: 'v', files: { path: '/' } })).toBe('volumes');
  });
  test('unknown paths', () => {
    expect(parseRoute('#/nope')).toEqual({ name: 'notFound', path: '/nope' });
    expect(parseRoute('#/containers/a/b/c')).toMatchObject({ name: 'notFound' });
    expect(parseRoute('#/images/x')).toMatchObject({ name: 'notFound' });
  });
  test('round trip and sections', () => {
    expect(parseRoute(`#${containerPath('x/y', 'inspect')}`)).toEqual({ name: 'container', id: 'x/y', tab: 'inspect' });
    expect(sectionOf({ name: 'container', id: 'a', tab: 'overview' })).toBe('containers');
    expect(sectionOf({ name: 'images' })).toBe('images');
    expect(sectionOf({ name: 'notFound', path: '/x' })).toBeUndefined();
  });
});
