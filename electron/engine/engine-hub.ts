import { randomUUID } from 'node:crypto';
import type { AddEngineInput, EngineBinding, EngineEntry, EngineProbe } from '../../shared/contracts/engines';
import { BerthError } from '../../shared/errors';
import type { EngineEvent, EngineStatus } from '../../shared/models';
import type { SettingsStore } from '../settings/store';
import {
  connectionEnvFor,
  DEFAULT_ENGINE_ID,
  defaultDiscoveryEnv,
  discoverEngines,
  type AddedEngine,
  type DiscoveryEnv,
  type EngineSpec,
} from './discovery';
import { Engine } from './engine';
import type { EngineApi } from './engine-api';
import { parseEnginesSettings, serializeEnginesSettings, SETTINGS_KEY } from './engines-settings';

/**
 * One `Engine` per known connection (made when first needed, stopped when removed or at quit), the
 * current choice, and `facade`: an EngineApi that always speaks to the current engine and re-emits
 * its status and events, so handlers written for one engine follow every switch unchanged.
 */

export interface EngineSwitch {
  from: EngineSpec;
  to: EngineSpec;
  generation: number;
}

export interface EngineHubOptions {
  /** --docker-host / BERTH_DOCKER_HOST. */
  setting?: string | undefined;
  discoveryEnv?: DiscoveryEnv;
  settings?: SettingsStore | undefined;
  log?: (msg: string) => void;
  /** Per probe and per connection attempt (default 5 s). */
  timeoutMs?: number;
  /** Runs for every engine made (e.g. the volume-helper sweep); returns its undo. */
  onEngine?: (engine: Engine, spec: EngineSpec) => () => void;
}

interface Held {
  engine: Engine;
  spec: EngineSpec;
  undo: () => void;
}

const CONNECTING: EngineStatus = { state: 'connecting', tried: [] };

export class EngineHub {
  readonly facade: EngineApi;
  /** Resolves once the remembered choice is read and the current engine exists. */
  readonly ready: Promise<void>;
  private readonly env: DiscoveryEnv;
  private readonly timeoutMs: number;
  private readonly held = new Map<string, Held>();
  private readonly statusListeners = new Set<(s: EngineStatus) => void>();
  private readonly eventListeners = new Set<(e: EngineEvent) => void>();
  private readonly switchListeners = new Set<(s: EngineSwitch) => void>();
  private readonly bindingListeners = new Set<(b: EngineBinding) => void>();
  private added: AddedEngine[] = [];
  private currentId = DEFAULT_ENGINE_ID;
  private generation = 0;
  private bound: Held | undefined;
  private unbind: () => void = () => undefined;
  private started = false;
  /** Switches run one after another. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: EngineHubOptions = {}) {
    this.env = opts.discoveryEnv ?? defaultDiscoveryEnv(opts.setting);
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.facade = this.makeFacade();
    this.ready = this.init();
  }

  /** An explicit engine (--docker-host, BERTH_DOCKER_HOST, DOCKER_HOST) wins over the remembered choice. */
  get explicit(): boolean {
    return Boolean(this.env.setting || this.env.env.DOCKER_HOST);
  }

  private async init(): Promise<void> {
    let remembered: string | undefined;
    try {
      const state = parseEnginesSettings(await this.opts.settings?.get(SETTINGS_KEY), (m) => this.opts.log?.(m));
      this.added = state.added;
      remembered = state.current;
    } catch (err) {
      this.opts.log?.(`cannot read the engines settings: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (remembered && !this.explicit && this.specs().some((s) => s.id === remembered)) this.currentId = remembered;
    this.bind(this.engineFor(this.currentSpec()));
    if (this.started) this.bound?.engine.start();
  }

  specs(): EngineSpec[] {
    return discoverEngines(this.env, this.added);
  }

  private currentSpec(): EngineSpec {
    return this.specs().find((s) => s.id === this.currentId) ?? (this.specs()[0] as EngineSpec);
  }

  async list(): Promise<EngineEntry[]> {
    await this.ready;
    return this.specs().map((s) => this.entry(s));
  }

  async binding(): Promise<EngineBinding> {
    await this.ready;
    return { current: this.entry(this.currentSpec()), generation: this.generation };
  }

  private entry(s: EngineSpec): EngineEntry {
    return {
      id: s.id,
      kind: s.kind,
      name: s.name,
      endpoint: s.endpoint,
      ...(s.description ? { description: s.description } : {}),
      current: s.id === this.currentId,
      removable: s.removable,
    };
  }

  start(): void {
    this.started = true;
    this.bound?.engine.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unbind();
    const all = [...this.held.values()];
    this.held.clear();
    this.bound = undefined;
    await Promise.all(
      all.map(async (h) => {
        h.undo();
        await h.engine.stop();
      }),
    );
  }

  onSwitch(listener: (s: EngineSwitch) => void): () => void {
    this.switchListeners.add(listener);
    return () => this.switchListeners.delete(listener);
  }

  onBinding(listener: (b: EngineBinding) => void): () => void {
    this.bindingListeners.add(listener);
    return () => this.bindingListeners.delete(listener);
  }

  /** Probes engines in parallel, each within the timeout; nothing keeps polling afterwards. */
  async probe(ids?: readonly string[]): Promise<EngineProbe[]> {
    await this.ready;
    const specs = this.specs().filter((s) => !ids || ids.includes(s.id));
    return Promise.all(specs.map((s) => this.probeOne(s)));
  }

  private async probeOne(spec: EngineSpec): Promise<EngineProbe> {
    const engine = this.engineFor(spec).engine;
    try {
      const docker = await withTimeout(engine.docker(), this.timeoutMs);
      const v = await withTimeout(docker.version(), this.timeoutMs);
      return {
        id: spec.id,
        reachable: true,
        ...(v.Version ? { version: v.Version } : {}),
        ...(v.ApiVersion ? { apiVersion: v.ApiVersion } : {}),
        ...(v.Os ? { os: `${v.Os}${v.Arch ? `/${v.Arch}` : ''}` } : {}),
        product: productOf(v as VersionNames),
      };
    } catch (err) {
      return { id: spec.id, reachable: false, error: reasonOf(err, engine.status) };
    }
  }

  async add(input: AddEngineInput): Promise<EngineEntry> {
    await this.ready;
    const added = { ...input, id: `added:${randomUUID()}` } as AddedEngine;
    this.added = [...this.added, added];
    await this.persist();
    const spec = this.specs().find((s) => s.id === added.id) as EngineSpec;
    return this.entry(spec);
  }

  async remove(id: string): Promise<void> {
    await this.ready;
    if (!this.added.some((a) => a.id === id)) {
      throw new BerthError('INVALID_ARGUMENT', 'Only engines you added can be removed');
    }
    if (id === this.currentId) await this.switchTo(DEFAULT_ENGINE_ID);
    this.added = this.added.filter((a) => a.id !== id);
    const h = this.held.get(id);
    this.held.delete(id);
    if (h) {
      h.undo();
      await h.engine.stop();
    }
    await this.persist();
  }

  /**
   * Binds the app to the engine at `host` (the Podman service Berth just started): the listed engine with
   * that endpoint (Podman's rootless socket is discovered once it exists), else one added for it.
   */
  async connectTo(host: string): Promise<EngineStatus> {
    await this.ready;
    let spec = this.specs().find((s) => s.endpoint === host);
    if (!spec) {
      const path = host.replace(/^unix:\/\//, '');
      const entry = await this.add({ kind: 'unix', name: 'Podman (started by Berth)', path });
      spec = this.specs().find((s) => s.id === entry.id);
    }
    if (!spec) throw new BerthError('INTERNAL', `No engine entry for ${host}`);
    await this.switchTo(spec.id);
    return this.current().reconnect();
  }

  /** Binds the app to another engine: streams of the old one end, lists reload for the new one. */
  switchTo(id: string): Promise<EngineBinding> {
    const run = this.switching.then(() => this.doSwitch(id));
    this.switching = run.catch(() => undefined);
    return run;
  }

  private async doSwitch(id: string): Promise<EngineBinding> {
    await this.ready;
    const to = this.specs().find((s) => s.id === id);
    if (!to) throw new BerthError('NOT_FOUND', `No engine "${id}"`);
    if (id === this.currentId) return this.binding();
    const from = this.currentSpec();
    const old = this.bound;
    const next = this.engineFor(to);
    // Connect first (bounded), so a reachable engine takes over already connected; an unreachable
    // one is still chosen, and its status says why.
    await withTimeout(next.engine.docker(), this.timeoutMs).catch(() => undefined);
    this.currentId = id;
    this.generation++;
    this.bind(next);
    const ev: EngineSwitch = { from, to, generation: this.generation };
    this.switchListeners.forEach((l) => l(ev));
    if (this.started) next.engine.start();
    this.statusListeners.forEach((l) => l(next.engine.status));
    const resync: EngineEvent = {
      type: 'berth',
      action: 'resync',
      id: '',
      timeNano: Date.now() * 1e6,
      attributes: { reason: 'switched' },
    };
    this.eventListeners.forEach((l) => l(resync));
    const binding = { current: this.entry(to), generation: this.generation };
    this.bindingListeners.forEach((l) => l(binding));
    // The old engine goes idle: no events stream for an engine nobody looks at. Its client (and ssh
    // tunnel) stay, so switching back needs no new handshake; it is stopped when removed or at quit.
    if (old && old !== next) old.engine.idle();
    await this.persist();
    return binding;
  }

  private engineFor(spec: EngineSpec): Held {
    const have = this.held.get(spec.id);
    if (have) return have;
    const log = this.opts.log;
    const engine = new Engine({
      connectionEnv: connectionEnvFor(spec, this.env),
      pingTimeoutMs: this.timeoutMs,
      ...(log ? { log: (m: string) => log(`${spec.name}: ${m}`) } : {}),
    });
    const undo = this.opts.onEngine?.(engine, spec) ?? (() => undefined);
    const held = { engine, spec, undo };
    this.held.set(spec.id, held);
    return held;
  }

  private bind(h: Held): void {
    this.unbind();
    this.bound = h;
    const offStatus = h.engine.onStatus((s) => this.statusListeners.forEach((l) => l(s)));
    const offEvent = h.engine.onEvent((e) => this.eventListeners.forEach((l) => l(e)));
    this.unbind = () => {
      offStatus();
      offEvent();
    };
  }

  private async persist(): Promise<void> {
    if (!this.opts.settings) return;
    try {
      await this.opts.settings.update(
        SETTINGS_KEY,
        serializeEnginesSettings({ current: this.currentId, added: this.added }),
      );
    } catch (err) {
      this.opts.log?.(`cannot save the engines settings: ${err instanceof Error ? err.message : String(err)}`);
      throw new BerthError('INTERNAL', `Could not save the engine choice: ${err instanceof Error ? err.message : ''}`);
    }
  }

  private current(): Engine {
    if (!this.bound) throw new BerthError('ENGINE_UNREACHABLE', 'The engine is still being chosen');
    return this.bound.engine;
  }

  private makeFacade(): EngineApi {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the facade is a plain object over the hub
    const hub = this;
    return {
      get status(): EngineStatus {
        return hub.bound?.engine.status ?? CONNECTING;
      },
      start: () => hub.start(),
      reconnect: async () => {
        await hub.ready;
        return hub.current().reconnect();
      },
      onStatus: (l) => {
        hub.statusListeners.add(l);
        return () => hub.statusListeners.delete(l);
      },
      onEvent: (l) => {
        hub.eventListeners.add(l);
        return () => hub.eventListeners.delete(l);
      },
      docker: async () => {
        await hub.ready;
        return hub.current().docker();
      },
      cliHost: async () => {
        await hub.ready;
        return hub.current().cliHost();
      },
    };
  }
}

interface VersionNames {
  Platform?: { Name?: string };
  Components?: Array<{ Name?: string }>;
}

/** Podman answers with its platform ("linux/amd64/debian-12") as Platform.Name: its component says Podman. */
function productOf(v: VersionNames): string {
  const podman = v.Components?.find((c) => /podman/i.test(c.Name ?? ''))?.Name;
  return podman ?? v.Platform?.Name ?? 'Docker Engine';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`No answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

/** The engine's own reason: the last attempt's error beats the generic "cannot reach". */
function reasonOf(err: unknown, status: EngineStatus): string {
  const tried = status.tried.at(-1)?.error;
  if (status.state === 'unreachable' && tried) return tried;
  return err instanceof Error ? err.message.replace(/^Cannot reach the container engine\. /, '') : String(err);
}
