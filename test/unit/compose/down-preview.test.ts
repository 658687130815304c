import { describe, expect, test } from 'vitest';
import { readConfigModel, type ResolvedConfig } from '../../../electron/engine/compose/config';
import { builtImageName, rmiCandidates } from '../../../electron/engine/compose/down-preview';

/** `config` output of docker-compose 1.29.2 for a stack like the chapter's, plus external objects. */
const CONFIG = `networks:
  backend: {}
  front: {}
  shared:
    external: true
    name: corp-net
services:
  store:
    image: busybox:latest
    networks:
      backend:
        aliases:
        - cache
    volumes:
    - data:/data:rw
  web:
    build:
      context: /srv/chapter/web
      dockerfile: Dockerfile
    networks:
      front: {}
  tagged:
    build:
      context: /srv/chapter/api
    image: registry.local/chapter/api:1
  plain:
    image: busybox:latest
  host:
    image: busybox:latest
    network_mode: host
version: '3.9'
volumes:
  data: {}
  backups:
    external: true
`;

function config(text: string): ResolvedConfig {
  return { text, services: [], profiles: [], model: readConfigModel(text) };
}

describe('config model', () => {
  test('services with image/build, networks (default when a service uses it) and volumes, external flagged', () => {
    expect(readConfigModel(CONFIG)).toEqual({
      services: [
        { name: 'store', image: 'busybox:latest', build: false },
        { name: 'web', build: true },
        { name: 'tagged', image: 'registry.local/chapter/api:1', build: true },
        { name: 'plain', image: 'busybox:latest', build: false },
        { name: 'host', image: 'busybox:latest', build: false },
      ],
      networks: [
        { key: 'backend', external: false },
        { key: 'front', external: false },
        { key: 'shared', external: true },
        { key: 'default', external: false },
      ],
      volumes: [
        { key: 'data', external: false },
        { key: 'backups', external: true },
      ],
    });
  });

  test('no default network when every service names its networks; garbage gives an empty model', () => {
    expect(
      readConfigModel('services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n: {}\n').networks.map(
        (n) => n.key,
      ),
    ).toEqual(['n']);
    expect(readConfigModel('::: not yaml [')).toEqual({ services: [], networks: [], volumes: [] });
    expect(readConfigModel('just a string')).toEqual({ services: [], networks: [], volumes: [] });
  });
});

describe('rmi candidates', () => {
  const base = { project: 'chapter', volumes: false, removeOrphans: false, config: config(CONFIG) };
  test('local: built images of services without image: (named per CLI); all: every service’s image once', () => {
    expect(rmiCandidates({ ...base, rmi: 'local', major: 1 })).toEqual(['chapter_web']);
    expect(rmiCandidates({ ...base, rmi: 'local', major: 2 })).toEqual(['chapter-web']);
    expect(rmiCandidates({ ...base, rmi: 'all', major: 1 })).toEqual([
      'busybox:latest',
      'chapter_web',
      'registry.local/chapter/api:1',
    ]);
    expect(rmiCandidates({ ...base, rmi: 'none', major: 1 })).toEqual([]);
    expect(rmiCandidates({ ...base, config: undefined, rmi: 'all', major: 1 })).toEqual([]);
    expect(builtImageName('p', 's', 2)).toBe('p-s');
  });
});
