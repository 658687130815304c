import { execFile } from 'node:child_process';
import { request } from 'node:http';

/**
 * The test Podman service (scripts/podman.sh, started by scripts/test.mjs): its socket from
 * BERTH_TEST_PODMAN_HOST, its CLI (`podman --url`) and raw GETs on its Docker-compatible API.
 */

/** `unix://…/podman.sock`, or undefined when the run has no Podman (the tests then skip). */
export const PODMAN_HOST = process.env.BERTH_TEST_PODMAN_HOST || undefined;

function host(): string {
  if (!PODMAN_HOST) throw new Error('BERTH_TEST_PODMAN_HOST is not set');
  return PODMAN_HOST;
}

/** Runs `podman --url <host> …`; throws with its stderr on a non-zero exit unless allowFail. */
export function podman(args: string[], opts: { allowFail?: boolean } = {}): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile('podman', ['--url', host(), ...args], { timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      if (code !== 0 && !opts.allowFail) reject(new Error(`podman ${args.join(' ')} failed: ${stderr.trim()}`));
      else resolve({ stdout, code });
    });
  });
}

export async function podmanJson<T>(args: string[]): Promise<T> {
  return JSON.parse((await podman(args)).stdout) as T;
}

/** True when `podman <kind> exists <name>` says so. */
export async function podmanExists(kind: 'container' | 'network' | 'volume', name: string): Promise<boolean> {
  return (await podman([kind, 'exists', name], { allowFail: true })).code === 0;
}

/** GET on the service's Docker-compatible API (e.g. '/v1.41/system/df'), parsed as JSON. */
export function podmanApi<T>(path: string): Promise<T> {
  const socketPath = host().replace(/^unix:\/\//, '');
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: 'GET', timeout: 60_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`GET ${path}: ${res.statusCode} ${body}`));
        else resolve(JSON.parse(body) as T);
      });
    });
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.end();
  });
}
