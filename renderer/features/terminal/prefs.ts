import { create } from 'zustand';

/**
 * Terminal preferences kept across sessions and restarts (localStorage), shared by every open
 * terminal. The cursor is steady by default: a blinking one makes xterm.js repaint the cursor on
 * every key, and Chromium, which renders first after a key, then shows the echo a frame later
 * (~17 ms more per keystroke, measured by `npm run bench`, exec-latency).
 */
export interface TerminalPrefs {
  cursorBlink: boolean;
}

const KEY = 'berth.terminal.prefs';
export const DEFAULT_TERMINAL_PREFS: TerminalPrefs = { cursorBlink: false };

export function parseTerminalPrefs(raw: string | null): TerminalPrefs {
  try {
    const p = JSON.parse(raw ?? '{}') as Partial<TerminalPrefs> | null;
    return {
      cursorBlink: typeof p?.cursorBlink === 'boolean' ? p.cursorBlink : DEFAULT_TERMINAL_PREFS.cursorBlink,
    };
  } catch {
    return DEFAULT_TERMINAL_PREFS;
  }
}

function load(): TerminalPrefs {
  try {
    return parseTerminalPrefs(window.localStorage.getItem(KEY));
  } catch {
    return DEFAULT_TERMINAL_PREFS;
  }
}

interface TerminalPrefsState extends TerminalPrefs {
  setCursorBlink(on: boolean): void;
}

export const useTerminalPrefs = create<TerminalPrefsState>((set, get) => ({
  ...load(),
  setCursorBlink(on) {
    set({ cursorBlink: on });
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ cursorBlink: get().cursorBlink }));
    } catch {
      /* storage full or blocked: the choice just does not persist */
    }
  },
}));
