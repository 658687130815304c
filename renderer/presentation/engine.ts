import type { EngineStatus } from '../../shared/models';

/** "Engine connection lost — reconnecting, attempt 3, last error: connect ENOENT …" */
export function engineLostText(status: EngineStatus): string {
  const attempt = status.attempt ? `, attempt ${status.attempt}` : '';
  const why = status.lastError ?? status.reason;
  return `Engine connection lost — reconnecting${attempt}${why ? `, last error: ${why}` : '…'}`;
}
