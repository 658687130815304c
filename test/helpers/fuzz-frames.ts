import type { z } from 'zod';
import { contract } from '../../shared/contract';
import type { ChannelDef } from '../../shared/contract-kit';

/**
 * Random and malformed client frames for the transport fuzz test (issue 9 item 7), from a seeded
 * generator so a failure can be replayed with the same seed. `contractAccepts` tells which of them
 * the contract would let through to a handler (those may call the engine, so the test leaves them out).
 */

/** mulberry32: small, fast, seedable. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const channels = Object.keys(contract);
const defs = contract as unknown as Record<string, ChannelDef>;

/** Values that have broken parsers, paths and prototypes elsewhere. */
const NASTY: readonly unknown[] = [
  'abc/../x',
  'a?force=1',
  '../../../etc/passwd',
  '%2e%2e%2fx',
  'x/../../containers/json',
  'a#b',
  'a b',
  '',
  ' ',
  '\u0000',
  '\ud800',
  '😀'.repeat(40),
  'x'.repeat(300),
  'y'.repeat(70_000),
  -1,
  0,
  1.5,
  1e308,
  -0,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  false,
  null,
  [],
  {},
  [[[[]]]],
  ['a', 1, null],
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  'constructor',
  'toString',
  '__proto__',
  { id: 'abc/../x' },
  { length: 1e9 },
];

export class FrameFactory {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = rng(seed);
  }

  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }

  randomText(max: number): string {
    const n = this.int(max);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.int(this.chance(0.9) ? 128 : 0xffff));
    return s;
  }

  randomBytes(max: number): Buffer {
    const b = Buffer.alloc(this.int(max) + 1);
    for (let i = 0; i < b.length; i++) b[i] = this.int(256);
    return b;
  }

  channel(): unknown {
    const roll = this.int(10);
    if (roll < 6) return this.pick(channels);
    if (roll === 6) return `${this.pick(channels)}x`;
    if (roll === 7) return this.pick(['__proto__', 'constructor', 'hasOwnProperty', '', 'containers', 'a'.repeat(200)]);
    return this.pick(NASTY);
  }

  /** Arguments for a channel: its own field names with wrong or hostile values, or no object at all. */
  args(channel: unknown): unknown {
    if (this.chance(0.15)) return this.pick(NASTY);
    const def = typeof channel === 'string' ? defs[channel] : undefined;
    const shape = (def?.input as { shape?: Record<string, unknown> } | undefined)?.shape;
    const keys = shape ? Object.keys(shape) : ['id', 'name', 'all'];
    const out: Record<string, unknown> = {};
    for (const k of keys) if (this.chance(0.8)) out[k] = this.pick(NASTY);
    if (this.chance(0.2)) out[this.pick(['extra', '__proto__', 'constructor'])] = this.pick(NASTY);
    return out;
  }

  sub(): unknown {
    const roll = this.int(10);
    if (roll < 5) return `s${this.int(50)}`;
    if (roll < 7) return this.pick(['w1', 'w2']); // the live subscriptions: duplicates and acks
    if (roll < 8) return 'z'.repeat(129 + this.int(5000));
    return this.pick(NASTY);
  }

  /** One wire message object (before encoding), possibly ill-typed. */
  message(): Record<string, unknown> {
    const t = this.pick(['invoke', 'invoke', 'subscribe', 'subscribe', 'unsubscribe', 'ack', 'nope', 5, null]);
    const channel = this.channel();
    const msg: Record<string, unknown> = { t, channel, args: this.args(channel), sub: this.sub() };
    msg.id = this.pick([this.int(1e6), this.int(1e6), -1, 1.5, '7', null, 2 ** 60]);
    if (this.chance(0.1)) delete msg[this.pick(['t', 'channel', 'args', 'sub', 'id'])];
    return msg;
  }

  deepJson(depth: number): string {
    const open = this.chance(0.5) ? '[' : '{"a":';
    const close = open === '[' ? ']' : '}';
    return `{"t":"invoke","id":1,"channel":"containers.list","args":{"all":${open.repeat(depth)}1${close.repeat(depth)}}}`;
  }

  /** A text or binary frame of any of the fuzzed kinds (never one bigger than a few hundred KiB). */
  frame(): string | Buffer {
    const roll = this.int(100);
    if (roll < 8) return this.randomText(200);
    if (roll < 14) return this.randomBytes(300);
    if (roll < 22) {
      const text = JSON.stringify(this.message());
      return text.slice(0, this.int(text.length)); // truncated
    }
    if (roll < 26) return this.deepJson(65 + this.int(20_000));
    if (roll < 30) return JSON.stringify(this.pick([null, 1, 'str', [], [1, 2], true, { t: 'invoke' }]));
    return JSON.stringify(this.message());
  }
}

/** Whether the contract would hand this decoded message to a handler (which may then call the engine). */
export function contractAccepts(msg: unknown): boolean {
  if (!msg || typeof msg !== 'object') return false;
  const m = msg as Record<string, unknown>;
  const kind = m.t === 'invoke' ? 'invoke' : m.t === 'subscribe' ? 'stream' : undefined;
  if (!kind || typeof m.channel !== 'string' || !Object.prototype.hasOwnProperty.call(defs, m.channel)) return false;
  const def = defs[m.channel] as ChannelDef;
  return def.kind === kind && (def.input as z.ZodType).safeParse(m.args ?? {}).success;
}

/** The decoded message of a text frame, or undefined (binary, not JSON). */
export function decode(frame: string | Buffer): unknown {
  if (typeof frame !== 'string') return undefined;
  try {
    return JSON.parse(frame) as unknown;
  } catch {
    return undefined;
  }
}
