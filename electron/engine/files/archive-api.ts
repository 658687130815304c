import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import type { FilePath } from '../../../shared/contracts/files';
import { containerPath } from '../api-path';

/**
 * The engine's archive API on one container, with paths as exact bytes: `HEAD` (stat), `GET` (a tar
 * of the path) and `PUT` (extract a tar into a folder). dockerode's own getArchive/putArchive encode
 * the path as a JS string, which cannot carry a name that is not UTF-8; here every byte is escaped.
 * Works on created and stopped containers too (the engine mounts the file system and volumes).
 */

/** The raw stat the engine returns in `X-Docker-Container-Path-Stat` (base64 JSON). */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode: permission bits plus type bits in the high bits (dir 1<<31, symlink 1<<27, …). */
  mode: number;
  mtime: string;
  linkTarget: string;
}

/** The exact bytes of a contract path (`b64` wins over `text`). */
export function pathBytes(p: FilePath): Buffer {
  return p.b64 !== undefined ? Buffer.from(p.b64, 'base64') : Buffer.from(p.text, 'utf8');
}

/** The bytes of `name` (UTF-8, `/`-separated) inside folder `dir`. */
export function childBytes(dir: Buffer, name: string): Buffer {
  const slash = dir.length > 0 && dir[dir.length - 1] === 0x2f;
  return Buffer.concat([dir, Buffer.from(slash ? name : `/${name}`, 'utf8')]);
}

/** Percent-escapes every byte but unreserved characters and `/` (the engine decodes the query value as bytes). */
export function escapePathBytes(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~/]/.test(c) && b < 0x80 ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `/containers/{id}/archive?path=…&` — docker-modem appends the options' query string after a path
 * that holds `?` (and drops the last character when there are none), so the path ends with `&`.
 */
function archiveUrl(id: string, bytes: Buffer): string {
  return `/containers/${containerPath(id)}/archive?path=${escapePathBytes(bytes)}&`;
}

const STATUS = {
  200: true,
  400: 'bad parameter',
  403: 'permission denied',
  404: 'no such file or container',
  500: 'server error',
};

/** Decodes the engine's stat header; undefined when absent or unreadable. */
export function decodeStatHeader(header: string | string[] | undefined): PathStat | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) return undefined;
  try {
    return JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as PathStat;
  } catch {
    return undefined;
  }
}

/** `HEAD …/archive`: the path's stat (links not followed). Errors as the engine's (404 → NOT_FOUND via toBerthError). */
export function statPath(docker: Dockerode, id: string, bytes: Buffer): Promise<PathStat> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path: archiveUrl(id, bytes), method: 'HEAD', isStream: true, statusCodes: STATUS },
      (err, res) => {
        if (err) return reject(err);
        const msg = res as Readable & { headers?: Record<string, string | string[] | undefined> };
        msg.resume();
        const stat = decodeStatHeader(msg.headers?.['x-docker-container-path-stat']);
        if (stat) resolve(stat);
        else reject(new Error('The engine sent no stat for the path'));
      },
    );
  });
}

/** `GET …/archive`: a tar of the path (a folder with its whole subtree). The stat comes with the response. */
export function getArchive(
  docker: Dockerode,
  id: string,
  bytes: Buffer,
  signal?: AbortSignal,
): Promise<{ stream: Readable; stat: PathStat | undefined }> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: archiveUrl(id, bytes),
        method: 'GET',
        isStream: true,
        statusCodes: STATUS,
        ...(signal ? { abortSignal: signal } : {}),
      },
      (err, res) => {
        if (err) return reject(err);
        const stream = res as Readable & { headers?: Record<string, string | string[] | undefined> };
        resolve({ stream, stat: decodeStatHeader(stream.headers?.['x-docker-container-path-stat']) });
      },
    );
  });
}

export interface PutOptions {
  /** Refuse to replace a folder with a non-folder or the reverse (the CLI always sets it). */
  noOverwriteDirNonDir?: boolean;
  /** Own the files as the container's configured user (`docker cp -a`). */
  copyUIDGID?: boolean;
  signal?: AbortSignal;
}

/** `PUT …/archive`: extracts the tar (identity, gzip, bzip2 or xz) into folder `dirBytes`, which must exist. */
export function putArchive(
  docker: Dockerode,
  id: string,
  dirBytes: Buffer,
  body: Readable,
  opts: PutOptions = {},
): Promise<void> {
  const query: Record<string, string> = {};
  if (opts.noOverwriteDirNonDir) query.noOverwriteDirNonDir = '1';
  if (opts.copyUIDGID) query.copyUIDGID = '1';
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: archiveUrl(id, dirBytes),
        method: 'PUT',
        options: query,
        file: body,
        isStream: true,
        headers: { 'Content-Type': 'application/x-tar' },
        statusCodes: STATUS,
        ...(opts.signal ? { abortSignal: opts.signal } : {}),
      },
      (err, res) => {
        if (err) return reject(err);
        const r = res as Readable;
        r.on('error', reject);
        r.on('end', () => resolve());
        r.resume();
      },
    );
  });
}
