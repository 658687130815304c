import type { Handlers, StreamSink } from '../../shared/contract-kit';
import type { BuildFrame, buildContract } from '../../shared/contracts/build';
import { BerthError, type ErrorCode } from '../../shared/errors';
import { packBuildContext, planBuildContext } from '../engine/build-context';
import type { EngineApi } from '../engine/engine-api';
import { toBerthError } from '../errors/engine-errors';
import { LineSplitter } from '../engine/lines';
import { batchCap } from './batch-cap';
import { buildImage, inspectImage } from '../engine/images';

type BuildHandlers = Handlers<typeof buildContract>;

/** How often upload progress is reported while the context is sent. */
const CONTEXT_REPORT_MS = 100;

/** One JSON message of the engine's /build reply. */
interface BuildMessage {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { code?: number; message?: string };
}

/**
 * The stable code for a build the engine stopped with `errorDetail`. A RUN that exited non-zero
 * carries its exit code; the rest are told apart by the classic builder's messages.
 */
export function classifyBuildError(message: string, exitCode: number | undefined): { code: ErrorCode; field?: string } {
  if (exitCode !== undefined && exitCode !== 0) return { code: 'FAILED' };
  if (
    /dockerfile parse error|unknown instruction|unknown flag|Dockerfile cannot be empty|empty continuation/i.test(
      message,
    )
  ) {
    return { code: 'INVALID_ARGUMENT', field: 'dockerfile' };
  }
  if (/failed to reach build target/i.test(message)) return { code: 'INVALID_ARGUMENT', field: 'target' };
  if (/unauthorized|authentication required|denied: requested access/i.test(message)) return { code: 'UNAUTHORIZED' };
  if (
    /pull access denied|manifest unknown|manifest for .* not found|repository does not exist|No such image/i.test(
      message,
    )
  ) {
    return { code: 'NOT_FOUND' };
  }
  return { code: 'FAILED' };
}

/** Same for a refusal before the build started (an HTTP error status on /build). */
function requestError(err: unknown): BerthError {
  const e = toBerthError(err);
  if (e.code === 'CANCELLED') return e;
  const { code, field } = classifyBuildError(e.message, undefined);
  // The engine answers 500 for a Dockerfile it cannot find or a bad reference: those are the caller's input.
  const finalCode =
    code !== 'FAILED'
      ? code
      : /Cannot locate specified Dockerfile|invalid reference format|invalid tag/i.test(e.message)
        ? 'INVALID_ARGUMENT'
        : e.code;
  const details: Record<string, unknown> = { ...e.details };
  if (field) details.field = field;
  else if (/Dockerfile/.test(e.message)) details.field = 'dockerfile';
  else if (/reference format|tag/i.test(e.message)) details.field = 'tags';
  return new BerthError(finalCode, e.message, details);
}

function parseLine(line: string): BuildMessage | undefined {
  const text = line.trim();
  if (!text) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' ? (v as BuildMessage) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the engine's JSON-lines reply into frames. Pauses the reply while the consumer is behind
 * (`sink.pressured`, with batches capped by size): a chatty RUN then waits in the engine's buffers,
 * not in ours.
 */
function readReply(
  reply: NodeJS.ReadableStream & { destroy?: () => void },
  sink: StreamSink<BuildFrame>,
  signal: AbortSignal,
): Promise<{ imageId: string | undefined }> {
  return new Promise((resolve, reject) => {
    const json = new LineSplitter();
    const text = new LineSplitter();
    let imageId: string | undefined;
    let builtId: string | undefined;
    let failure: BerthError | undefined;
    let settled = false;

    const flushText = (): void => {
      const rest = text.end();
      if (rest.length) sink.emit({ kind: 'output', lines: rest });
    };
    const handle = (m: BuildMessage): void => {
      if (typeof m.stream === 'string') {
        const lines = text.push(m.stream);
        if (lines.length) sink.emit({ kind: 'output', lines });
        // The classic builder's last word; only used when no aux ID came (old engines).
        for (const l of lines) builtId = /^Successfully built ([0-9a-f]{12,64})\s*$/.exec(l)?.[1] ?? builtId;
      }
      if (typeof m.status === 'string') {
        const f: BuildFrame = { kind: 'status', status: m.status };
        if (m.id) f.id = m.id;
        if (m.progress) f.progress = m.progress;
        sink.emit(f);
      }
      if (m.aux && typeof m.aux.ID === 'string') imageId = m.aux.ID;
      if (m.error !== undefined || m.errorDetail !== undefined) {
        flushText();
        const message = (m.errorDetail?.message ?? m.error ?? 'The build failed').trim();
        const exitCode = typeof m.errorDetail?.code === 'number' ? m.errorDetail.code : undefined;
        const { code, field } = classifyBuildError(message, exitCode);
        const details: Record<string, unknown> = {};
        if (exitCode !== undefined) details.exitCode = exitCode;
        if (field) details.field = field;
        failure ??= new BerthError(code, message, details);
      }
    };
    const done = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(new BerthError('CANCELLED', 'Build cancelled'));
      if (err) return reject(toBerthError(err));
      for (const l of json.end()) {
        const m = parseLine(l);
        if (m) handle(m);
      }
      flushText();
      if (failure) return reject(failure);
      resolve({ imageId: imageId ?? builtId });
    };
    const onAbort = (): void => {
      reply.destroy?.();
      done();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    let waiting = false;
    const cap = batchCap(sink);
    reply.on('data', (chunk: Buffer) => {
      for (const l of json.push(chunk)) {
        const m = parseLine(l);
        if (m) handle(m);
      }
      cap(chunk.length);
      if (sink.pressured && !waiting) {
        waiting = true;
        reply.pause();
        void sink.drained().then(() => {
          waiting = false;
          if (!settled) reply.resume();
        });
      }
    });
    reply.on('end', () => done());
    reply.on('close', () => done());
    reply.on('error', (err: unknown) => done(err));
  });
}

export function buildHandlers(engine: EngineApi): BuildHandlers {
  return {
    'images.build': async (args, sink, signal) => {
      const docker = await engine.docker();
      const tags = [...new Set(args.tags)];
      const plan = await planBuildContext(args.context, args.dockerfile, signal);
      if (signal.aborted) throw new BerthError('CANCELLED', 'Build cancelled');

      const totalBytes = plan.estimatedBytes;
      const files = plan.fileCount;
      let lastReport = 0;
      let sentBytes = 0;
      let uploaded = false;
      sink.emit({ kind: 'context', sentBytes: 0, totalBytes, files, done: false });
      const body = packBuildContext(plan, {
        signal,
        onBytes: (n) => {
          sentBytes = n;
          const now = Date.now();
          if (now - lastReport >= CONTEXT_REPORT_MS) {
            lastReport = now;
            sink.emit({ kind: 'context', sentBytes: n, totalBytes, files, done: false });
          }
        },
      });
      // A context file refused while streaming (swapped after planning) is the build's real failure:
      // the engine only sees a cut-off upload, so its own message would not say which file or why.
      let contextError: BerthError | undefined;
      body.once('error', (err) => {
        if (err instanceof BerthError) contextError = err;
      });
      body.once('end', () => {
        uploaded = true;
        sink.emit({ kind: 'context', sentBytes, totalBytes: Math.max(totalBytes, sentBytes), files, done: true });
      });

      const options: Record<string, unknown> = {
        // The classic builder, asked for by name: BuildKit over the API needs a gRPC session and
        // answers with protobuf trace frames; the classic one takes the context tar and streams the
        // "Step n/m" lines the dialog shows.
        version: '1',
        dockerfile: plan.dockerfile,
        rm: true,
        // Also remove the container of a failed step (the CLI keeps it unless --force-rm): a failed
        // build should not leave stopped containers behind.
        forcerm: true,
        nocache: args.noCache,
        pull: args.pull,
        abortSignal: signal,
      };
      if (tags.length) options.t = tags;
      if (args.target) options.target = args.target;
      if (Object.keys(args.buildArgs).length) options.buildargs = args.buildArgs;
      if (Object.keys(args.labels).length) options.labels = args.labels;

      let reply: NodeJS.ReadableStream;
      try {
        reply = await buildImage(docker, body, options);
      } catch (err) {
        body.destroy();
        if (signal.aborted) throw new BerthError('CANCELLED', 'Build cancelled');
        throw contextError ?? requestError(err);
      }
      try {
        const { imageId } = await readReply(reply, sink, signal).catch((err: unknown) => {
          throw contextError ?? err;
        });
        if (contextError) throw contextError;
        const id = imageId ?? (tags[0] ? (await inspectImage(docker, tags[0])).Id : undefined) ?? '';
        if (!uploaded) sink.emit({ kind: 'context', sentBytes, totalBytes: sentBytes, files, done: true });
        sink.emit({ kind: 'built', imageId: id, tags });
      } finally {
        body.destroy();
      }
    },
  };
}
