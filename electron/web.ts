import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contract } from '../shared/contract';
import { Engine } from './engine/engine';
import { ContainerListPrefetch } from './engine/list-prefetch';
import { createHandlers } from './handlers';
import { listContainers } from './handlers/containers';
import { createDispatcher } from './ipc/dispatcher';
import { isLoopback, startWebServer } from './ipc/web-server';

/** `npm run web`: serve the UI and the contract to a browser. */

const HELP = `Usage: berth-web [--port <n>] [--host <addr>] [--docker-host <url>]

  --port <n>          port to listen on (default 7878; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1). Anything but loopback exposes your
                      engine to the network and prints a warning.
  --docker-host <url> engine to use (default: DOCKER_HOST, the current Docker context, the default
                      socket, then Podman sockets)

Environment: BERTH_TOKEN fixes the access token (default: random per run); DOCKER_HOST is honoured.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'docker-host': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  // Digits only: Number('') and Number(' 8') would quietly turn typos into a port.
  const port = values.port === undefined ? 7878 : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Invalid --port "${values.port}": use a number from 0 to 65535.`);
    process.exit(2);
  }
  const host = values.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    console.warn(
      `WARNING: binding to ${host} makes Berth — and through it your container engine, which is root on this ` +
        'machine — reachable from the network. Anyone with the token can control every container. ' +
        'Prefer an SSH tunnel to 127.0.0.1.',
    );
  }
  const engine = new Engine({
    ...(values['docker-host'] ? { setting: values['docker-host'] } : {}),
    log: (m) => console.error(`[engine] ${m}`),
  });
  engine.start();
  // The page's first list is started while its scripts load (rate-limited, never exposed directly).
  const prefetch = new ContainerListPrefetch(engine, () => listContainers(engine, true));
  const dispatcher = createDispatcher(contract, createHandlers(engine, { prefetch }));
  const server = await startWebServer({
    dispatcher,
    staticDir: join(__dirname, '..', 'renderer'),
    host,
    port,
    ...(process.env.BERTH_TOKEN ? { token: process.env.BERTH_TOKEN } : {}),
    log: (m) => console.error(`[web] ${m}`),
    onAppShell: () => prefetch.start(),
  });
  console.log(`Berth web UI: ${server.url}`);
  const shutdown = (): void => {
    // The engine first: it ends its ssh processes, if any.
    void engine
      .stop()
      .then(() => server.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error(`Berth web mode failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
