import type Dockerode from 'dockerode';
import { Readable } from 'node:stream';
import { pack as tarPack } from 'tar-stream';
import { toBerthError } from '../../errors/engine-errors';
import { childBytes, putArchive, statPath } from './archive-api';

/**
 * Removing paths with nothing but the archive API (so it works in any container state, with no shell
 * in the image, and for a volume's helper). The API has no delete, but an extraction first clears
 * whatever is at an entry's path (a file, or a folder with all it holds) before creating the entry: a
 * tar whose one entry is a hard link to itself has the path cleared, then fails to link it, and the
 * engine answers an error. Docker and Podman both behave so; the error is expected and ignored, and
 * a HEAD afterwards says whether the path is really gone.
 */

/** A tar of one entry: `name` as a hard link to itself. */
function selfLinkTar(name: string): Readable {
  const pack = tarPack();
  pack.entry({ name, type: 'link', linkname: name });
  pack.finalize();
  return Readable.from(pack as AsyncIterable<Uint8Array>);
}

/**
 * Removes `names` (each relative to folder `dir`, `/`-separated) from the container's file system,
 * one request each, a few at a time. Resolves with the names still there afterwards (none normally).
 */
export async function removePaths(
  docker: Dockerode,
  containerId: string,
  dir: Buffer,
  names: readonly string[],
): Promise<string[]> {
  const left: string[] = [];
  const queue = [...names];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      await putArchive(docker, containerId, dir, selfLinkTar(name)).catch(() => undefined);
      const still = await statPath(docker, containerId, childBytes(dir, name)).then(
        () => true,
        (e: unknown) => toBerthError(e).code !== 'NOT_FOUND',
      );
      if (still) left.push(name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, names.length) }, worker));
  return left;
}
