import type { Handlers } from '../../shared/contract-kit';
import type { filesContract } from '../../shared/contracts/files';
import type { EngineApi } from '../engine/engine-api';
import { pathBytes, statPath } from '../engine/files/archive-api';
import { displayPath, listFolder } from '../engine/files/listing';
import { readFileStart } from '../engine/files/read';
import { resolvePath, toFileStat } from '../engine/files/stat';
import { openTarget, targetPath } from '../engine/files/target';

/** files.list / stat / read: the contract adapted to electron/engine/files (the target is always released). */
export function fileHandlers(engine: EngineApi): Handlers<typeof filesContract> {
  return {
    'files.list': async ({ target, path }, sink, signal) => {
      const docker = await engine.docker();
      const open = await openTarget(docker, target, { write: false });
      try {
        await listFolder(docker, open, pathBytes(path), displayPath(path.text), sink, signal);
      } finally {
        await open.release();
      }
    },
    'files.stat': async ({ target, path, follow }) => {
      const docker = await engine.docker();
      const open = await openTarget(docker, target, { write: false });
      try {
        const bytes = targetPath(open, pathBytes(path));
        const s = follow
          ? (await resolvePath(docker, open.containerId, bytes)).stat
          : await statPath(docker, open.containerId, bytes);
        return toFileStat(s, displayPath(path.text));
      } finally {
        await open.release();
      }
    },
    'files.read': async ({ target, path, maxBytes }) => {
      const docker = await engine.docker();
      const open = await openTarget(docker, target, { write: false });
      try {
        const bytes = targetPath(open, pathBytes(path));
        return await readFileStart(docker, open.containerId, bytes, maxBytes, displayPath(path.text));
      } finally {
        await open.release();
      }
    },
  };
}
