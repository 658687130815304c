import { useSyncExternalStore } from 'react';

/**
 * Theme: html[data-theme=dark|light]. Default follows prefers-color-scheme; the toggle stores an
 * explicit choice in localStorage ('berth.theme'), after which the system setting no longer applies.
 */
export type Theme = 'dark' | 'light';
const KEY = 'berth.theme';
const listeners = new Set<() => void>();

function stored(): Theme | undefined {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' ? v : undefined;
  } catch {
    return undefined;
  }
}

function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

function apply(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  listeners.forEach((l) => l());
}

/** Call before the first render so the page never flashes the wrong theme. */
export function initTheme(): void {
  apply(stored() ?? systemTheme());
  window.matchMedia?.('(prefers-color-scheme: light)').addEventListener('change', () => {
    if (!stored()) apply(systemTheme());
  });
}

export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
}

export function setTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(KEY, theme);
  } catch {
    // storage disabled: still switch for this page
  }
  apply(theme);
}

export function toggleTheme(): void {
  setTheme(currentTheme() === 'dark' ? 'light' : 'dark');
}

export function useTheme(): Theme {
  return useSyncExternalStore((cb) => {
    listeners.add(cb);
    return () => listeners.delete(cb);
  }, currentTheme);
}
