import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A unix-socket proxy in front of the engine socket that a test controls: point an Engine at
 * `unix://<proxy.path>` and call `cutAll()` to drop every proxied connection at once (as if the
 * daemon restarted or the network blinked), or `pause()` to refuse new connections.
 */
export interface SocketProxy {
  /** Filesystem path of the proxy's socket. */
  path: string;
  /** `unix://` URL of the proxy, for an Engine `setting`. */
  url: string;
  /** Connections currently open through the proxy. */
  readonly active: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /**
   * Every HTTP request line the engine received through the proxy, as `METHOD /path?query`, in
   * order (the API version prefix kept). Lets a test prove what reached the engine, or that nothing did.
   */
  readonly requests: readonly string[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Destroys every open client and upstream connection. */
  cutAll(): void;
  /** While paused, new connections are closed at once (engine "down"). */
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startSocketProxy(targetSocketPath: string): Promise<SocketProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
  const path = join(dir, 'proxy.sock');
  const pairs = new Set<[Socket, Socket]>();
  let accepted = 0;
  let paused = false;
  let requests: string[] = [];
  // Request lines: `GET /v1.47/containers/json HTTP/1.1`. On a kept-alive connection the next one
  // follows a POST's JSON body directly (no line break), so it is not anchored to a line start. A
  // body could hold such a line too; tests that read this send nothing of the kind.
  const requestLine = /(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS) (\/\S*) HTTP\/1\.[01]\r\n/g;

  const server = createServer((client) => {
    accepted++;
    if (paused) {
      client.destroy();
      return;
    }
    const upstream = connect(targetSocketPath);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    let carry = '';
    client.on('data', (chunk: Buffer) => {
      // Keep a short tail so a request line split across two chunks is still seen.
      const text = carry + chunk.toString('latin1');
      for (const m of text.matchAll(requestLine)) requests.push(`${m[1]} ${m[2]}`);
      const lastBreak = text.lastIndexOf('\r\n');
      carry = text.slice(lastBreak >= 0 ? lastBreak : Math.max(0, text.length - 4096)).slice(-4096);
    });
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const cutAll = (): void => {
    for (const [a, b] of [...pairs]) {
      a.destroy();
      b.destroy();
    }
    pairs.clear();
  };

  return {
    path,
    url: `unix://${path}`,
    get active() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    get requests() {
      return requests;
    },
    clearRequests: () => {
      requests = [];
    },
    cutAll,
    pause: () => {
      paused = true;
    },
    resume: () => {
      paused = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
