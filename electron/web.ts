import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { contract } from '../shared/contract';
import { EngineHub } from './engine/engine-hub';
import { sweepOnConnect } from './engine/files/volume-helper';
import { ContainerListPrefetch } from './engine/list-prefetch';
import { createHandlers } from './handlers';
import { listContainers } from './engine/containers';
import { createDispatcher } from './ipc/dispatcher';
import { PodmanService } from './engine/podman-service';
import { defaultSettingsDir, SettingsStore } from './settings/store';
import { isLoopback, startWebServer, type TlsFiles } from './ipc/web-server';

/** `npm run web`: serve the UI and the contract to a browser. */

const HELP = `Usage: berth-web [--port <n>] [--host <addr>] [--tls-cert <pem> --tls-key <pem>] [--insecure]
                 [--docker-host <url>]

  --port <n>          port to listen on (default 7878; 0 = any free port)
  --host <addr>       address to bind (default 127.0.0.1). Anything but loopback exposes your
                      engine to the network: it needs --tls-cert/--tls-key (or --insecure).
  --tls-cert <pem>    serve HTTPS and WSS with this certificate (chain); needs --tls-key
  --tls-key <pem>     the certificate's private key; needs --tls-cert
  --insecure          allow a non-loopback --host without TLS (token and traffic in clear)
  --docker-host <url> engine to use (default: the engine chosen last in the switcher, else DOCKER_HOST,
                      the current Docker context, the default socket, then Podman sockets)

Environment: BERTH_TOKEN fixes the access token (32–256 letters, digits, "-" or "_"; default: random
per run); BERTH_DOCKER_HOST is --docker-host; DOCKER_HOST is honoured and, like them, wins over the
engine remembered from the switcher. BERTH_CONFIG_DIR: where settings.json lives.`;

function usageError(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Reads the PEM pair named by --tls-cert/--tls-key: both or neither, each readable. */
function readTls(certPath: string | undefined, keyPath: string | undefined): TlsFiles | undefined {
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined) usageError('--tls-cert and --tls-key go together: give both.');
  const read = (flag: string, path: string): string => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      usageError(`Cannot read ${flag} ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!text.includes('-----BEGIN ')) usageError(`${flag} ${path} is not a PEM file (no "-----BEGIN" line).`);
    return text;
  };
  return { cert: read('--tls-cert', certPath), key: read('--tls-key', keyPath) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'docker-host': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      insecure: { type: 'boolean' },
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
  const tls = readTls(values['tls-cert'], values['tls-key']);
  const insecure = values.insecure === true;
  if (!isLoopback(host)) {
    if (!tls && !insecure) {
      usageError(
        `Refusing to bind ${host} without TLS: the token and all traffic would cross the network unencrypted. ` +
          'Give --tls-cert and --tls-key, use an SSH tunnel to 127.0.0.1, or add --insecure to accept the risk.',
      );
    }
    console.warn(
      `WARNING: binding to ${host} makes Berth — and through it your container engine, which is root on this ` +
        'machine — reachable from the network. Anyone with the token can control every container. ' +
        (tls
          ? 'Prefer an SSH tunnel to 127.0.0.1.'
          : 'The traffic is UNENCRYPTED (--insecure): anyone on the path can read the token and take over. ' +
            'Use --tls-cert/--tls-key or an SSH tunnel to 127.0.0.1.'),
    );
  }
  const engineLog = (m: string): void => console.error(`[engine] ${m}`);
  const settings = new SettingsStore();
  // One Engine per known connection; handlers speak to the current one through the facade. The
  // remembered choice applies unless --docker-host / BERTH_DOCKER_HOST / DOCKER_HOST names one.
  const hub = new EngineHub({
    setting: values['docker-host'] || process.env.BERTH_DOCKER_HOST?.trim() || undefined,
    settings,
    log: engineLog,
    // Volume helpers left by a crash are swept on every (re)connect of each engine.
    onEngine: (e) => sweepOnConnect(e, engineLog),
  });
  const engine = hub.facade;
  hub.start();
  // The page's first list is started while its scripts load (rate-limited, never exposed directly).
  const prefetch = new ContainerListPrefetch(engine, async () => listContainers(await engine.docker(), true));
  const podman = new PodmanService({
    settings,
    configDir: defaultSettingsDir(),
    connect: (h) => hub.connectTo(h),
    log: (m) => console.error(`[podman] ${m}`),
  });
  const dispatcher = createDispatcher(contract, createHandlers(engine, { prefetch, settings, hub, podman }));
  const server = await startWebServer({
    dispatcher,
    staticDir: join(__dirname, '..', 'renderer'),
    host,
    port,
    ...(tls ? { tls } : {}),
    insecure,
    ...(process.env.BERTH_TOKEN ? { token: process.env.BERTH_TOKEN } : {}),
    log: (m) => console.error(`[web] ${m}`),
    onAppShell: () => prefetch.start(),
  });
  console.log(`Berth web UI: ${server.url}`);
  const shutdown = (): void => {
    // The engines first: they end their ssh processes, if any. Then the Podman service Berth started.
    void hub
      .stop()
      .then(() => podman.shutdown())
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
