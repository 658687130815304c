import { Component, type ErrorInfo, type ReactNode } from 'react';
import { mode, webLink } from '../api';
import { EmptyState } from '../components/EmptyState';

/**
 * Code-split chunks that failed to download. In web mode Chromium aborts requests in flight when the
 * host's network changes (ERR_NETWORK_CHANGED — creating a Docker network is enough), and a module
 * that failed to load stays failed for the page's lifetime, with every chunk importing it: only a
 * reload brings them back. (Electron loads from its own app:// protocol and is not affected.)
 */

const RELOAD_KEY = 'berth.chunkReloadAt';
/** At most one automatic reload per this long (a server that really lost its files must not loop). */
const RELOAD_GUARD_MS = 30_000;

export function isChunkLoadError(err: unknown): boolean {
  const msg = err instanceof Error ? err.message : String(err);
  return /Failed to fetch dynamically imported module|Importing a module script failed|error loading dynamically imported module|Unable to preload CSS/i.test(
    msg,
  );
}

/**
 * Reloads the page (same route: the hash and the session token survive) unless one was just done, or
 * the server does not answer (it went away: the reconnect banner is the right thing to show then,
 * not a browser error page). Web mode only; resolves true when it reloads.
 */
export async function reloadForChunks(): Promise<boolean> {
  if (mode !== 'web' || webLink?.state !== 'open') return false;
  try {
    const last = Number(sessionStorage.getItem(RELOAD_KEY) ?? '0');
    if (Date.now() - last < RELOAD_GUARD_MS) return false;
    const res = await fetch(window.location.pathname, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok || webLink.state !== 'open') return false;
    sessionStorage.setItem(RELOAD_KEY, String(Date.now()));
  } catch {
    return false;
  }
  window.location.reload();
  return true;
}

/** True when reloading now would lose nothing the user is doing (no dialog, no field in use). */
export function pageIsIdle(): boolean {
  if (document.querySelector('[role=dialog], [role=alertdialog]')) return false;
  const a = document.activeElement;
  return !(a instanceof HTMLInputElement || a instanceof HTMLTextAreaElement || a instanceof HTMLSelectElement);
}

interface BoundaryState {
  error: unknown;
}

/**
 * Catches a view or dialog whose code could not be loaded (or that crashed) and says so, with a
 * Reload button, instead of leaving a blank window. A chunk failure met while opening a view reloads
 * at once (the view could not render anyway); `resetKey` changes (another route) clear the error.
 */
export class ChunkErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, BoundaryState> {
  override state: BoundaryState = { error: undefined };

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    if (isChunkLoadError(error) && pageIsIdle()) void reloadForChunks();
    else console.error('Berth view failed', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    if (this.state.error !== undefined && prev.resetKey !== this.props.resetKey) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    const chunk = isChunkLoadError(error);
    return (
      <div className="page page-center" role="alert">
        <EmptyState
          title={chunk ? 'This part of Berth could not be downloaded' : 'This view failed'}
          hint={
            chunk
              ? 'The connection to the Berth server was interrupted while it loaded (for example by a network change). Reload to fetch it again.'
              : error instanceof Error
                ? error.message
                : String(error)
          }
          action={
            <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
              Reload
            </button>
          }
        />
      </div>
    );
  }
}
