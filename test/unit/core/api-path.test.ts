import { describe, expect, test } from 'vitest';
import { containerPath, imagePath, pathSegment } from '../../../electron/engine/api-path';

/** What each kind of name becomes in an engine path (the real engine's reading is in test/integration/handlers/paths.test.ts). */
describe('engine path segments', () => {
  test('a segment escapes everything a URL reads as syntax, "/" and "." runs included', () => {
    expect(pathSegment('abc/archive?path=/etc/shadow&')).toBe('abc%2Farchive%3Fpath%3D%2Fetc%2Fshadow%26');
    expect(pathSegment('v?force=true&')).toBe('v%3Fforce%3Dtrue%26');
    expect(pathSegment('a#b%c d\n')).toBe('a%23b%25c%20d%0A');
    expect(pathSegment('my net:ü')).toBe('my%20net%3A%C3%BC');
    expect(pathSegment('web-1.a_b')).toBe('web-1.a_b');
  });

  test('a container drops the leading "/" the engine lists names with', () => {
    expect(containerPath('/web-1')).toBe('web-1');
    expect(containerPath('web-1')).toBe('web-1');
    expect(containerPath('//x')).toBe('%2Fx');
  });

  test('an image keeps "/", ":" and "@" and escapes the rest of each part', () => {
    expect(imagePath('127.0.0.1:5000/team/app:v1')).toBe('127.0.0.1:5000/team/app:v1');
    expect(imagePath(`busybox@sha256:${'a'.repeat(64)}`)).toBe(`busybox@sha256:${'a'.repeat(64)}`);
    expect(imagePath('busybox?force=1#x')).toBe('busybox%3Fforce%3D1%23x');
    expect(imagePath('a%2Fb/c d')).toBe('a%252Fb/c%20d');
  });
});
