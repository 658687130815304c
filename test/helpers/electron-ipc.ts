import { EventEmitter } from 'node:events';
import type { Envelope } from '../../shared/errors';
import type { StreamFrame } from '../../shared/protocol';
import type { IpcEventLike, IpcMainLike, SenderFrame } from '../../electron/ipc/electron-transport';

/**
 * Electron faked at its boundary: an ipcMain, a WebContents and sender frames with just the members
 * the Electron transport uses, so tests drive `registerIpc` as Electron would.
 */

type Listener = (event: IpcEventLike, ...args: unknown[]) => void;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, Listener[]>();
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  async invoke(event: IpcEventLike, ...args: unknown[]): Promise<Envelope<unknown>> {
    const h = this.handlers.get('berth:invoke');
    if (!h) throw new Error('no handler for berth:invoke');
    return (await h(event, ...args)) as Envelope<unknown>;
  }
  emit(channel: string, event: IpcEventLike, ...args: unknown[]): void {
    for (const l of this.listeners.get(channel) ?? []) l(event, ...args);
  }
}

let nextContentsId = 1;

export class FakeContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  readonly sent: StreamFrame[] = [];
  readonly sentToFrame: Array<{ target: [number, number]; frame: StreamFrame }> = [];
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, frame: unknown): void {
    if (channel !== 'berth:frame') throw new Error(`unexpected channel ${channel}`);
    this.sent.push(frame as StreamFrame);
  }
  sendToFrame(target: [number, number], channel: string, frame: unknown): void {
    if (channel !== 'berth:frame') throw new Error(`unexpected channel ${channel}`);
    this.sentToFrame.push({ target, frame: frame as StreamFrame });
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export function frame(url: string, processId = 4, routingId = 1, parent: SenderFrame | null = null): SenderFrame {
  return { url, processId, routingId, parent };
}

export function ev(sender: FakeContents, senderFrame: SenderFrame | null): IpcEventLike {
  return { sender, senderFrame };
}
