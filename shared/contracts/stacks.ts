import { z } from 'zod';
import { invoke } from '../contract-kit';

/** Channels for compose projects (Stacks). Spread into shared/contract.ts; electron/handlers/stacks.ts. */

/** A compose project or service name as compose writes it into its labels. */
const ComposeName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'A compose project or service name: letters, digits, "_", "." and "-"');

export const StackAction = z.enum(['start', 'stop', 'restart', 'pause', 'unpause']);
export type StackAction = z.infer<typeof StackAction>;

const Entry = z.object({ id: z.string(), name: z.string() });

export const StackActionResult = z.object({
  done: z.array(Entry),
  /** Containers that needed nothing (e.g. start of a running one), with why. */
  skipped: z.array(Entry.extend({ reason: z.string() })),
  failed: z.array(Entry.extend({ code: z.string(), message: z.string() })),
});
export type StackActionResult = z.infer<typeof StackActionResult>;

export const stacksContract = {
  /**
   * Start, stop, restart, pause or unpause a project's (or one service's) containers through the Engine
   * API, found by their compose labels: works with no compose CLI. One-off `run` containers are left
   * alone. NOT_FOUND when the project (or service) has no containers.
   */
  'stacks.action': invoke(
    z.object({ project: ComposeName, service: ComposeName.optional(), action: StackAction }),
    StackActionResult,
  ),
} as const;
