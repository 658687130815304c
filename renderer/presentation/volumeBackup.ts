import type { RestorePlan } from '../../shared/contracts/volume-backup';
import { volumeNameError } from '../../shared/engine-names';
import type { UsedBy } from '../../shared/models';
import { formatBytes, plural } from './format';

/** The volume Back up / Restore / Clone dialogs' pure parts: file names, formats, plan and result texts. */

export type BackupFormat = 'tar' | 'tar.gz';

const GZ = /\.(tar\.gz|tgz)$/i;
const TAR = /\.tar$/i;

/** `data-2026-12-05.tar`: the volume's name and today's local date. */
export function backupFileName(volume: string, now: Date = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const base = volume.length === 64 && /^[0-9a-f]+$/.test(volume) ? volume.slice(0, 12) : volume;
  return `${base}-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.tar`;
}

/** The format a path's extension asks for; undefined when it names neither. */
export function formatOfPath(path: string): BackupFormat | undefined {
  if (GZ.test(path.trim())) return 'tar.gz';
  if (TAR.test(path.trim())) return 'tar';
  return undefined;
}

/** The path with the extension of `format` (replacing .tar / .tar.gz / .tgz, else appended). */
export function withFormat(path: string, format: BackupFormat): string {
  const p = path.trim();
  if (!p || /[\\/]$/.test(p)) return path;
  const ext = format === 'tar.gz' ? '.tar.gz' : '.tar';
  return `${p.replace(GZ, '').replace(TAR, '')}${ext}`;
}

/**
 * A volume name suggested by a backup file: its base name without the archive extension and without a
 * trailing date (`data-2026-12-05.tar.gz` → `data`); '' when nothing valid is left.
 */
export function volumeNameFromBackup(path: string): string {
  const base = path.trim().split(/[\\/]/).pop() ?? '';
  const name = base
    .replace(/\.(tar\.gz|tgz|tar|gz)$/i, '')
    .replace(/[-_.]?\d{4}-\d{2}-\d{2}([T_-]?\d{2}[:.-]?\d{2}([:.-]?\d{2})?)?$/, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return volumeNameError(name) ? '' : name;
}

/** The running containers of a volume's users: what writes while a backup reads. */
export function runningUsers<T extends UsedBy>(usedBy: readonly T[]): T[] {
  return usedBy.filter((u) => u.state === 'running' || u.state === 'restarting' || u.state === 'paused');
}

/** "1,204 entries · 38.2 MB of file contents · gzip-compressed" (contents, not the archive's own size). */
export function planSummary(plan: Pick<RestorePlan, 'entries' | 'bytes' | 'gzip'>): string {
  return [
    plural(plan.entries, 'entry', 'entries'),
    `${formatBytes(plan.bytes)} of file contents`,
    plan.gzip ? 'gzip-compressed' : 'uncompressed tar',
  ].join(' · ');
}

/** The first `max` names, and how many more there are. */
export function someNames(names: readonly string[], max = 12): { shown: string[]; more: number } {
  return { shown: names.slice(0, max), more: Math.max(0, names.length - max) };
}

/** What restoring into an existing volume does to what is there; undefined when the volume is empty. */
export function overwriteText(volume: string, plan: RestorePlan): string | undefined {
  if (plan.targetEntries === 0) return undefined;
  const holds = `${volume} is not empty: it holds ${plural(plan.targetEntries, 'entry', 'entries')}.`;
  if (plan.overwrites.length === 0)
    return `${holds} None of its top-level names is in the backup: the backup’s files are added beside them.`;
  return `${holds} Restoring replaces files of the same name under ${plural(
    plan.overwrites.length,
    'top-level name',
  )} it shares with the backup; other files stay.`;
}

/** "42 entries, 3.1 MB": entries are files, folders and links alike (the count the engine's tar holds). */
export function copiedText(done: { files: number; bytes: number }): string {
  return `${plural(done.files, 'entry', 'entries')}, ${formatBytes(done.bytes)}`;
}

/** The clone's name: a valid volume name that no volume has yet. */
export function cloneNameError(name: string, existing: ReadonlySet<string>): string | undefined {
  const n = name.trim();
  return volumeNameError(n) ?? (existing.has(n) ? `A volume named ${n} already exists` : undefined);
}

/** A name for the clone that is free: `data-copy`, `data-copy-2`, … */
export function cloneName(source: string, existing: ReadonlySet<string>): string {
  const base = `${source.length === 64 ? source.slice(0, 12) : source}-copy`;
  for (let i = 1; ; i++) {
    const n = i === 1 ? base : `${base}-${i}`;
    if (!existing.has(n)) return n;
  }
}

/** A local volume whose options bind a folder of the host (`device=`): a clone with them shares that folder. */
export function bindsHostFolder(options: Readonly<Record<string, string>>): string | undefined {
  const device = options.device;
  if (device === undefined || options.type === 'tmpfs') return undefined;
  return device;
}
