import type { EngineStatus } from '../../shared/models';

/** "Engine connection lost — reconnecting, attempt 3, last error: connect ENOENT …" */
export function engineLostText(status: EngineStatus): string {
  const attempt = status.attempt ? `, attempt ${status.attempt}` : '';
  const why = status.lastError ?? status.reason;
  return `Engine connection lost — reconnecting${attempt}${why ? `, last error: ${why}` : '…'}`;
}

/** "The engine is not answering (12 s) — GET /images/json is waiting; views show what they had" */
export function engineSlowText(slow: { request: string }, waitedMs: number): string {
  const s = Math.max(0, Math.round(waitedMs / 1000));
  return `The engine is not answering (${s} s) — ${slow.request} is waiting; views show what they had and update when it answers`;
}
