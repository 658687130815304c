import type Dockerode from 'dockerode';
import { containerPath } from './api-path';

/** The query of `GET /containers/{id}/logs`. */
export interface LogQuery {
  follow: boolean;
  stdout: true;
  stderr: true;
  timestamps: true;
  tail: string;
  since?: string;
  until?: string;
}

/** GET /containers/{id}/logs as a stream, whether or not it follows (dockerode buffers non-follow replies). */
export function openLogs(
  docker: Dockerode,
  id: string,
  query: LogQuery,
  signal: AbortSignal,
): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/containers/${containerPath(id)}/logs?`,
        method: 'GET',
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: query,
      },
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as NodeJS.ReadableStream)),
    );
  });
}
