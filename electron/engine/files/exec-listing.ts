import type Dockerode from 'dockerode';
import { containerOf } from '../api-path';
import { FrameDemuxer } from '../frame-demuxer';
import { typeOfStMode, type RawEntry } from './entry';

/**
 * Listing a folder with one exec in a running container: much faster than a GET archive of a big
 * subtree (e.g. /usr), since nothing below the folder is read. Names and numbers travel apart so no
 * name can break the format: `find -print0` writes the names NUL-separated on stdout, and `stat -c`
 * (same order, same batch) writes only numbers on stderr, one line per name. Link targets follow on
 * stdout after an "@" record as name/target pairs. Works with busybox and GNU coreutils. Any surprise
 * (a missing tool, an error line, a count that does not match) makes the caller use the archive.
 */
export const EXEC_LISTING_SCRIPT = [
  'cd -- "$1" || exit 97',
  `find . -mindepth 1 -maxdepth 1 -print0 -exec sh -c 'exec stat -c "%f %u %g %s %Y" "$@" >&2' s {} + || exit 98`,
  `printf '@\\0'`,
  // $(…; echo x) keeps trailing newlines of a target; ${t%?} then drops readlink's own newline.
  `find . -mindepth 1 -maxdepth 1 -type l -exec sh -c 'for l; do t=$(readlink "$l"; echo x); t=\${t%x}; printf "%s\\0%s\\0" "$l" "\${t%?}"; done' s {} + || exit 98`,
].join('\n');

const STAT_LINE = /^([0-9a-f]+) (\d+) (\d+) (\d+) (\d+)$/;

/** NUL-terminated records; undefined when the last one is not terminated. */
function records(buf: Buffer): Buffer[] | undefined {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = buf.indexOf(0); i >= 0; i = buf.indexOf(0, start)) {
    out.push(buf.subarray(start, i));
    start = i + 1;
  }
  return start === buf.length ? out : undefined;
}

/**
 * The script's output as entries, or undefined when it is not exactly what the script writes (then
 * the archive listing is used). Sockets are left out: the engines' tars skip them, and both paths
 * must give the same entries.
 */
export function parseExecListing(stdout: Buffer, stderr: Buffer): RawEntry[] | undefined {
  const recs = records(stdout);
  if (!recs) return undefined;
  const at = recs.findIndex((r) => r.length === 1 && r[0] === 0x40);
  if (at < 0) return undefined;
  const names = recs.slice(0, at);
  const linkRecs = recs.slice(at + 1);
  if (linkRecs.length % 2 !== 0) return undefined;
  const text = stderr.toString('latin1');
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  if (lines.length !== names.length) return undefined;
  const targets = new Map<string, Buffer>();
  for (let i = 0; i < linkRecs.length; i += 2) targets.set(linkRecs[i]!.toString('latin1'), linkRecs[i + 1]!);
  const out: RawEntry[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const m = STAT_LINE.exec(lines[i]!);
    if (!m || name.length < 3 || name[0] !== 0x2e || name[1] !== 0x2f || name.indexOf(0x2f, 2) >= 0) return undefined;
    const stMode = parseInt(m[1]!, 16);
    const type = typeOfStMode(stMode);
    if (type === 'socket') continue;
    const entry: RawEntry = {
      name: Buffer.from(name.subarray(2)),
      type,
      size: type === 'file' ? Number(m[4]) : 0,
      mode: stMode & 0o7777,
      uid: Number(m[2]),
      gid: Number(m[3]),
      mtimeSec: Number(m[5]),
    };
    if (type === 'link') {
      const t = targets.get(name.toString('latin1'));
      if (t === undefined) return undefined;
      entry.linkTarget = Buffer.from(t);
    }
    out.push(entry);
  }
  return out;
}

/**
 * Runs the script in the container as root. Undefined when it could not give a trustworthy answer
 * (no shell, no find/stat, a non-zero exit, odd output, an engine error): use the archive instead.
 */
export async function execListing(
  docker: Dockerode,
  id: string,
  dir: string,
  signal: AbortSignal,
): Promise<RawEntry[] | undefined> {
  try {
    const container = containerOf(docker, id);
    const exec = await container.exec({
      Cmd: ['/bin/sh', '-c', EXEC_LISTING_SCRIPT, 'sh', dir],
      User: '0',
      AttachStdout: true,
      AttachStderr: true,
      Env: ['LC_ALL=C'],
    });
    const stream = (await exec.start({})) as NodeJS.ReadableStream & { destroy(): void };
    const demux = new FrameDemuxer();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        stream.destroy();
        reject(new Error('cancelled'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      stream.on('data', (c: Buffer) => {
        for (const f of demux.push(c)) {
          if (f.type === 1) out.push(f.data);
          else if (f.type === 2) err.push(f.data);
        }
      });
      stream.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
      stream.on('error', reject);
    });
    const info = await exec.inspect();
    if (info.ExitCode !== 0) return undefined;
    return parseExecListing(Buffer.concat(out), Buffer.concat(err));
  } catch {
    return undefined;
  }
}
