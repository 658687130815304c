import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import { useTheme } from '../../lib/theme';
import { cssVarReader, xtermTheme } from '../terminal/xtermTheme';
import { followOutput } from './runStore';

/**
 * The compose CLI's output in a read-only xterm: it draws ANSI colours and the cursor-up redraws of
 * compose's progress lines as a terminal would. DOM renderer (the text stays selectable and readable by
 * assistive tech and tests); `convertEol` because the CLI writes bare \n through a pipe.
 */
export function RunTerminal({ runKey }: { runKey: number }) {
  const hostRef = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | undefined>(undefined);
  const theme = useTheme();

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const read = cssVarReader();
    const term = new Terminal({
      fontFamily: read('--font-mono') || 'monospace',
      fontSize: 12,
      lineHeight: 1.2,
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      scrollback: 10000,
      theme: xtermTheme(document.documentElement.dataset.theme === 'light' ? 'light' : 'dark', read),
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host);
    termRef.current = term;
    const fitNow = (): void => {
      if (host.clientWidth === 0 || host.clientHeight === 0) return;
      try {
        fit.fit();
      } catch {
        // Not measurable yet; the next resize tries again.
      }
    };
    fitNow();
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fitNow);
    });
    observer.observe(host);
    // Compose writes a few KB per op: no flow control needed (unlike a container's terminal).
    const stop = followOutput((text) => term.write(text));
    return () => {
      stop();
      observer.disconnect();
      cancelAnimationFrame(frame);
      termRef.current = undefined;
      term.dispose();
    };
  }, [runKey]);

  useEffect(() => {
    const term = termRef.current;
    if (term) term.options.theme = xtermTheme(theme, cssVarReader());
  }, [theme]);

  return <div ref={hostRef} className="stack-run-term" role="log" aria-label="Compose output" />;
}
