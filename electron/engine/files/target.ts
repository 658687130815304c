import type Dockerode from 'dockerode';
import type { FileTarget } from '../../../shared/contracts/files';
import { containerOf } from '../api-path';
import { createHelper, VOLUME_ROOT } from './volume-helper';

/**
 * A FileTarget made concrete: the container whose archive API to use, and the prefix its paths get.
 * A container is itself; a volume is a helper container, created (never started) from an image already
 * present, mounting the volume at `root`, labelled, and removed by `release()` (always call it).
 */
export interface OpenTarget {
  containerId: string;
  /** Bytes prepended to every target path ("" for a container, e.g. "/berth-volume" for a volume). */
  root: Buffer;
  /** True when exec may be tried (a running container; never a volume helper). */
  canExec: boolean;
  release(): Promise<void>;
}

export async function openTarget(docker: Dockerode, target: FileTarget, opts: { write: boolean }): Promise<OpenTarget> {
  if (target.kind === 'container') {
    const info = (await containerOf(docker, target.id).inspect()) as { Id: string; State?: { Running?: boolean } };
    return {
      containerId: info.Id,
      root: Buffer.alloc(0),
      canExec: info.State?.Running === true,
      release: async () => {},
    };
  }
  const helper = await createHelper(docker, [{ volume: target.name, target: VOLUME_ROOT, write: opts.write }]);
  return { containerId: helper.id, root: Buffer.from(VOLUME_ROOT), canExec: false, release: helper.release };
}

/** The bytes to send the engine for a target path. */
export function targetPath(open: OpenTarget, bytes: Buffer): Buffer {
  return open.root.length === 0
    ? bytes
    : Buffer.concat([open.root, bytes.equals(Buffer.from('/')) ? Buffer.alloc(0) : bytes]);
}
