import type { Handlers, StreamSink } from '../../shared/contract-kit';
import type { HistoryEntry, TransferFrame, registryContract } from '../../shared/contracts/registry';
import { BerthError } from '../../shared/errors';
import {
  parseReference,
  parseTagTarget,
  pullTarget,
  registryAuthKey,
  type ImageReference,
} from '../../shared/reference';
import { TransferState, type EngineProgressMessage } from '../../shared/transfer-progress';
import { CredentialError, CredentialStore, type RegistryAuth } from '../engine/credentials';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import { LineSplitter } from '../engine/lines';
import { streamError, toRegistryError } from '../engine/registry-errors';
import { imageHistory, inspectImage, tagImage, type EngineHistory } from '../engine/images';
import { checkRegistryAuth, pullImage, pushImage } from '../engine/registry';

type RegistryHandlers = Handlers<typeof registryContract>;

/** Progress snapshots at most this often (the transport batches too; this bounds the work per frame). */
const SNAPSHOT_MS = 100;

function mustParse(text: string, tagOnly = false): ImageReference {
  const r = tagOnly ? parseTagTarget(text) : parseReference(text);
  if (!r.ok) throw new BerthError('INVALID_ARGUMENT', `${text}: ${r.error}`);
  return r.ref;
}

async function credentialsFor(store: CredentialStore, key: string): Promise<RegistryAuth | undefined> {
  try {
    return await store.get(key);
  } catch (e) {
    // A broken helper should not block pulling public images; the pull then fails UNAUTHORIZED if needed.
    if (e instanceof CredentialError) return undefined;
    throw e;
  }
}

/**
 * Reads a pull/push progress stream into `state`, emitting coalesced snapshots: at most one per
 * SNAPSHOT_MS and none while the consumer is behind (state is bounded by the layer count, so the
 * engine stream never has to wait). Rejects with the stream's `error` line.
 */
function follow(
  stream: NodeJS.ReadableStream & { destroy?: () => void },
  state: TransferState,
  sink: StreamSink<TransferFrame>,
  signal: AbortSignal,
  registry: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const lines = new LineSplitter();
    let settled = false;
    let dirty = false;
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      if (!dirty || settled) return;
      if (sink.pressured) {
        timer = setTimeout(flush, SNAPSHOT_MS);
        return;
      }
      dirty = false;
      const frame: TransferFrame = { kind: 'progress', layers: state.snapshotLayers(), overall: state.overall() };
      if (state.status) frame.status = state.status;
      sink.emit(frame);
    };
    const done = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(new BerthError('CANCELLED', 'Cancelled'));
      if (err) return reject(toRegistryError(err, registry));
      if (state.error) return reject(streamError(state.error.message, registry));
      resolve();
    };
    const onAbort = (): void => {
      stream.destroy?.();
      done();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const onLine = (line: string): void => {
      const t = line.trim();
      if (!t) return;
      let msg: EngineProgressMessage;
      try {
        msg = JSON.parse(t) as EngineProgressMessage;
      } catch {
        return; // not JSON: skip (never fatal)
      }
      if (state.apply(msg)) {
        dirty = true;
        if (state.error) {
          stream.destroy?.();
          done();
          return;
        }
        if (!timer) timer = setTimeout(flush, SNAPSHOT_MS);
      }
    };
    stream.on('data', (chunk: Buffer) => {
      for (const l of lines.push(chunk)) onLine(l);
    });
    stream.on('end', () => {
      for (const l of lines.end()) onLine(l);
      done();
    });
    stream.on('close', () => done());
    stream.on('error', (e: unknown) => done(e));
  });
}

function doneFrame(ref: string, state: TransferState, fallback: string): TransferFrame {
  const f: TransferFrame = {
    kind: 'done',
    ref,
    status: state.status ?? fallback,
    layers: state.snapshotLayers(),
    overall: state.overall(),
  };
  if (state.digest) f.digest = state.digest;
  return f;
}

export function toHistoryEntries(rows: EngineHistory[]): HistoryEntry[] {
  return rows.map((h) => {
    const e: HistoryEntry = {
      created: h.Created,
      createdBy: h.CreatedBy ?? '',
      tags: (h.Tags ?? []).filter((t) => t !== '<none>:<none>'),
      size: h.Size ?? 0,
      comment: h.Comment ?? '',
      // Metadata steps add no filesystem layer; the API shows them as 0 bytes.
      empty: (h.Size ?? 0) === 0,
    };
    if (h.Id && h.Id !== '<missing>') e.id = h.Id;
    return e;
  });
}

export function registryHandlers(engine: EngineApi, credentials = new CredentialStore()): RegistryHandlers {
  return {
    'images.pull': async ({ ref }, sink, signal) => {
      const r = mustParse(ref);
      const docker = await engine.docker();
      const auth = await credentialsFor(credentials, r.authKey);
      const state = new TransferState();
      let stream;
      try {
        stream = await pullImage(docker, pullTarget(r), auth, signal);
      } catch (e) {
        throw toRegistryError(e, r.authKey);
      }
      await follow(stream, state, sink, signal, r.authKey);
      sink.emit(doneFrame(r.canonical, state, `Pulled ${r.familiar}`));
    },

    'images.push': async ({ ref }, sink, signal) => {
      const r = mustParse(ref, true);
      const docker = await engine.docker();
      const auth = await credentialsFor(credentials, r.authKey);
      const state = new TransferState();
      const tag = r.tag ?? 'latest';
      let stream;
      try {
        // Check first: a push of a missing tag would otherwise report an unhelpful registry error.
        await inspectImage(docker, `${r.familiarName}:${tag}`);
        stream = await pushImage(docker, r.familiarName, tag, auth, signal);
      } catch (e) {
        throw toRegistryError(e, r.authKey);
      }
      await follow(stream, state, sink, signal, r.authKey);
      sink.emit(doneFrame(r.canonical, state, `Pushed ${r.familiar}`));
    },

    'images.tag': async ({ source, tags }) => {
      const refs = tags.map((t) => mustParse(t, true));
      const docker = await engine.docker();
      await inspectImage(docker, source).catch((e: unknown) => {
        throw toBerthError(e);
      });
      const tagged: string[] = [];
      for (const r of refs) {
        try {
          await tagImage(docker, source, r.familiarName, r.tag ?? 'latest');
        } catch (e) {
          const err = toBerthError(e);
          throw new BerthError(err.code, `Could not tag ${r.familiar}: ${err.message}`, { tagged });
        }
        tagged.push(`${r.familiarName}:${r.tag ?? 'latest'}`);
      }
      return { tagged };
    },

    'images.history': async ({ id }) => {
      const docker = await engine.docker();
      try {
        return toHistoryEntries(await imageHistory(docker, id));
      } catch (e) {
        throw toBerthError(e);
      }
    },

    'registry.login': async ({ registry, username, password }) => {
      const key = registryAuthKey(registry);
      const docker = await engine.docker();
      let reply: { Status?: string; IdentityToken?: string };
      try {
        reply = await checkRegistryAuth(docker, { username, password, serveraddress: key });
      } catch (e) {
        const err = toRegistryError(e, key);
        // Any refusal of the credentials themselves is UNAUTHORIZED; keep the registry's reason.
        throw err.code === 'INTERNAL' || err.code === 'FORBIDDEN'
          ? new BerthError('UNAUTHORIZED', err.message, err.details)
          : err;
      }
      try {
        await credentials.store(
          key,
          reply.IdentityToken ? { username, password: '', identityToken: reply.IdentityToken } : { username, password },
        );
      } catch (e) {
        throw new BerthError('INTERNAL', e instanceof Error ? e.message : 'Could not store the credentials');
      }
      return { registry: key, status: reply.Status || 'Login Succeeded' };
    },

    'registry.logout': async ({ registry }) => {
      const key = registryAuthKey(registry);
      let erased: boolean;
      try {
        erased = await credentials.erase(key);
      } catch (e) {
        throw new BerthError('INTERNAL', e instanceof Error ? e.message : 'Could not erase the credentials');
      }
      if (!erased) throw new BerthError('NOT_FOUND', `Not logged in to ${key}`);
    },

    'registry.list': async () => {
      try {
        return await credentials.list();
      } catch (e) {
        throw new BerthError('INTERNAL', e instanceof Error ? e.message : 'Could not read the credentials');
      }
    },
  };
}
