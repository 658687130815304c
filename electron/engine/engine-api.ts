import type { EngineEvent, EngineStatus } from '../../shared/models';
import type { EngineClient } from './engine';

/**
 * What handlers need of an engine: an `Engine` itself, or the hub's facade that delegates to the
 * engine currently chosen in the switcher. `docker()` stays the only way to the client.
 */
export interface EngineApi {
  readonly status: EngineStatus;
  start(): void;
  reconnect(): Promise<EngineStatus>;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  onEvent(listener: (event: EngineEvent) => void): () => void;
  docker(): Promise<EngineClient>;
  cliHost(): Promise<string>;
}
