import type Dockerode from 'dockerode';
import type { EngineEvent } from '../../shared/models';
import { parseEngineEvent } from './events';
import { LineSplitter } from './lines';

/**
 * One `/events?since=…` stream of its own (apart from the supervised one every view shares): the
 * engine replays what it still keeps from `sinceSec` (its last 256 events at most), then follows live.
 * Resolves when the stream ends or `signal` aborts; rejects when it breaks. Unreadable lines are skipped.
 */
export async function followEventsSince(
  docker: Dockerode,
  sinceSec: number,
  onEvent: (ev: EngineEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const stream = (await docker.getEvents({
    since: sinceSec,
    abortSignal: signal,
  } as Dockerode.GetEventsOptions)) as NodeJS.ReadableStream;
  const splitter = new LineSplitter();
  const handle = (line: string): void => {
    if (!line.trim()) return;
    try {
      const ev = parseEngineEvent(line);
      if (ev) onEvent(ev);
    } catch {
      /* a malformed line is skipped, as the supervisor does */
    }
  };
  await new Promise<void>((resolve, reject) => {
    const finish = (err?: Error): void => {
      signal.removeEventListener('abort', onAbort);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      if (err && !signal.aborted) reject(err);
      else resolve();
    };
    const onAbort = (): void => finish();
    if (signal.aborted) return finish();
    signal.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of splitter.push(typeof chunk === 'string' ? chunk : new Uint8Array(chunk))) handle(line);
    });
    stream.on('end', () => {
      splitter.end().forEach(handle);
      finish();
    });
    stream.on('error', (err: Error) => finish(err));
  });
}

/** RFC 3339 or Unix seconds → Unix seconds; undefined when it is neither. */
export function toUnixSeconds(time: string): number | undefined {
  if (/^\d{1,12}(\.\d{1,9})?$/.test(time)) return Number(time);
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}
