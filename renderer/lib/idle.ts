type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (handle: number) => void;
};

/**
 * Runs `fn` when the browser is idle, at the latest after `timeoutMs`. Where requestIdleCallback is
 * missing it runs after `fallbackMs` (at once when 0). Returns a function that cancels it.
 */
export function whenIdle(fn: () => void, timeoutMs: number, fallbackMs: number): () => void {
  const w = window as IdleWindow;
  if (w.requestIdleCallback) {
    const h = w.requestIdleCallback(fn, { timeout: timeoutMs });
    return () => w.cancelIdleCallback?.(h);
  }
  if (fallbackMs <= 0) {
    fn();
    return () => undefined;
  }
  const t = setTimeout(fn, fallbackMs);
  return () => clearTimeout(t);
}
