import type { ITheme } from '@xterm/xterm';

/**
 * xterm's colours from the app theme: background, text, cursor and selection come from the CSS
 * variables of html[data-theme]; the 16 ANSI colours are tuned per theme so `ls --color`, prompts
 * and `top` stay readable on both (yellow and bright white are dark enough on light).
 */
const DARK_ANSI: ITheme = {
  black: '#1e1f24',
  red: '#ff6b6b',
  green: '#3dd68c',
  yellow: '#f5b94a',
  blue: '#6d9eff',
  magenta: '#d48bff',
  cyan: '#4fd1d9',
  white: '#d4d4d8',
  brightBlack: '#767781',
  brightRed: '#ff8f8f',
  brightGreen: '#6be3a8',
  brightYellow: '#ffd27a',
  brightBlue: '#94b8ff',
  brightMagenta: '#e2adff',
  brightCyan: '#7fe3ea',
  brightWhite: '#ffffff',
};

const LIGHT_ANSI: ITheme = {
  black: '#1b1b1f',
  red: '#c62828',
  green: '#16794a',
  yellow: '#8a5a00',
  blue: '#2b67d9',
  magenta: '#9c36b5',
  cyan: '#0b7285',
  white: '#6b6c75',
  brightBlack: '#5c5d66',
  brightRed: '#e03131',
  brightGreen: '#2b8a3e',
  brightYellow: '#a86b00',
  brightBlue: '#1c4fb8',
  brightMagenta: '#ae3ec9',
  brightCyan: '#0c8599',
  brightWhite: '#2a2a30',
};

export type VarReader = (name: string) => string;

export function cssVarReader(el: Element = document.documentElement): VarReader {
  const style = getComputedStyle(el);
  return (name) => style.getPropertyValue(name).trim();
}

export function xtermTheme(theme: 'dark' | 'light', read: VarReader): ITheme {
  const v = (name: string, fallback: string): string => read(name) || fallback;
  const dark = theme === 'dark';
  return {
    ...(dark ? DARK_ANSI : LIGHT_ANSI),
    background: v('--bg', dark ? '#111214' : '#ffffff'),
    foreground: v('--text', dark ? '#e7e7ea' : '#1b1b1f'),
    cursor: v('--accent', dark ? '#6d9eff' : '#2b67d9'),
    cursorAccent: v('--bg', dark ? '#111214' : '#ffffff'),
    selectionBackground: dark ? 'rgba(109, 158, 255, 0.35)' : 'rgba(43, 103, 217, 0.22)',
    selectionInactiveBackground: dark ? 'rgba(160, 161, 170, 0.25)' : 'rgba(92, 93, 102, 0.16)',
    scrollbarSliderBackground: dark ? 'rgba(160, 161, 170, 0.22)' : 'rgba(92, 93, 102, 0.22)',
    scrollbarSliderHoverBackground: dark ? 'rgba(160, 161, 170, 0.36)' : 'rgba(92, 93, 102, 0.36)',
    scrollbarSliderActiveBackground: dark ? 'rgba(160, 161, 170, 0.5)' : 'rgba(92, 93, 102, 0.5)',
  };
}

/** The app's monospace font and the current theme's colours, for a new xterm.js Terminal. */
export function terminalLook(read: VarReader = cssVarReader()): { fontFamily: string; theme: ITheme } {
  const current = document.documentElement.dataset.theme === 'light' ? 'light' : 'dark';
  return { fontFamily: read('--font-mono') || 'monospace', theme: xtermTheme(current, read) };
}
