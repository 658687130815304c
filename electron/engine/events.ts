import type { EngineEvent } from '../../shared/models';
import { LineSplitter } from './lines';

/**
 * One `/events` stream per engine, supervised: it reconnects with capped backoff when the stream
 * errors or ends cleanly, and signals a resync after every (re)connect because the daemon keeps
 * only its last 256 events. A malformed event is logged and skipped, never fatal.
 */

export interface EventsSupervisorOptions {
  /** Opens the engine's event stream (connecting to the engine first when needed). */
  open: (signal: AbortSignal) => Promise<NodeJS.ReadableStream>;
  onEvent: (event: EngineEvent) => void;
  onConnected: () => void;
  onDisconnected: (reason: string) => void;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  log?: (msg: string) => void;
}

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  status?: unknown;
  id?: unknown;
  from?: unknown;
  time?: unknown;
  timeNano?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> };
}

const REMOVED_AS_DESTROY = new Set(['container', 'volume', 'network']);

/** Maps one engine event JSON line; returns undefined when it is not an event we can read. */
export function parseEngineEvent(line: string): EngineEvent | undefined {
  const raw = JSON.parse(line) as RawEvent;
  if (!raw || typeof raw !== 'object') return undefined;
  const rawAction =
    typeof raw.Action === 'string' ? raw.Action : typeof raw.status === 'string' ? raw.status : undefined;
  const legacyId = typeof raw.id === 'string' ? raw.id : undefined;
  // Old engines (API < 1.22) send only status/id/from: container events carry the image in
  // `from`, image events do not.
  let type: string | undefined;
  if (typeof raw.Type === 'string') type = raw.Type;
  else if (legacyId !== undefined) type = typeof raw.from === 'string' ? 'container' : 'image';
  if (!type || !rawAction) return undefined;
  // Podman (4.x) says 'remove' where Docker says 'destroy' (Docker never sends 'remove' for these):
  // one word for every consumer (containers list, network page, resource lists).
  const action = rawAction === 'remove' && REMOVED_AS_DESTROY.has(type) ? 'destroy' : rawAction;
  const id = typeof raw.Actor?.ID === 'string' ? raw.Actor.ID : (legacyId ?? '');
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.Actor?.Attributes ?? {})) if (typeof v === 'string') attributes[k] = v;
  const timeNano =
    typeof raw.timeNano === 'number' ? raw.timeNano : typeof raw.time === 'number' ? raw.time * 1e9 : Date.now() * 1e6;
  const event: EngineEvent = { type, action, id, timeNano, attributes };
  if (attributes.name) event.name = attributes.name;
  return event;
}

export class EventsSupervisor {
  private controller: AbortController | undefined;
  private backoff: number;
  private readonly initial: number;
  private readonly max: number;
  private wake: (() => void) | undefined;

  constructor(private readonly opts: EventsSupervisorOptions) {
    this.initial = opts.initialBackoffMs ?? 250;
    this.max = opts.maxBackoffMs ?? 5000;
    this.backoff = this.initial;
  }

  get running(): boolean {
    return this.controller !== undefined && !this.controller.signal.aborted;
  }

  start(): void {
    if (this.running) return;
    this.controller = new AbortController();
    void this.loop(this.controller.signal);
  }

  stop(): void {
    this.controller?.abort();
    this.controller = undefined;
    this.wake?.();
  }

  /** Skip the current backoff wait (e.g. the user pressed "Retry"). */
  retryNow(): void {
    this.backoff = this.initial;
    this.wake?.();
  }

  private async loop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let reason = 'event stream ended';
      try {
        const stream = await this.opts.open(signal);
        if (signal.aborted) {
          destroy(stream);
          break;
        }
        this.opts.onConnected();
        const connectedAt = Date.now();
        reason = await this.consume(stream, signal);
        // A connection that lived a while earns a fresh backoff.
        if (Date.now() - connectedAt > 10_000) this.backoff = this.initial;
      } catch (err) {
        reason = err instanceof Error ? err.message : String(err);
      }
      if (signal.aborted) break;
      this.opts.onDisconnected(reason);
      await this.sleep(this.backoff);
      this.backoff = Math.min(this.backoff * 2, this.max);
    }
  }

  private consume(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
    return new Promise<string>((resolve) => {
      const splitter = new LineSplitter();
      let settled = false;
      const done = (reason: string): void => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        destroy(stream);
        resolve(reason);
      };
      const onAbort = (): void => done('stopped');
      signal.addEventListener('abort', onAbort);
      stream.on('data', (chunk: Buffer | string) => {
        for (const line of splitter.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk)))
          this.handleLine(line);
      });
      stream.on('end', () => done('event stream ended'));
      stream.on('close', () => done('event stream closed'));
      stream.on('error', (err: Error) => done(`event stream error: ${err.message}`));
    });
  }

  private handleLine(line: string): void {
    const trimmed = line.trim();
    if (!trimmed) return;
    try {
      const ev = parseEngineEvent(trimmed);
      if (ev) this.opts.onEvent(ev);
      else this.opts.log?.(`skipped unreadable engine event: ${trimmed.slice(0, 200)}`);
    } catch {
      this.opts.log?.(`skipped malformed engine event: ${trimmed.slice(0, 200)}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = undefined;
        resolve();
      };
    });
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  const s = stream as NodeJS.ReadableStream & { destroy?: () => void };
  s.destroy?.();
}
