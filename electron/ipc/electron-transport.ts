import type { Envelope } from '../../shared/errors';
import type { StreamFrame } from '../../shared/protocol';
import {
  IPC_ACK,
  IPC_FRAME,
  IPC_INVOKE,
  IPC_SUBSCRIBE,
  IPC_UNSUBSCRIBE,
  MAX_CHANNEL_LENGTH,
  MAX_SUB_LENGTH,
} from '../app/ipc-channels';
import { isAppUrl } from '../app/protocol';
import type { Dispatcher, Session } from './dispatcher';

/**
 * The Electron transport: the dispatcher on `ipcMain`. One dispatcher session per sender frame
 * (`webContentsId:processId:routingId`), so a reload or a closed window aborts exactly that page's
 * engine streams. Every message is checked against the sender frame's URL: only the bundled renderer
 * (`app://berth/`) may call; anything else gets FORBIDDEN (invoke) or is ignored.
 *
 * Written against structural types (the slices of IpcMain / WebContents / WebFrameMain we use) so
 * the unit tests drive it with fakes.
 */

export interface SenderFrame {
  readonly url: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent?: SenderFrame | null;
}

export interface NavigationDetails {
  readonly isMainFrame: boolean;
  readonly isSameDocument: boolean;
  readonly frame?: SenderFrame | null;
}

export interface SenderContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  sendToFrame(frameId: [number, number], channel: string, ...args: unknown[]): void;
  on(event: 'destroyed', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: NavigationDetails) => void): unknown;
}

export interface IpcEventLike {
  readonly sender: SenderContents;
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => void): unknown;
}

export interface ElectronTransportOptions {
  /** Which sender URLs may use the contract. Default: only `app://berth/...`. */
  isTrustedUrl?: (url: string) => boolean;
  log?: (msg: string) => void;
}

export interface ElectronTransport {
  /** Open sessions (one per live sender frame). */
  readonly sessionCount: number;
  /** Closes every session (aborting its streams) and removes the ipcMain handlers. */
  dispose(): void;
}

interface ContentsState {
  sessions: Map<string, Session>;
}

function forbidden(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'FORBIDDEN', message } };
}

function invalid(message: string): Envelope<unknown> {
  return { ok: false, error: { code: 'INVALID_ARGUMENT', message } };
}

function isId(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

export function registerIpc(
  ipcMain: IpcMainLike,
  dispatcher: Dispatcher,
  options: ElectronTransportOptions = {},
): ElectronTransport {
  const isTrustedUrl = options.isTrustedUrl ?? isAppUrl;
  const log = options.log ?? (() => undefined);
  const contentsStates = new Map<number, ContentsState>();

  function closeAll(id: number): void {
    const state = contentsStates.get(id);
    if (!state) return;
    for (const session of state.sessions.values()) session.close();
    state.sessions.clear();
  }

  function closeFrame(contentsId: number, frame: SenderFrame): void {
    const state = contentsStates.get(contentsId);
    const key = `${contentsId}:${frame.processId}:${frame.routingId}`;
    const session = state?.sessions.get(key);
    if (!state || !session) return;
    session.close();
    state.sessions.delete(key);
  }

  function stateFor(contents: SenderContents): ContentsState {
    let state = contentsStates.get(contents.id);
    if (state) return state;
    state = { sessions: new Map() };
    contentsStates.set(contents.id, state);
    const id = contents.id;
    contents.on('destroyed', () => {
      closeAll(id);
      contentsStates.delete(id);
    });
    contents.on('render-process-gone', () => closeAll(id));
    // A reload or cross-document navigation starts a new page: the old page's streams must not leak.
    // (Navigations away from app://berth/ are already prevented in will-navigate, before this fires.)
    contents.on('did-start-navigation', (details) => {
      if (details.isSameDocument) return;
      if (details.isMainFrame) closeAll(id);
      else if (details.frame) closeFrame(id, details.frame);
    });
    return state;
  }

  /** The sender frame if (and only if) it is alive and trusted. Checked on every message. */
  function trustedFrame(event: IpcEventLike): SenderFrame | undefined {
    let frame: SenderFrame | null;
    try {
      frame = event.senderFrame;
    } catch {
      frame = null; // older Electron throws when the frame was disposed
    }
    if (!frame || event.sender.isDestroyed()) return undefined;
    let url: string;
    try {
      url = frame.url;
    } catch {
      return undefined;
    }
    if (!isTrustedUrl(url)) {
      log(`refused IPC from untrusted frame ${url.slice(0, 200)}`);
      return undefined;
    }
    return frame;
  }

  function sessionFor(event: IpcEventLike, frame: SenderFrame): Session {
    const contents = event.sender;
    const state = stateFor(contents);
    const key = `${contents.id}:${frame.processId}:${frame.routingId}`;
    let session = state.sessions.get(key);
    if (session) return session;
    const target: [number, number] = [frame.processId, frame.routingId];
    const isMain = !frame.parent;
    session = dispatcher.open(`electron:${key}`, (streamFrame: StreamFrame) => {
      if (contents.isDestroyed()) return;
      try {
        if (isMain) contents.send(IPC_FRAME, streamFrame);
        else contents.sendToFrame(target, IPC_FRAME, streamFrame);
      } catch (err) {
        log(`could not deliver a stream frame to ${key}: ${String(err)}`);
      }
    });
    state.sessions.set(key, session);
    return session;
  }

  const onInvoke = async (event: IpcEventLike, channel: unknown, args: unknown): Promise<Envelope<unknown>> => {
    const frame = trustedFrame(event);
    if (!frame) return forbidden('This page is not allowed to use the Berth API.');
    if (!isId(channel, MAX_CHANNEL_LENGTH)) return invalid('The channel must be a non-empty string.');
    return sessionFor(event, frame).invoke(channel, args);
  };

  const onSubscribe = (event: IpcEventLike, sub: unknown, channel: unknown, args: unknown): void => {
    const frame = trustedFrame(event);
    if (!frame || !isId(sub, MAX_SUB_LENGTH)) return;
    const session = sessionFor(event, frame);
    if (!isId(channel, MAX_CHANNEL_LENGTH)) {
      // Answer on the subscription so the caller's onError runs instead of waiting forever.
      session.subscribe(sub, '', args);
      return;
    }
    session.subscribe(sub, channel, args);
  };

  const onUnsubscribe = (event: IpcEventLike, sub: unknown): void => {
    const frame = trustedFrame(event);
    if (!frame || !isId(sub, MAX_SUB_LENGTH)) return;
    existingSession(event, frame)?.unsubscribe(sub);
  };

  const onAck = (event: IpcEventLike, sub: unknown): void => {
    const frame = trustedFrame(event);
    if (!frame || !isId(sub, MAX_SUB_LENGTH)) return;
    existingSession(event, frame)?.ack(sub);
  };

  function existingSession(event: IpcEventLike, frame: SenderFrame): Session | undefined {
    const key = `${event.sender.id}:${frame.processId}:${frame.routingId}`;
    return contentsStates.get(event.sender.id)?.sessions.get(key);
  }

  const listeners: Array<[string, (event: IpcEventLike, ...args: unknown[]) => void]> = [
    [IPC_SUBSCRIBE, (e, sub, channel, args) => onSubscribe(e, sub, channel, args)],
    [IPC_UNSUBSCRIBE, (e, sub) => onUnsubscribe(e, sub)],
    [IPC_ACK, (e, sub) => onAck(e, sub)],
  ];
  ipcMain.handle(IPC_INVOKE, (e, channel, args) => onInvoke(e, channel, args));
  for (const [channel, listener] of listeners) ipcMain.on(channel, listener);

  return {
    get sessionCount() {
      let n = 0;
      for (const state of contentsStates.values()) n += state.sessions.size;
      return n;
    },
    dispose() {
      ipcMain.removeHandler(IPC_INVOKE);
      for (const [channel, listener] of listeners) ipcMain.removeListener(channel, listener);
      for (const id of [...contentsStates.keys()]) closeAll(id);
      contentsStates.clear();
    },
  };
}
