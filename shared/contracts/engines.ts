import { z } from 'zod';
import { invoke, stream } from '../contract-kit';

/**
 * The engine switcher: every engine Berth knows (the default one, Docker contexts, Podman sockets,
 * engines the user added), each one's status, and which one the app is bound to. Spread into the one
 * contract.
 */

export const EngineKind = z.enum(['default', 'context', 'podman', 'unix', 'tcp', 'ssh']);
export type EngineKind = z.infer<typeof EngineKind>;

export const EngineId = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[^\p{Cc}]+$/u);

export const EngineEntry = z.object({
  id: EngineId,
  kind: EngineKind,
  name: z.string(),
  /** Where it is: unix:///…, tcp://…, ssh://… (the default entry: what Berth would pick). */
  endpoint: z.string(),
  description: z.string().optional(),
  current: z.boolean(),
  /** Only engines the user added can be removed. */
  removable: z.boolean(),
});
export type EngineEntry = z.infer<typeof EngineEntry>;

export const EngineProbe = z.object({
  id: EngineId,
  reachable: z.boolean(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  product: z.string().optional(),
  /** Why it is not reachable, in the engine's (or ssh's, or TLS's) own words. */
  error: z.string().optional(),
});
export type EngineProbe = z.infer<typeof EngineProbe>;

const Name = z
  .string()
  .trim()
  .min(1, 'Give the engine a name')
  .max(64, 'At most 64 characters')
  .regex(/^[^\p{Cc}]*$/u, 'No control characters');

const AbsPath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} path`)
    .max(4096)
    .regex(/^\//, `The ${what} path must be absolute (start with /)`)
    .regex(/^[^\p{Cc}]*$/u, 'No control characters');

const OptionalPath = (what: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), AbsPath(what).optional());

export const TcpTls = z.object({
  ca: OptionalPath('CA certificate'),
  cert: OptionalPath('client certificate'),
  key: OptionalPath('client key'),
});

/** What the "Add engine" dialog sends; each field's message says what is wrong with it. */
export const AddEngineInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unix'), name: Name, path: AbsPath('socket') }),
  z.object({
    kind: z.literal('tcp'),
    name: Name,
    host: z
      .string()
      .trim()
      .regex(
        /^tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/,
        'Use tcp://host:port, e.g. tcp://192.168.1.20:2376',
      )
      .refine((h) => Number(h.slice(h.lastIndexOf(':') + 1)) <= 65535, 'The port must be 1–65535'),
    tls: TcpTls.default({}).refine((t) => Boolean(t.cert) === Boolean(t.key), {
      message: 'Give both the client certificate and its key, or neither',
      path: ['key'],
    }),
  }),
  z.object({
    kind: z.literal('ssh'),
    name: Name,
    host: z
      .string()
      .trim()
      .regex(
        /^ssh:\/\/([A-Za-z0-9._][A-Za-z0-9._-]*@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.][A-Za-z0-9.-]*)(:([1-9]\d{0,4}))?$/,
        'Use ssh://user@host or ssh://user@host:port',
      ),
  }),
]);
export type AddEngineInput = z.infer<typeof AddEngineInput>;

/** Which engine the app is bound to; `generation` grows by one at every switch. */
export const EngineBinding = z.object({ current: EngineEntry, generation: z.number().int() });
export type EngineBinding = z.infer<typeof EngineBinding>;

export const enginesContract = {
  'engines.list': invoke(z.object({}), z.array(EngineEntry)),
  /** Probes the given engines (default: all) in parallel, each within a few seconds. */
  'engines.probe': invoke(z.object({ ids: z.array(EngineId).max(100).optional() }), z.array(EngineProbe)),
  'engines.add': invoke(AddEngineInput, EngineEntry),
  'engines.remove': invoke(z.object({ id: EngineId }), z.void()),
  /** Re-binds every view: streams of the old engine end, lists reload for the new one. */
  'engines.switch': invoke(z.object({ id: EngineId }), EngineBinding),
  /** The binding now and after every switch. */
  'engines.watch': stream(z.object({}), EngineBinding),
} as const;
