import type { Envelope } from '../../shared/errors';
import {
  ackAfter,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  type BerthBridge,
  type ClientMessage,
  type FrameHandler,
  type ServerMessage,
} from '../../shared/protocol';

/**
 * Web-mode bridge: the contract over one WebSocket. The token comes from the URL fragment (never
 * sent in an HTTP request), is moved to sessionStorage so a reload keeps working, and is presented as
 * a WebSocket subprotocol. Reconnects with backoff and re-subscribes live streams.
 */

export type LinkState = 'connecting' | 'open' | 'closed' | 'unauthorized';

const TOKEN_KEY = 'berth.token';

export function takeToken(loc: Location = window.location, store: Storage = window.sessionStorage): string | undefined {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (m?.[1]) {
    store.setItem(TOKEN_KEY, m[1]);
    // Keep the token out of the address bar, history and screenshots.
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return m[1];
  }
  return store.getItem(TOKEN_KEY) ?? undefined;
}

interface Sub {
  channel: string;
  args: unknown;
  onFrame: FrameHandler;
}

export interface WsBridge extends BerthBridge {
  readonly state: LinkState;
  onState(listener: (state: LinkState) => void): () => void;
  close(): void;
}

export function createWsBridge(url: string, token: string | undefined): WsBridge {
  let ws: WebSocket | undefined;
  let state: LinkState = 'connecting';
  let nextId = 1;
  let nextSub = 1;
  let backoff = 250;
  let closedByUser = false;
  let everOpened = false;
  const pending = new Map<number, { resolve: (e: Envelope<unknown>) => void; msg: ClientMessage }>();
  const subs = new Map<string, Sub>();
  const queue: ClientMessage[] = [];
  const listeners = new Set<(s: LinkState) => void>();

  const setState = (s: LinkState): void => {
    state = s;
    listeners.forEach((l) => l(s));
  };

  const send = (msg: ClientMessage): void => {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
    else if (msg.t === 'invoke') queue.push(msg);
  };

  const connect = (): void => {
    setState('connecting');
    const protocols = token ? [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`] : [WS_PROTOCOL];
    const sock = new WebSocket(url, protocols);
    ws = sock;
    sock.onopen = () => {
      everOpened = true;
      backoff = 250;
      setState('open');
      for (const [sub, s] of subs) sock.send(JSON.stringify({ t: 'subscribe', sub, channel: s.channel, args: s.args }));
      for (const msg of queue.splice(0)) sock.send(JSON.stringify(msg));
    };
    sock.onmessage = (ev: MessageEvent<string>) => {
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      if (msg.t === 'reply') {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.envelope);
        return;
      }
      const { t: _t, ...frame } = msg;
      const s = subs.get(frame.sub);
      if (!s) return;
      if (frame.kind !== 'data') subs.delete(frame.sub);
      const handled = s.onFrame(frame);
      // Ack once the consumer is done with the batch (a returned promise defers it: flow control).
      if (frame.kind === 'data') {
        ackAfter(handled, () => {
          if (sock.readyState === WebSocket.OPEN) sock.send(JSON.stringify({ t: 'ack', sub: frame.sub }));
        });
      }
    };
    sock.onclose = () => {
      ws = undefined;
      if (closedByUser) {
        setState('closed');
        return;
      }
      // A handshake refused before it ever opened is (almost always) a bad or missing token.
      setState(everOpened ? 'closed' : 'unauthorized');
      for (const [id, p] of pending) {
        if (p.msg.t === 'invoke') {
          pending.delete(id);
          p.resolve({
            ok: false,
            error: { code: 'ENGINE_UNREACHABLE', message: 'Lost the connection to the Berth server; retrying.' },
          });
        }
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  };

  connect();

  return {
    get state() {
      return state;
    },
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    invoke(channel, args) {
      return new Promise((resolve) => {
        const msg: ClientMessage = { t: 'invoke', id: nextId++, channel, args };
        pending.set(msg.id, { resolve, msg });
        send(msg);
      });
    },
    subscribe(channel, args, onFrame) {
      const sub = `s${nextSub++}`;
      subs.set(sub, { channel, args, onFrame });
      send({ t: 'subscribe', sub, channel, args });
      return () => {
        if (subs.delete(sub)) send({ t: 'unsubscribe', sub });
      };
    },
    close() {
      closedByUser = true;
      ws?.close();
    },
  };
}
