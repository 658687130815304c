import type { GridSpec } from '../lib/page';

/**
 * What the bench knows about the Containers view (renderer/features/containers). Keep in sync with it:
 * the DataTable renders `role="grid"` with `aria-label` = label and `aria-rowcount` = rows + header,
 * data rows are `tr[aria-label=<container name>]`, and the state cell is a StateBadge (`.state-badge`,
 * text "Running" / "Paused" / ...).
 */
export const CONTAINERS_GRID: GridSpec & { route: string } = {
  label: 'Containers',
  /** Path before the `#token=` fragment that opens the Containers view ('' = the app's start view). */
  route: '',
};
