import type Dockerode from 'dockerode';
import { imagePath } from './api-path';
import type { RegistryAuth } from './credentials';

/** Registry calls through the engine: pull, push (progress streams) and the login check. */

export type ProgressStream = NodeJS.ReadableStream & { destroy?: () => void };

/** The engine's X-Registry-Auth object (dockerode base64-encodes it). */
function authConfig(auth: RegistryAuth | undefined): Record<string, string> | undefined {
  if (!auth) return undefined;
  return auth.identityToken
    ? { identitytoken: auth.identityToken, serveraddress: auth.serverAddress }
    : { username: auth.username, password: auth.password, serveraddress: auth.serverAddress };
}

function dialStream(
  docker: Dockerode,
  opts: { path: string; options: Record<string, string>; auth: RegistryAuth | undefined },
  signal: AbortSignal,
): Promise<ProgressStream> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: opts.path,
        method: 'POST',
        options: opts.options,
        // docker-modem sends `{}` when absent: the engine treats that as anonymous.
        authconfig: authConfig(opts.auth) ?? {},
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 400: 'bad parameter', 401: 'unauthorized', 404: 'not found', 500: 'server error' },
      },
      (err: unknown, stream: unknown) => (err ? reject(err) : resolve(stream as ProgressStream)),
    );
  });
}

/** `POST /images/create` (fromImage, tag): the engine's progress stream. */
export function pullImage(
  docker: Dockerode,
  target: Record<string, string>,
  auth: RegistryAuth | undefined,
  signal: AbortSignal,
): Promise<ProgressStream> {
  return dialStream(docker, { path: '/images/create?', options: target, auth }, signal);
}

/** `POST /images/{name}/push`: the engine's progress stream. */
export function pushImage(
  docker: Dockerode,
  name: string,
  tag: string,
  auth: RegistryAuth | undefined,
  signal: AbortSignal,
): Promise<ProgressStream> {
  return dialStream(docker, { path: `/images/${imagePath(name)}/push?`, options: { tag }, auth }, signal);
}

/** `POST /auth`: the engine checks the credentials against the registry. */
export async function checkRegistryAuth(
  docker: Dockerode,
  creds: { username: string; password: string; serveraddress: string },
): Promise<{ Status?: string; IdentityToken?: string }> {
  return (await docker.checkAuth(creds)) as { Status?: string; IdentityToken?: string };
}
