import { z } from 'zod';
import { invoke, stream } from '../contract-kit';
import { HostPath } from './archive';

/**
 * Berth's own settings (theme, terminal, logs defaults, compose CLI path, confirmations) and the
 * channels of the Settings page. The file also holds keys of other features (`engines`,
 * `notifications`), validated by their owners: this schema never reads or rewrites them, except
 * "Reset all".
 */

/** The settings file format this Berth writes; a file with a higher `version` is kept aside. */
export const SETTINGS_VERSION = 1;

export const ThemeChoice = z.enum(['system', 'dark', 'light']);
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const CursorStyle = z.enum(['block', 'bar', 'underline']);
export type CursorStyle = z.infer<typeof CursorStyle>;

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ message: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max.toLocaleString('en-US')}`);

export const TerminalSettings = z.object({
  fontFamily: z.string().trim().min(1, 'Enter a font family').max(200, 'At most 200 characters'),
  fontSize: wholeNumber('Font size', 6, 48),
  cursorStyle: CursorStyle,
  /** Off by default: a blinking cursor makes xterm.js repaint on every key (~17 ms more per echo). */
  cursorBlink: z.boolean(),
  scrollback: wholeNumber('Scrollback', 0, 100_000),
});
export type TerminalSettings = z.infer<typeof TerminalSettings>;

export const LogsTailSetting = z.union([z.literal('all'), wholeNumber('Tail', 1, 1_000_000)], {
  message: 'Tail must be a whole number of lines, or “all”',
});
export const LogsSettings = z.object({
  /** Lines a new log view asks for before following. */
  tail: LogsTailSetting,
  timestamps: z.boolean(),
  wrap: z.boolean(),
});
export type LogsSettings = z.infer<typeof LogsSettings>;

export const ComposeSettings = z.object({
  /** The compose binary the user chose; null = detect (`docker compose`, then `docker-compose`). */
  cliPath: HostPath.nullable(),
});
export type ComposeSettings = z.infer<typeof ComposeSettings>;

export const ConfirmationSettings = z.object({
  /** Ask before Stop, Restart and Kill of containers (removal is always confirmed). */
  stopRestart: z.boolean(),
});
export type ConfirmationSettings = z.infer<typeof ConfirmationSettings>;

export const SettingsValues = z.object({
  theme: ThemeChoice,
  terminal: TerminalSettings,
  logs: LogsSettings,
  compose: ComposeSettings,
  confirmations: ConfirmationSettings,
});
export type SettingsValues = z.infer<typeof SettingsValues>;

export const DEFAULT_SETTINGS: SettingsValues = {
  theme: 'system',
  terminal: {
    fontFamily:
      "ui-monospace, 'SF Mono', 'Cascadia Mono', 'JetBrains Mono', Menlo, Consolas, 'Liberation Mono', monospace",
    fontSize: 13,
    cursorStyle: 'block',
    cursorBlink: false,
    scrollback: 5000,
  },
  logs: { tail: 1000, timestamps: false, wrap: false },
  compose: { cliPath: null },
  confirmations: { stopRestart: false },
};

/** One section of the page, for "Reset" of that section. `all` also resets other features' keys. */
export const SettingsSection = z.enum(['theme', 'terminal', 'logs', 'compose', 'confirmations']);
export type SettingsSection = z.infer<typeof SettingsSection>;

export const SettingsPatch = z
  .object({
    theme: ThemeChoice,
    terminal: TerminalSettings.partial(),
    logs: LogsSettings.partial(),
    compose: ComposeSettings,
    confirmations: ConfirmationSettings.partial(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** A settings file Berth could not use, moved or copied aside so nothing is lost. */
export const KeptAside = z.object({
  reason: z.enum(['newer', 'corrupt', 'invalid']),
  /** Where the user's file now is. */
  path: z.string(),
  /** What was wrong, in words (e.g. "version 3; this Berth knows 1", "terminal.fontSize: …"). */
  detail: z.string(),
  at: z.number(),
});
export type KeptAside = z.infer<typeof KeptAside>;

export const SettingsState = z.object({
  values: SettingsValues,
  /** The settings file's path. */
  file: z.string(),
  /** Files kept aside since Berth started (newest last): the page reports them. */
  keptAside: z.array(KeptAside),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const settingsContract = {
  'settings.get': invoke(z.object({}), SettingsState),
  /**
   * Changes some values (each validated; an invalid one answers INVALID_ARGUMENT with `issues` per
   * field and writes nothing). `errors` holds values that were valid but refused, per field (e.g. a
   * compose path that is not a compose CLI): those are not saved, the others are.
   */
  'settings.set': invoke(SettingsPatch, z.object({ state: SettingsState, errors: z.record(z.string(), z.string()) })),
  /** Back to defaults: one section, or `all` (every key in the file, other features' too). */
  'settings.reset': invoke(z.object({ section: z.union([SettingsSection, z.literal('all')]) }), SettingsState),
  /** The state now, then again after every change, whichever window or tab made it. */
  'settings.watch': stream(z.object({}), SettingsState),
};
