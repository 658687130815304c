import { create } from 'zustand';
import type { ComposeCliInfo } from '../../../shared/contracts/stacks';
import { api } from '../../api';
import { errorMessage } from '../../stores/toasts';

/**
 * Which compose CLI Berth uses (`stacks.cli`), asked once when the Stacks view first opens and again
 * after the user sets or clears a path. Nothing polls it.
 */
interface ComposeCliState {
  info: ComposeCliInfo | undefined;
  loading: boolean;
  /** The question itself failed (not "no CLI found", which is an answer). */
  error: string | undefined;
}

export const useComposeCli = create<ComposeCliState>(() => ({ info: undefined, loading: false, error: undefined }));

let asked: Promise<void> | undefined;

export function loadComposeCli(force = false): Promise<void> {
  if (asked && !force) return asked;
  useComposeCli.setState({ loading: true });
  asked = api
    .invoke('stacks.cli', {})
    .then((info) => useComposeCli.setState({ info, loading: false, error: undefined }))
    .catch((err: unknown) => {
      asked = undefined;
      useComposeCli.setState({ loading: false, error: errorMessage(err) });
    });
  return asked;
}

/**
 * Sets (or clears, with null) the CLI path. The server probes a new path first and does not keep one
 * that is not a working compose CLI: then the reply's `error` says why, and the CLI in use stays as is.
 */
export async function setComposeCliPath(path: string | null): Promise<{ info: ComposeCliInfo; refused?: string }> {
  const info = await api.invoke('stacks.setCliPath', { path });
  if (path !== null && (info.error || info.userPath !== path)) {
    return { info, refused: info.error ?? `${path} is not a compose CLI` };
  }
  useComposeCli.setState({ info, error: undefined });
  return { info };
}

/** Why a CLI op cannot run now, or undefined when it can. */
export function cliMissingReason(info: ComposeCliInfo | undefined): string | undefined {
  if (!info) return 'Looking for the compose CLI…';
  if (!info.found) return 'Needs the compose CLI (docker compose or docker-compose), which was not found';
  return undefined;
}
