import { z } from 'zod';
import { invoke } from '../contract-kit';

/** The Podman API service Berth started (or found nothing to start). */
export const PodmanServiceState = z.object({
  state: z.enum(['stopped', 'starting', 'running', 'restarting', 'failed']),
  /** 'systemd': `systemctl --user start podman.socket`; 'process': Berth runs `podman system service`. */
  mode: z.enum(['systemd', 'process']).optional(),
  /** unix:// address of its API socket. */
  host: z.string().optional(),
  pid: z.number().int().optional(),
  /** Restarts after it died on its own. */
  restarts: z.number().int().min(0),
  /** Why it failed or last died: its own stderr tail when it printed one. */
  error: z.string().optional(),
});
export type PodmanServiceState = z.infer<typeof PodmanServiceState>;

/** What this machine has for starting an engine when none answers. */
export const LocalTools = z.object({
  /** Path of `podman` on PATH, if any. */
  podman: z.string().optional(),
  /** Path of `dockerd` on PATH (or in the sbin folders), if any. */
  dockerd: z.string().optional(),
  /** systemd --user runs: Podman is started through its socket unit. */
  systemd: z.boolean(),
  /** Where "Start Podman" serves the API (unix://…). */
  podmanHost: z.string(),
  /** Set when XDG_RUNTIME_DIR is unset and Berth uses a folder of its own for the socket. */
  runtimeDirNote: z.string().optional(),
  /** The remembered "Keep Podman running after Berth quits". */
  keep: z.boolean(),
  service: PodmanServiceState,
});
export type LocalTools = z.infer<typeof LocalTools>;

/** Channels for starting a local engine from the No-engine screen. */
export const engineServiceContract = {
  'engine.localTools': invoke(z.object({}), LocalTools),
  /**
   * Starts Podman's API service for this user, waits until it answers, and connects Berth to it.
   * `keep` (remembered) leaves it running when Berth quits. FAILED with Podman's own words when it
   * does not come up.
   */
  'engine.startPodman': invoke(z.object({ keep: z.boolean() }), PodmanServiceState),
} as const;
