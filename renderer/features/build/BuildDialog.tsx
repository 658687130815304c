import { Hammer, Plus, X } from 'lucide-react';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Dialog } from '../../components/Dialog';
import { IconButton } from '../../components/IconButton';
import { PathField } from '../../components/PathField';
import {
  buildHeadline,
  buildPercent,
  failingStepLines,
  EMPTY_BUILD_FORM,
  failureHint,
  formatElapsed,
  shortImageId,
  toBuildArgs,
  validateBuildForm,
  type BuildForm,
  type BuildFormErrors as FieldErrors,
  type BuildFormField as Field,
  type BuildPhase,
  type KeyValueRow,
} from '../../presentation/build';
import { formatBytes } from '../../presentation/format';
import { BuildOutput } from './BuildOutput';
import { useBuild } from './useBuild';
import './build.css';

/** The last form, so reopening the dialog (or "Edit and rebuild") starts from it. */
let lastForm: BuildForm = EMPTY_BUILD_FORM;

function FieldRow({
  label,
  htmlFor,
  hint,
  error,
  errorId,
  children,
}: {
  label: string;
  htmlFor?: string;
  hint?: ReactNode;
  error?: string | undefined;
  errorId?: string;
  children: ReactNode;
}) {
  return (
    <div className="build-field">
      {htmlFor ? (
        <label className="build-label" htmlFor={htmlFor}>
          {label}
        </label>
      ) : (
        <div className="build-label">{label}</div>
      )}
      {children}
      {error ? (
        <div className="field-error" id={errorId} role="alert">
          {error}
        </div>
      ) : (
        hint && <div className="field-hint">{hint}</div>
      )}
    </div>
  );
}

export interface BuildDialogProps {
  open: boolean;
  onClose: () => void;
  /** "Show in Images": the view filters to the built image. */
  onShowImage?: (ref: string) => void;
}

export function BuildDialog({ open, onClose, onShowImage }: BuildDialogProps) {
  if (!open) return null;
  return <OpenBuildDialog onClose={onClose} {...(onShowImage ? { onShowImage } : {})} />;
}

function OpenBuildDialog({ onClose, onShowImage }: Omit<BuildDialogProps, 'open'>) {
  const uid = useId();
  const [form, setFormState] = useState<BuildForm>(lastForm);
  const [errors, setErrors] = useState<FieldErrors>({});
  const build = useBuild();
  const running = build.phase === 'context' || build.phase === 'building';
  const showRun = build.phase !== 'idle';

  const setForm = (next: BuildForm): void => {
    lastForm = next;
    setFormState(next);
  };
  const patch = (p: Partial<BuildForm>): void => setForm({ ...form, ...p });

  const submit = (): void => {
    const errs = validateBuildForm(form);
    setErrors(errs);
    if (Object.keys(errs).length > 0) {
      const first = Object.keys(errs)[0];
      document.getElementById(`${uid}-${first}`)?.focus();
      return;
    }
    build.start(toBuildArgs(form));
  };

  // A refusal about one field before anything was built goes back to the form, next to that field.
  const { phase, error, state, reset } = build;
  useEffect(() => {
    const field = error?.details?.field;
    if (phase !== 'failed' || !error || state.steps.length > 0) return;
    if (field !== 'context' && field !== 'dockerfile' && field !== 'target' && field !== 'tags') return;
    setErrors({ [field === 'tags' ? 'tag-0' : field]: error.message });
    reset();
  }, [phase, error, state, reset]);

  const title = showRun ? buildTitle(build.phase, form) : 'Build an image';
  return (
    <Dialog
      open
      title={title}
      width={showRun ? 880 : 680}
      dismissable={!running}
      onClose={onClose}
      description={showRun ? undefined : 'Build from a Dockerfile in a folder, like docker build.'}
      footer={
        showRun ? (
          running ? (
            <>
              <span className="dialog-footer-spacer" />
              <button type="button" className="btn btn-danger-outline" onClick={build.cancel}>
                Cancel build
              </button>
            </>
          ) : (
            <>
              <button type="button" className="btn" onClick={build.reset}>
                Edit and rebuild
              </button>
              <span className="dialog-footer-spacer" />
              {build.phase === 'built' && build.state.result && onShowImage && (
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    const r = build.state.result;
                    onShowImage(r?.tags[0] ?? shortImageId(r?.imageId ?? ''));
                    onClose();
                  }}
                >
                  Show in Images
                </button>
              )}
              <button type="button" className="btn btn-primary" onClick={onClose}>
                Close
              </button>
            </>
          )
        ) : (
          <>
            <span className="dialog-footer-spacer" />
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" form={`${uid}-form`} className="btn btn-primary">
              <Hammer size={14} aria-hidden="true" />
              Build
            </button>
          </>
        )
      }
    >
      {showRun ? (
        <BuildRunView run={build} pull={form.pull} />
      ) : (
        <BuildFormView uid={uid} form={form} errors={errors} patch={patch} onSubmit={submit} />
      )}
    </Dialog>
  );
}

/** Date.now(), refreshed every 200 ms while `active`. */
function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function buildTitle(phase: BuildPhase | 'idle', form: BuildForm): string {
  const name = form.tags.find((t) => t.trim())?.trim();
  const what = name ? ` ${name}` : '';
  switch (phase) {
    case 'built':
      return `Built${what}`;
    case 'failed':
      return `Build${what} failed`;
    case 'cancelled':
      return `Build${what} cancelled`;
    default:
      return `Building${what}`;
  }
}

function BuildFormView({
  uid,
  form,
  errors,
  patch,
  onSubmit,
}: {
  uid: string;
  form: BuildForm;
  errors: FieldErrors;
  patch: (p: Partial<BuildForm>) => void;
  onSubmit: () => void;
}) {
  const id = (f: Field): string => `${uid}-${f}`;
  const err = (f: Field): string | undefined => errors[f];
  const described = (f: Field) =>
    err(f) ? { 'aria-invalid': true as const, 'aria-describedby': `${id(f)}-error` } : {};

  return (
    <form
      id={`${uid}-form`}
      className="build-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <PathField
        id={id('context')}
        label="Context folder"
        mode="directory"
        value={form.context}
        onChange={(v) => patch({ context: v })}
        error={err('context')}
        placeholder="/home/me/projects/app"
        hint="Sent to the engine, minus what its .dockerignore excludes."
      />
      <PathField
        id={id('dockerfile')}
        label="Dockerfile"
        mode="file"
        value={form.dockerfile}
        onChange={(v) =>
          // A Dockerfile picked before the context: its folder is the usual context.
          patch(
            form.context.trim() === '' && v.startsWith('/') && v.lastIndexOf('/') > 0
              ? { dockerfile: v, context: v.slice(0, v.lastIndexOf('/')) }
              : { dockerfile: v },
          )
        }
        error={err('dockerfile')}
        placeholder="Dockerfile"
        startIn={form.context}
        hint="Optional: Dockerfile in the context folder by default; may also be outside it."
      />

      <FieldRow label="Tags">
        <div className="build-rows" role="group" aria-label="Tags">
          {form.tags.map((t, i) => {
            const f: Field = `tag-${i}`;
            return (
              <div key={i} className="build-row-wrap">
                <div className="build-row">
                  <input
                    id={id(f)}
                    className="input build-input mono"
                    aria-label={`Tag ${i + 1}`}
                    value={t}
                    placeholder={i === 0 ? 'myapp:1.0' : 'registry.example.com/team/myapp:1.0'}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => patch({ tags: form.tags.map((x, j) => (j === i ? e.target.value : x)) })}
                    {...described(f)}
                  />
                  <IconButton
                    label={`Remove tag ${i + 1}`}
                    icon={X}
                    size="sm"
                    disabled={form.tags.length === 1 && t === ''}
                    onClick={() => {
                      const next = form.tags.filter((_, j) => j !== i);
                      patch({ tags: next.length ? next : [''] });
                    }}
                  />
                </div>
                {err(f) && (
                  <div className="field-error" id={`${id(f)}-error`} role="alert">
                    {err(f)}
                  </div>
                )}
              </div>
            );
          })}
          <button
            type="button"
            className="btn btn-ghost btn-sm build-add"
            onClick={() => patch({ tags: [...form.tags, ''] })}
          >
            <Plus size={13} aria-hidden="true" />
            Add tag
          </button>
        </div>
      </FieldRow>

      <FieldRow label="Build arguments">
        <KeyValueRows
          group="Build arguments"
          noun="build argument"
          field="arg"
          keyPlaceholder="NAME"
          rows={form.buildArgs}
          onChange={(buildArgs) => patch({ buildArgs })}
          id={id}
          errors={errors}
        />
      </FieldRow>
      <FieldRow label="Labels">
        <KeyValueRows
          group="Labels"
          noun="label"
          field="label"
          keyPlaceholder="org.example.key"
          rows={form.labels}
          onChange={(labels) => patch({ labels })}
          id={id}
          errors={errors}
        />
      </FieldRow>

      <div className="build-pair">
        <FieldRow
          label="Target stage"
          htmlFor={id('target')}
          error={err('target')}
          errorId={`${id('target')}-error`}
          hint="Optional. Stop at this stage of a multi-stage Dockerfile."
        >
          <input
            id={id('target')}
            className="input build-input build-target mono"
            value={form.target}
            placeholder="e.g. prod"
            spellCheck={false}
            autoComplete="off"
            onChange={(e) => patch({ target: e.target.value })}
            {...described('target')}
          />
        </FieldRow>

        <FieldRow label="Options">
          <div className="build-checks">
            <label className="check-row">
              <input type="checkbox" checked={form.noCache} onChange={(e) => patch({ noCache: e.target.checked })} />
              <span>
                No cache <span className="check-hint">— run every step again</span>
              </span>
            </label>
            <label className="check-row">
              <input type="checkbox" checked={form.pull} onChange={(e) => patch({ pull: e.target.checked })} />
              <span>
                Always pull base images <span className="check-hint">— needs a reachable registry</span>
              </span>
            </label>
          </div>
        </FieldRow>
      </div>
    </form>
  );
}

/** Editable NAME=value rows (build args, labels) with add/remove; errors under the row they concern. */
function KeyValueRows({
  group,
  noun,
  field,
  keyPlaceholder,
  rows,
  onChange,
  id,
  errors,
}: {
  group: string;
  noun: string;
  field: 'arg' | 'label';
  keyPlaceholder: string;
  rows: KeyValueRow[];
  onChange: (rows: KeyValueRow[]) => void;
  id: (f: Field) => string;
  errors: FieldErrors;
}) {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="build-rows" role="group" aria-label={group}>
      {rows.map((r, i) => {
        const f: Field = `${field}-${i}`;
        const error = errors[f];
        const set = (p: Partial<KeyValueRow>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...p } : x)));
        return (
          <div key={i} className="build-row-wrap">
            <div className="build-row">
              <input
                id={id(f)}
                className="input build-input build-key mono"
                aria-label={`${Noun} ${i + 1} name`}
                value={r.key}
                placeholder={keyPlaceholder}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => set({ key: e.target.value })}
                {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id(f)}-error` } : {})}
              />
              <span className="build-eq" aria-hidden="true">
                =
              </span>
              <input
                className="input build-input mono"
                aria-label={`${Noun} ${i + 1} value`}
                value={r.value}
                placeholder="value"
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => set({ value: e.target.value })}
              />
              <IconButton
                label={`Remove ${noun} ${i + 1}`}
                icon={X}
                size="sm"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              />
            </div>
            {error && (
              <div className="field-error" id={`${id(f)}-error`} role="alert">
                {error}
              </div>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-ghost btn-sm build-add"
        onClick={() => onChange([...rows, { key: '', value: '' }])}
      >
        <Plus size={13} aria-hidden="true" />
        Add {noun}
      </button>
    </div>
  );
}

function BuildRunView({ run, pull }: { run: ReturnType<typeof useBuild>; pull: boolean }) {
  const { state, phase, error, startedAt, endedAt } = run;
  const shownPhase: BuildPhase = phase === 'idle' ? 'context' : phase;
  const headline = buildHeadline(state, shownPhase, formatBytes);
  const pct = buildPercent(state, shownPhase);
  const failing = useMemo(
    () => (phase === 'failed' ? failingStepLines(state) : new Set<number>()),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the model mutates in place; lines.length tracks it
    [phase, state, state.lines.length],
  );
  const failedStep = phase === 'failed' ? state.steps.at(-1) : undefined;
  const running = phase === 'context' || phase === 'building';
  const now = useTicker(running);

  return (
    <div className="build-run">
      <div className={`build-status is-${shownPhase}`}>
        <div className="build-status-line">
          <div className="build-headline" title={headline}>
            {headline}
          </div>
          {startedAt !== undefined && (
            <span className="build-elapsed tabular" aria-label="Elapsed time">
              {formatElapsed((endedAt ?? now) - startedAt)}
            </span>
          )}
        </div>
        <div
          className="build-bar"
          role="progressbar"
          aria-label="Build progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={headline}
        >
          <div className={`build-bar-fill${running ? ' is-running' : ''}`} style={{ width: `${pct}%` }} />
        </div>
      </div>
      <BuildOutput lines={state.lines} dropped={state.dropped} failing={failing} version={state.nextId} />
      {phase === 'failed' && error && (
        <div className="inline-error build-failure" role="alert">
          <strong>{failedStep ? `Step ${failedStep.index} failed` : 'The build failed'}</strong>
          {failedStep && <span className="mono build-failure-step"> {failedStep.instruction}</span>}
          <div className="build-failure-message">{error.message}</div>
          {failureHint(error.message, { pull }) && (
            <div className="build-failure-hint">{failureHint(error.message, { pull })}</div>
          )}
        </div>
      )}
      {phase === 'built' && state.result && (
        <div className="build-result" role="status">
          <span>
            Image <span className="mono">{shortImageId(state.result.imageId)}</span>
          </span>
          {state.result.tags.length > 0 ? (
            <ul className="build-tags" aria-label="Tags">
              {state.result.tags.map((t) => (
                <li key={t} className="badge tone-success mono">
                  {t}
                </li>
              ))}
            </ul>
          ) : (
            <span className="build-hint">untagged — add a tag to find it by name</span>
          )}
        </div>
      )}
      {phase === 'cancelled' && (
        <div className="build-result" role="status">
          Cancelled: the engine stopped the build; nothing was tagged.
        </div>
      )}
    </div>
  );
}
