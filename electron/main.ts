import * as electron from 'electron';
import { join } from 'node:path';
import { contract } from '../shared/contract';
import { devToolsAllowed } from './app/devtools';
import { startApp } from './app/lifecycle';
import { EngineHub } from './engine/engine-hub';
import { sweepOnConnect } from './engine/files/volume-helper';
import { createHandlers } from './handlers';
import { createDispatcher } from './ipc/dispatcher';
import { PodmanService } from './engine/podman-service';
import { SettingsStore } from './settings/store';

/**
 * Electron main process (bundled to dist/electron/main.cjs). The wiring lives in app/lifecycle.ts
 * with Electron injected; this file only supplies the real module, the bundle paths and the engine.
 */

// Read once at launch: `BERTH_DOCKER_HOST` picks the engine (else DOCKER_HOST, the Docker context, ...).
const dockerHostSetting = process.env.BERTH_DOCKER_HOST?.trim();

startApp(electron, {
  // Both relative to this bundle: dist/electron/preload.cjs and dist/renderer/.
  preloadPath: join(__dirname, 'preload.cjs'),
  rendererDir: join(__dirname, '..', 'renderer'),
  platform: process.platform,
  devTools: devToolsAllowed(electron.app.isPackaged, process.env),
  createBackend: (log, app) => {
    const engineLog = (m: string): void => log(`[engine] ${m}`);
    // The app keeps its settings where Electron keeps the user's data (BERTH_CONFIG_DIR still wins).
    // The app keeps its settings where Electron keeps the user's data (BERTH_CONFIG_DIR still wins).
    const configDir = process.env.BERTH_CONFIG_DIR || electron.app.getPath('userData');
    const settings = new SettingsStore(configDir);
    // One Engine per known connection; handlers speak to the current one through the facade. The
    // remembered choice applies unless BERTH_DOCKER_HOST or DOCKER_HOST names an engine.
    const hub = new EngineHub({
      ...(dockerHostSetting ? { setting: dockerHostSetting } : {}),
      settings,
      log: engineLog,
      // Volume helpers left by a crash are swept on every (re)connect of each engine.
      onEngine: (e) => sweepOnConnect(e, engineLog),
    });
    const podman = new PodmanService({ settings, configDir, connect: (h) => hub.connectTo(h), log: engineLog });
    const handlers = createHandlers(hub.facade, { settings, hub, podman, focusWindow: app.focusWindow });
    const dispatcher = createDispatcher(contract, handlers, {
      log: (msg, err) =>
        log(`${msg}${err === undefined ? '' : `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`}`),
    });
    const stop = (): void => {
      void hub.stop();
      // Stops the Podman service Berth started (SIGTERM at once), unless the user keeps it.
      void podman.shutdown();
    };
    return { dispatcher, start: () => hub.start(), stop };
  },
});
