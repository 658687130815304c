import type { DiskUsageRow } from '../../shared/contracts/system';

/**
 * The docker CLI's size text (go-units HumanSize: decimal units, 4 significant digits, "%.4g%s"),
 * so tests can compare Berth's raw bytes with `docker system df` output.
 */
export function goHumanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}

/** One `docker system df --format '{{json .}}'` row as the CLI prints it for these figures. */
export function cliDfRow(
  row: DiskUsageRow,
  withPercent: boolean,
): { TotalCount: string; Active: string; Size: string; Reclaimable: string } {
  const pct = withPercent && row.size > 0 ? ` (${Math.trunc((row.reclaimable * 100) / row.size)}%)` : '';
  return {
    TotalCount: String(row.total),
    Active: String(row.active),
    Size: goHumanSize(row.size),
    Reclaimable: `${goHumanSize(row.reclaimable)}${pct}`,
  };
}
