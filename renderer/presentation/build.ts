import type { BuildArgs, BuildFrame } from '../../shared/contracts/build';
import { imageTagError, keyError, targetError } from '../../shared/models/build';

/**
 * Pure model of a running build for the build dialog: the output lines (classified, "\r" progress
 * collapsed), the steps parsed from the classic builder's "Step n/m : …" lines, the context upload, the
 * progress a bar shows, and which lines belong to a failing step. No React, no DOM.
 */

export type LineKind = 'step' | 'meta' | 'output' | 'status';

export interface BuildLine {
  /** Monotonic id (stable React key even after old lines are dropped). */
  id: number;
  text: string;
  kind: LineKind;
  /** The step this line belongs to (0 = before the first step). */
  step: number;
}

export interface BuildStep {
  index: number;
  total: number;
  instruction: string;
  /** Id of the step's header line. */
  lineId: number;
}

export interface BuildUpload {
  sentBytes: number;
  totalBytes: number;
  files: number;
  done: boolean;
}

export interface BuildState {
  lines: BuildLine[];
  /** Lines dropped from the front to keep memory bounded. */
  dropped: number;
  steps: BuildStep[];
  upload: BuildUpload | undefined;
  result: { imageId: string; tags: string[] } | undefined;
  nextId: number;
}

/** Lines kept; a build printing more keeps its last lines (where a failure is). */
export const MAX_BUILD_LINES = 5000;

export function emptyBuild(): BuildState {
  return { lines: [], dropped: 0, steps: [], upload: undefined, result: undefined, nextId: 1 };
}

const STEP_RE = /^Step (\d+)\/(\d+) : (.*)$/;

/** "Step 3/7 : RUN make" → { index: 3, total: 7, instruction: 'RUN make' }. */
export function parseStep(line: string): { index: number; total: number; instruction: string } | undefined {
  const m = STEP_RE.exec(line);
  if (!m) return undefined;
  return { index: Number(m[1]), total: Number(m[2]), instruction: m[3] ?? '' };
}

/** What a terminal would show of a line that redraws itself with "\r" (download bars): the last draw. */
export function collapseCarriageReturns(text: string): string {
  if (!text.includes('\r')) return text;
  const parts = text.split('\r').filter((p) => p !== '');
  return parts.at(-1) ?? '';
}

const META_RE = /^( ---> |Removing intermediate container |Successfully built |Successfully tagged )/;

export function classifyLine(text: string): LineKind {
  if (STEP_RE.test(text)) return 'step';
  if (META_RE.test(text)) return 'meta';
  return 'output';
}

function currentStepIndex(s: BuildState): number {
  return s.steps.at(-1)?.index ?? 0;
}

function push(s: BuildState, text: string, kind: LineKind): void {
  const line: BuildLine = { id: s.nextId++, text, kind, step: currentStepIndex(s) };
  s.lines.push(line);
}

/**
 * Applies frames to a state (mutates and returns it: a chatty build sends thousands of lines and the
 * dialog re-renders once per animation frame, not once per line).
 */
export function applyBuildFrames(s: BuildState, frames: readonly BuildFrame[]): BuildState {
  for (const f of frames) {
    switch (f.kind) {
      case 'context':
        s.upload = { sentBytes: f.sentBytes, totalBytes: f.totalBytes, files: f.files, done: f.done };
        break;
      case 'output':
        for (const raw of f.lines) {
          const text = collapseCarriageReturns(raw);
          const step = parseStep(text);
          if (step) {
            s.steps.push({ ...step, lineId: s.nextId });
            push(s, text, 'step');
          } else {
            // The engine sends a bare "\n" after every step header: no empty line for it.
            if (text === '' && s.lines.at(-1)?.kind === 'step') continue;
            push(s, text, classifyLine(text));
          }
        }
        break;
      case 'status':
        push(s, [f.id, f.status, f.progress].filter(Boolean).join(' '), 'status');
        break;
      case 'built':
        s.result = { imageId: f.imageId, tags: f.tags };
        break;
    }
  }
  if (s.lines.length > MAX_BUILD_LINES) {
    const cut = s.lines.length - MAX_BUILD_LINES;
    s.lines.splice(0, cut);
    s.dropped += cut;
  }
  return s;
}

export type BuildPhase = 'context' | 'building' | 'built' | 'failed' | 'cancelled';

/** 0–100 for the progress bar: the upload, then completed steps of the total. */
export function buildPercent(s: BuildState, phase: BuildPhase): number {
  if (phase === 'built') return 100;
  const step = s.steps.at(-1);
  if (!step) {
    const u = s.upload;
    // The upload counts for the first few percent: it is usually quick next to the steps.
    if (!u || u.totalBytes === 0) return 0;
    return Math.min(5, Math.round((Math.min(u.sentBytes, u.totalBytes) / u.totalBytes) * 5));
  }
  if (step.total <= 0) return 0;
  return Math.max(5, Math.min(99, Math.round(((step.index - 1) / step.total) * 100)));
}

/** One line saying where the build is. */
export function buildHeadline(s: BuildState, phase: BuildPhase, formatBytes: (n: number) => string): string {
  const step = s.steps.at(-1);
  switch (phase) {
    case 'built':
      return `Built ${shortImageId(s.result?.imageId ?? '')}${s.result?.tags.length ? ` · ${s.result.tags.join(', ')}` : ''}`;
    case 'failed':
      return step ? `Failed at step ${step.index} of ${step.total}: ${step.instruction}` : 'The build failed';
    case 'cancelled':
      return step ? `Cancelled at step ${step.index} of ${step.total}` : 'Cancelled';
    case 'context': {
      const u = s.upload;
      if (!u) return 'Reading the context folder…';
      return `Sending the build context: ${formatBytes(Math.min(u.sentBytes, u.totalBytes))} of ${formatBytes(u.totalBytes)} (${u.files} ${u.files === 1 ? 'file' : 'files'})`;
    }
    case 'building':
      return step ? `Step ${step.index} of ${step.total}: ${step.instruction}` : 'Starting the build…';
  }
}

/** The phase while the stream is open. */
export function runningPhase(s: BuildState): BuildPhase {
  return s.steps.length === 0 && !(s.upload?.done ?? false) ? 'context' : 'building';
}

/** "sha256:0123456789abcdef…" → "0123456789ab". */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** Ids of the lines of the step that failed (its header and everything after it). */
export function failingStepLines(s: BuildState): Set<number> {
  const step = s.steps.at(-1);
  const out = new Set<number>();
  if (!step) return out;
  for (const l of s.lines) if (l.step === step.index && l.id >= step.lineId) out.add(l.id);
  return out;
}

/** "KEY=value" rows of a form → the record the contract takes (blank rows skipped; last one wins). */
export function rowsToRecord(rows: ReadonlyArray<{ key: string; value: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const key = r.key.trim();
    if (key) out[key] = r.value;
  }
  return out;
}

/** "0.8 s", "12 s", "3:05" (minutes), "1:02:03" (hours): how long a build has run. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.floor(s)} s`;
  const total = Math.floor(s);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** What to try next after a failed build, when the engine's message says enough to tell. */
export function failureHint(message: string, opts: { pull: boolean }): string | undefined {
  const offline = /dial tcp|no such host|lookup .* on |i\/o timeout|connection refused|TLS handshake timeout/i.test(
    message,
  );
  if (offline && opts.pull)
    return 'The registry cannot be reached. Turn off “Always pull base images” to build on the local base image.';
  if (offline) return 'The base image is not on this engine and its registry cannot be reached: load or pull it first.';
  if (/file not found in build context or excluded by \.dockerignore/i.test(message)) {
    return 'A COPY or ADD source is missing from the context folder, or the .dockerignore leaves it out.';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The build form

export interface KeyValueRow {
  key: string;
  value: string;
}

export interface BuildForm {
  context: string;
  dockerfile: string;
  tags: string[];
  buildArgs: KeyValueRow[];
  labels: KeyValueRow[];
  target: string;
  noCache: boolean;
  pull: boolean;
}

export type BuildFormField =
  'context' | 'dockerfile' | 'target' | `tag-${number}` | `arg-${number}` | `label-${number}`;
export type BuildFormErrors = Partial<Record<BuildFormField, string>>;

export const EMPTY_BUILD_FORM: BuildForm = {
  context: '',
  dockerfile: '',
  tags: [''],
  buildArgs: [],
  labels: [],
  target: '',
  noCache: false,
  pull: false,
};

export function validateBuildForm(f: BuildForm): BuildFormErrors {
  const errors: BuildFormErrors = {};
  if (!f.context.trim()) errors.context = 'Choose the folder to build from';
  f.tags.forEach((t, i) => {
    if (t.trim() === '') return; // blank rows are ignored (no tag = an untagged image)
    const e = imageTagError(t.trim());
    if (e) errors[`tag-${i}`] = e;
  });
  f.buildArgs.forEach((r, i) => {
    if (r.key.trim() === '' && r.value === '') return;
    const e = keyError(r.key.trim(), 'build argument name');
    if (e) errors[`arg-${i}`] = e;
  });
  f.labels.forEach((r, i) => {
    if (r.key.trim() === '' && r.value === '') return;
    const e = keyError(r.key.trim(), 'label key');
    if (e) errors[`label-${i}`] = e;
  });
  const t = targetError(f.target.trim());
  if (t) errors.target = t;
  return errors;
}

export function toBuildArgs(f: BuildForm): BuildArgs {
  return {
    context: f.context.trim(),
    dockerfile: f.dockerfile.trim(),
    tags: f.tags.map((t) => t.trim()).filter(Boolean),
    buildArgs: rowsToRecord(f.buildArgs),
    labels: rowsToRecord(f.labels),
    target: f.target.trim(),
    noCache: f.noCache,
    pull: f.pull,
  };
}
