/**
 * Keyboard shortcuts the terminal takes before xterm sees them (attachCustomKeyEventHandler).
 *
 * - Ctrl+Shift+C copies the selection (Chrome would open DevTools' inspector otherwise).
 * - Ctrl+V and Ctrl+Shift+V paste: xterm must NOT turn Ctrl+V into ^V, so the key is left to the
 *   browser, whose native `paste` event xterm handles (no clipboard permission needed).
 * - Ctrl+Shift+F opens the find bar.
 * Everything else, Ctrl+C included, goes to the process.
 */
export type KeyAction = 'copy' | 'native-paste' | 'find' | 'pass';

export interface KeyLike {
  type: string;
  key: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function classifyKey(e: KeyLike): KeyAction {
  if (!e.ctrlKey || e.altKey || e.metaKey) return 'pass';
  const k = e.key.toLowerCase();
  if (k === 'v') return 'native-paste';
  if (!e.shiftKey) return 'pass';
  if (k === 'c') return 'copy';
  if (k === 'f') return 'find';
  return 'pass';
}

/** The key handler's answer to xterm: false = xterm ignores the key. */
export function xtermShouldHandle(action: KeyAction): boolean {
  return action === 'pass';
}
