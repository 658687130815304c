import { useSyncExternalStore } from 'react';

/**
 * Theme: html[data-theme=dark|light]. The choice (system, dark or light) lives in the settings file;
 * the settings feature passes it to `applyThemeChoice`. localStorage ('berth.theme') caches the last
 * choice only so that the first paint, before the settings have arrived, is already in that theme.
 * "system" follows prefers-color-scheme, also when it changes.
 */
export type Theme = 'dark' | 'light';
export type ThemeChoice = Theme | 'system';
const KEY = 'berth.theme';
const listeners = new Set<() => void>();
let choice: ThemeChoice = 'system';
let persist: ((choice: ThemeChoice) => void) | undefined;

/** The cached choice (a Berth before the settings file stored 'dark' or 'light' here too). */
export function cachedThemeChoice(): ThemeChoice | undefined {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' || v === 'system' ? v : undefined;
  } catch {
    return undefined;
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function apply(theme: Theme): void {
  if (document.documentElement.dataset.theme === theme) return;
  document.documentElement.dataset.theme = theme;
  listeners.forEach((l) => l());
}

/** Call before the first render so the page never flashes the wrong theme. */
export function initTheme(): void {
  choice = cachedThemeChoice() ?? 'system';
  apply(choice === 'system' ? systemTheme() : choice);
  window.matchMedia?.('(prefers-color-scheme: light)').addEventListener('change', () => {
    if (choice === 'system') apply(systemTheme());
  });
}

/** Shows `next` and caches it for the next first paint (the settings file stays the source of truth). */
export function applyThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    window.localStorage.setItem(KEY, next);
  } catch {
    // storage disabled: only the first paint of the next load may differ
  }
  apply(next === 'system' ? systemTheme() : next);
}

/** Where a choice made here (the toggle) is saved: set by the settings feature at start-up. */
export function setThemePersist(fn: (choice: ThemeChoice) => void): void {
  persist = fn;
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

/** The sidebar toggle: an explicit dark or light choice, shown at once and saved. */
export function toggleTheme(): void {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  applyThemeChoice(next);
  persist?.(next);
}

export function useTheme(): Theme {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, currentTheme);
}
