import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The test registries started by `scripts/registry.sh` (scripts/test.mjs does it): an open one and an
 * htpasswd-protected one, both plain HTTP on loopback (the engine treats 127.0.0.0/8 as insecure).
 */
export interface TestRegistries {
  /** host:port of the open registry, e.g. 127.0.0.1:5000. */
  open: string;
  /** host:port of the htpasswd one, e.g. 127.0.0.1:5001. */
  auth: string;
  user: string;
  password: string;
}

export function requireRegistries(): TestRegistries {
  const open = process.env.BERTH_TEST_REGISTRY;
  const auth = process.env.BERTH_TEST_REGISTRY_AUTH;
  const user = process.env.BERTH_TEST_REGISTRY_USER;
  const password = process.env.BERTH_TEST_REGISTRY_PASSWORD;
  if (!open || !auth || !user || !password) {
    throw new Error(
      'This test needs the test registries (BERTH_TEST_REGISTRY, BERTH_TEST_REGISTRY_AUTH, ' +
        'BERTH_TEST_REGISTRY_USER, BERTH_TEST_REGISTRY_PASSWORD). Run it through `node scripts/test.mjs`, ' +
        'which starts them with scripts/registry.sh.',
    );
  }
  return { open, auth, user, password };
}

/** A fresh DOCKER_CONFIG directory (never the real ~/.docker); remove() deletes it. */
export function tempDockerConfig(): { dir: string; configPath: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
  return { dir, configPath: join(dir, 'config.json'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
