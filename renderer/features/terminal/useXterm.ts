import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { WebglAddon } from '@xterm/addon-webgl';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type { TerminalSettings } from '../../../shared/contracts/settings';
import { useTheme } from '../../lib/theme';
import { settingsNow, useSettings } from '../settings/store';
import { copyText } from '../../lib/clipboard';
import { classifyKey, xtermShouldHandle } from './keys';
import { cssVarReader, terminalLook, xtermTheme } from './xtermTheme';

export interface Xterm {
  hostRef: RefObject<HTMLDivElement | null>;
  termRef: RefObject<Terminal | undefined>;
  searchRef: RefObject<SearchAddon | undefined>;
  /** Fits the terminal to its host when the host is visible and measurable. */
  fitNow(): void;
}

export interface XtermHandlers {
  /** Keys typed (or pasted) into the terminal. */
  onInput(data: string): void;
  /** The terminal's size changed (after a fit). */
  onResize(size: { cols: number; rows: number }): void;
  /** Ctrl+Shift+F (or the platform's find key) in the terminal. */
  onFind(): void;
}

/** The Settings → Terminal values as xterm options (font family empty = the app's mono font). */
function xtermOptions(t: TerminalSettings): {
  fontFamily: string;
  fontSize: number;
  cursorStyle: TerminalSettings['cursorStyle'];
  cursorBlink: boolean;
  scrollback: number;
} {
  return {
    fontFamily: t.fontFamily || terminalLook().fontFamily,
    fontSize: t.fontSize,
    cursorStyle: t.cursorStyle,
    cursorBlink: t.cursorBlink,
    scrollback: t.scrollback,
  };
}

/**
 * One xterm.js instance, made once per mount in the element `hostRef` points at: addons (fit, search,
 * links, WebGL when it works), Berth's key handling, refits on resize. Font, size, cursor and scrollback
 * follow Settings → Terminal live, the colours follow the theme.
 */
export function useXterm(active: boolean, handlers: XtermHandlers): Xterm {
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  const fitRef = useRef<FitAddon | undefined>(undefined);
  const searchRef = useRef<SearchAddon | undefined>(undefined);
  const activeRef = useRef(active);
  activeRef.current = active;
  const handlersRef = useRef(handlers);
  handlersRef.current = handlers;
  const theme = useTheme();
  const prefs = useSettings((v) => v.terminal);

  const fitNow = useCallback(() => {
    const host = hostRef.current;
    if (!host || !activeRef.current || host.clientWidth === 0 || host.clientHeight === 0) return;
    try {
      fitRef.current?.fit();
    } catch {
      // Not measurable yet (renderer not ready); the next resize tries again.
    }
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const term = new Terminal({
      ...terminalLook(),
      ...xtermOptions(settingsNow().terminal),
      lineHeight: 1.15,
      allowProposedApi: true, // search-result decorations
    });
    const fit = new FitAddon();
    const search = new SearchAddon();
    term.loadAddon(fit);
    term.loadAddon(search);
    term.loadAddon(
      new WebLinksAddon((event, uri) => {
        event.preventDefault();
        window.open(uri, '_blank', 'noopener,noreferrer');
      }),
    );
    term.open(host);
    loadRenderer(term, host);
    term.attachCustomKeyEventHandler((ev) => {
      const action = classifyKey(ev);
      if (action === 'pass' || ev.type !== 'keydown') return xtermShouldHandle(action);
      if (action === 'copy') {
        ev.preventDefault();
        if (term.hasSelection()) void copyText(term.getSelection());
      } else if (action === 'find') {
        ev.preventDefault();
        handlersRef.current.onFind();
      }
      // 'native-paste': leave the event to the browser; xterm handles the resulting paste event.
      return false;
    });
    termRef.current = term;
    fitRef.current = fit;
    searchRef.current = search;
    const onInput = term.onData((data) => handlersRef.current.onInput(data));
    const onResize = term.onResize((size) => handlersRef.current.onResize(size));
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fitNow);
    });
    observer.observe(host);
    fitNow();
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      onInput.dispose();
      onResize.dispose();
      termRef.current = undefined;
      term.dispose();
    };
  }, [fitNow]);

  useEffect(() => {
    const term = termRef.current;
    if (term) term.options.theme = xtermTheme(theme, cssVarReader());
  }, [theme]);

  // Settings → Terminal, applied to this open terminal: only the options that changed (setting one
  // makes xterm re-measure or repaint), then a refit, since a new font size changes cols and rows.
  useEffect(() => {
    const term = termRef.current;
    if (!term) return;
    const next = xtermOptions(prefs);
    let changed = false;
    for (const key of Object.keys(next) as (keyof typeof next)[]) {
      if (term.options[key] !== next[key]) {
        Object.assign(term.options, { [key]: next[key] });
        changed = true;
      }
    }
    if (changed) fitNow();
  }, [prefs, fitNow]);

  useEffect(() => {
    if (!active) return;
    const id = requestAnimationFrame(() => {
      fitNow();
      termRef.current?.focus();
    });
    return () => cancelAnimationFrame(id);
  }, [active, fitNow]);

  return { hostRef, termRef, searchRef, fitNow };
}

/** WebGL when the GPU allows it; xterm's DOM renderer otherwise (and after a lost context). */
function loadRenderer(term: Terminal, host: HTMLElement): void {
  host.dataset.renderer = 'dom';
  if (prefersDomRenderer()) return;
  try {
    const gl = new WebglAddon();
    gl.onContextLoss(() => {
      gl.dispose();
      host.dataset.renderer = 'dom';
    });
    term.loadAddon(gl);
    host.dataset.renderer = 'webgl';
  } catch {
    // No WebGL2 (e.g. headless without a GPU): the DOM renderer is already in place.
  }
}

/**
 * `localStorage['berth.terminal.renderer'] = 'dom'` skips WebGL: an escape hatch for GPU drivers that
 * draw garbage, and what tests use to read the screen as text.
 */
function prefersDomRenderer(): boolean {
  try {
    return window.localStorage.getItem('berth.terminal.renderer') === 'dom';
  } catch {
    return false;
  }
}
