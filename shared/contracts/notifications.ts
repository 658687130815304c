import { z } from 'zod';
import { invoke } from '../contract-kit';

/** What can fire a notification. */
export const NotificationKind = z.enum(['exit', 'oom', 'unhealthy']);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** A muted container (by name: it survives re-creation, unlike its id) or compose project. */
export const MutedTarget = z.object({
  kind: z.enum(['container', 'project']),
  name: z.string().trim().min(1).max(255),
});
export type MutedTarget = z.infer<typeof MutedTarget>;

export const MAX_MUTED = 500;

/**
 * The `notifications` key of the settings file. Opt-in: off until the user turns it on (and the OS or
 * browser allows it). `engines` maps an engine's endpoint (EngineStatus.endpoint, a stable key when
 * several engines exist) to false to silence that engine; an engine not listed follows `enabled`.
 */
export const NotificationPrefs = z.object({
  enabled: z.boolean().default(false),
  kinds: z
    .object({ exit: z.boolean().default(true), oom: z.boolean().default(true), unhealthy: z.boolean().default(true) })
    .default({ exit: true, oom: true, unhealthy: true }),
  engines: z.record(z.string().min(1).max(1024), z.boolean()).default({}),
  muted: z.array(MutedTarget).max(MAX_MUTED).default([]),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = NotificationPrefs.parse({});

/** Channels of desktop notifications. Spread into shared/contract.ts. */
export const notificationsContract = {
  /** The saved preferences (defaults when none are saved; `issue` says why a saved value was not usable). */
  'notifications.prefs.get': invoke(z.object({}), z.object({ prefs: NotificationPrefs, issue: z.string().optional() })),
  /** Saves the preferences (the whole object) and answers what is now saved. */
  'notifications.prefs.set': invoke(z.object({ prefs: NotificationPrefs }), NotificationPrefs),
  /**
   * Brings Berth's window to the front (a notification was clicked). In Electron the main process
   * raises the window; in web mode there is nothing to do on the server (the page calls window.focus()).
   */
  'notifications.focusWindow': invoke(z.object({}), z.void()),
} as const;
