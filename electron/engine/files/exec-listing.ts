import type Dockerode from 'dockerode';
import { containerOf } from '../api-path';
import { FrameDemuxer } from '../frame-demuxer';
import { isUtf8, typeOfStMode, type RawEntry } from './entry';

/**
 * Listing a folder with an exec in a running container: much faster than a GET archive of a big
 * subtree (e.g. /usr), since nothing below the folder is read. Names and numbers travel apart so no
 * name can break the format: `find -print0` writes the names NUL-separated on stdout, and `stat -c`
 * (same order, same batch) writes only numbers on stderr, one line per name. Works with busybox and
 * GNU coreutils. Link targets, when the folder has links, come from a second exec given just those
 * names (one pass over a 50,000-entry folder instead of two). Any surprise (a missing tool, an error
 * line, a count that does not match) makes the caller use the archive.
 */
export const EXEC_LISTING_SCRIPT = [
  'cd -- "$1" || exit 97',
  `find . -mindepth 1 -maxdepth 1 -print0 -exec sh -c 'exec stat -c "%f %u %g %s %Y" "$@" >&2' s {} + || exit 98`,
].join('\n');

/**
 * `name\0target\0` for each link named after the folder: $(…; echo x) keeps trailing newlines of a
 * target; ${t%?} then drops readlink's own newline.
 */
export const EXEC_LINKS_SCRIPT = [
  'cd -- "$1" || exit 97',
  'shift',
  `for l; do t=$(readlink "$l"; echo x); t=\${t%x}; printf "%s\\0%s\\0" "$l" "\${t%?}"; done`,
].join('\n');

/** Link names per exec at most (bytes of arguments), well under any ARG_MAX. */
const LINK_ARGS_BYTES = 96 * 1024;

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

/** A listing from the first script: entries (links still without targets) and the links' "./name" records. */
export interface ExecScan {
  entries: RawEntry[];
  links: Buffer[];
}

/**
 * The script's output as entries, or undefined when it is not exactly what the script writes (then
 * the archive listing is used). Sockets are left out: the engines' tars skip them, and both paths
 * must give the same entries.
 */
export function parseExecListing(stdout: Buffer, stderr: Buffer): ExecScan | undefined {
  const names = records(stdout);
  if (!names) return undefined;
  const text = stderr.toString('latin1');
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  if (lines.length !== names.length) return undefined;
  const entries: RawEntry[] = [];
  const links: Buffer[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const m = STAT_LINE.exec(lines[i]!);
    if (!m || name.length < 3 || name[0] !== 0x2e || name[1] !== 0x2f || name.indexOf(0x2f, 2) >= 0) return undefined;
    const stMode = parseInt(m[1]!, 16);
    const type = typeOfStMode(stMode);
    if (type === 'socket') continue;
    entries.push({
      name: name.subarray(2),
      type,
      size: type === 'file' ? Number(m[4]) : 0,
      mode: stMode & 0o7777,
      uid: Number(m[2]),
      gid: Number(m[3]),
      mtimeSec: Number(m[5]),
    });
    if (type === 'link') links.push(name);
  }
  return { entries, links };
}

/** The links script's `name\0target\0` pairs, keyed by the name's bytes (latin1); undefined when malformed. */
export function parseLinkTargets(stdout: Buffer): Map<string, Buffer> | undefined {
  const recs = records(stdout);
  if (!recs || recs.length % 2 !== 0) return undefined;
  const out = new Map<string, Buffer>();
  for (let i = 0; i < recs.length; i += 2) out.set(recs[i]!.toString('latin1'), recs[i + 1]!);
  return out;
}

/** Groups of names whose bytes add up to at most LINK_ARGS_BYTES each. */
function argGroups(names: readonly Buffer[]): Buffer[][] {
  const groups: Buffer[][] = [];
  let group: Buffer[] = [];
  let bytes = 0;
  for (const n of names) {
    if (group.length > 0 && bytes + n.length + 1 > LINK_ARGS_BYTES) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(n);
    bytes += n.length + 1;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** stdout and stderr of one exec as root, or undefined when it failed or exited non-zero. */
async function runExec(
  docker: Dockerode,
  id: string,
  cmd: string[],
  signal: AbortSignal,
): Promise<{ stdout: Buffer; stderr: Buffer } | undefined> {
  const exec = await containerOf(docker, id).exec({
    Cmd: cmd,
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
  return info.ExitCode === 0 ? { stdout: Buffer.concat(out), stderr: Buffer.concat(err) } : undefined;
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
    const scan = await runExec(docker, id, ['/bin/sh', '-c', EXEC_LISTING_SCRIPT, 'sh', dir], signal);
    const parsed = scan && parseExecListing(scan.stdout, scan.stderr);
    if (!parsed) return undefined;
    if (parsed.links.length === 0) return parsed.entries;
    // Arguments travel as JSON strings: a link name that is not UTF-8 cannot; the archive can.
    if (!parsed.links.every(isUtf8)) return undefined;
    const targets = new Map<string, Buffer>();
    for (const group of argGroups(parsed.links)) {
      const args = group.map((n) => n.toString('utf8'));
      const r = await runExec(docker, id, ['/bin/sh', '-c', EXEC_LINKS_SCRIPT, 'sh', dir, ...args], signal);
      const pairs = r && r.stderr.length === 0 ? parseLinkTargets(r.stdout) : undefined;
      if (!pairs) return undefined;
      for (const [k, v] of pairs) targets.set(k, v);
    }
    for (const e of parsed.entries) {
      if (e.type !== 'link') continue;
      const t = targets.get(`./${e.name.toString('latin1')}`);
      if (t === undefined) return undefined;
      e.linkTarget = t;
    }
    return parsed.entries;
  } catch {
    return undefined;
  }
}
