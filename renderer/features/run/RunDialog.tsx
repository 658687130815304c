import { ClipboardCopy, Plus, TriangleAlert, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { isBerthError } from '../../../shared/errors';
import {
  BUILTIN_NETWORKS,
  commandArgv,
  emptyRunSpec,
  mergeEnvRows,
  parseEnvBlock,
  toDockerRunCommand,
  validateRunSpec,
  type FieldErrors,
  type KeyValueRow,
  type RestartName,
  type RunSpec,
  type VolumeRow,
} from '../../../shared/run-spec';
import { api } from '../../api';
import { containerPath, navigate } from '../../lib/router';
import { Dialog } from '../../components/Dialog';
import { Check, CommandPreview, Field, FormSection } from '../../components/FormField';
import { KeyValueRows, LabelsSection } from '../../components/KeyValueRows';
import { IconButton } from '../../components/IconButton';
import { PathField } from '../../components/PathField';
import { scrollWithin, useFieldForm, useFocusFirstError } from '../../components/useFieldForm';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { errorsBySection, fieldErrorsOf, formatArgv, type RunSection } from '../../presentation/run';
import { useContainersStore } from '../containers/store';
import { imagesList, useImages } from '../images/imagesStore';
import { useNetworks } from '../networks/networksStore';
import { useVolumes } from '../volumes/volumesStore';
import './run.css';

const SECTIONS: ReadonlyArray<{ id: RunSection; label: string }> = [
  { id: 'general', label: 'General' },
  { id: 'ports', label: 'Ports' },
  { id: 'volumes', label: 'Volumes' },
  { id: 'network', label: 'Network' },
  { id: 'env', label: 'Environment' },
  { id: 'resources', label: 'Resources & restart' },
  { id: 'labels', label: 'Labels' },
  { id: 'options', label: 'Options' },
];

const RESTART_LABEL: Record<RestartName, string> = {
  no: 'No (never restart)',
  'on-failure': 'On failure',
  always: 'Always',
  'unless-stopped': 'Unless stopped',
};

export interface RunDialogProps {
  prefill: Partial<RunSpec>;
  onClose: () => void;
}

/**
 * The Run dialog: every `docker run` option Berth supports in sections, validated as you go (errors
 * next to each field, the engine's own refusal where it refused), a live `docker run` preview, Run
 * (create + start) or Create only, then the new container's page.
 */
export function RunDialog({ prefill, onClose }: RunDialogProps) {
  const uid = useId();
  const form = useFieldForm<RunSpec>(() => ({ ...emptyRunSpec(), ...prefill }), validateRunSpec);
  const { spec, update, touch, clientErrors, shownErrors, setServerErrors, setSubmitted } = form;
  const [busy, setBusy] = useState<'run' | 'create' | undefined>();
  const [pasteOpen, setPasteOpen] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const startField = useRef(prefill.image ? 'name' : 'image');

  // The first field to fill has the focus: the name when the image came with the dialog. (After the
  // dialog's showModal, which would otherwise focus its first control.)
  useEffect(() => {
    const id = requestAnimationFrame(() => document.getElementById(`${uid}-${startField.current}`)?.focus());
    return () => cancelAnimationFrame(id);
  }, [uid]);

  const images = useImages();
  const volumes = useVolumes();
  const networks = useNetworks();
  const containers = useContainersStore((s) => s.list);

  const imageRefs = useMemo(
    () => [...new Set(images.items.flatMap((i) => i.repoTags.filter((t) => t !== '<none>:<none>')))].sort(),
    [images.items],
  );
  const userNetworks = useMemo(
    () =>
      networks.items
        .filter((n) => !(BUILTIN_NETWORKS as readonly string[]).includes(n.name))
        .map((n) => n.name)
        .sort(),
    [networks.items],
  );

  const bySection = errorsBySection(shownErrors);
  const command = useMemo(() => toDockerRunCommand(spec), [spec]);
  const argv = commandArgv(spec);

  const err = (field: string): string | undefined => shownErrors[field];

  const focusFirstError = useFocusFirstError(bodyRef);

  // The section list marks the section at the top of the scrolled form.
  const [current, setCurrent] = useState<RunSection>('general');
  const onScroll = (): void => {
    const body = bodyRef.current;
    if (!body) return;
    const top = body.getBoundingClientRect().top + 24;
    let at: RunSection = 'general';
    for (const sec of SECTIONS) {
      const el = document.getElementById(`${uid}-${sec.id}`);
      if (el && el.getBoundingClientRect().top <= top) at = sec.id;
    }
    // At the very bottom the last sections cannot reach the top: mark the last one.
    if (body.scrollTop + body.clientHeight >= body.scrollHeight - 2) at = SECTIONS[SECTIONS.length - 1]!.id;
    setCurrent(at);
  };

  const submit = async (start: boolean): Promise<void> => {
    if (busy) return;
    setSubmitted(true);
    if (Object.keys(clientErrors).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(start ? 'run' : 'create');
    setServerErrors({});
    try {
      const res = await api.invoke('containers.create', { spec, start });
      toast.success(start ? `Started ${res.name}` : `Created ${res.name}`);
      if (res.warnings.length > 0) toast.info('The engine warned', res.warnings);
      onClose();
      navigate(containerPath(res.id));
    } catch (e) {
      const be = isBerthError(e) ? e : undefined;
      const fields = be ? fieldErrorsOf(be) : { form: e instanceof Error ? e.message : String(e) };
      setServerErrors(fields);
      if ('image' in fields) imagesList.refresh();
      setBusy(undefined);
      focusFirstError();
    }
  };

  const copyCommand = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(command);
      toast.success('Copied the docker run command');
    } catch (e) {
      toast.error('Could not copy', e instanceof Error ? e.message : String(e));
    }
  };

  const jump = (id: RunSection): void => {
    const body = bodyRef.current;
    const el = document.getElementById(`${uid}-${id}`);
    if (body && el) scrollWithin(body, el, 'start');
    el?.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
  };

  const isUserNetwork = !(BUILTIN_NETWORKS as readonly string[]).includes(spec.network);

  return (
    <Dialog
      open
      title="Run a container"
      onClose={onClose}
      dismissable={busy === undefined}
      width={920}
      footer={
        <>
          <button type="button" className="btn" onClick={() => void copyCommand()}>
            <ClipboardCopy size={14} aria-hidden="true" />
            Copy as docker run command
          </button>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy !== undefined}>
            Cancel
          </button>
          <button
            type="button"
            className="btn"
            disabled={busy !== undefined}
            title="Create the container without starting it"
            onClick={() => void submit(false)}
          >
            {busy === 'create' && <Spinner size={12} />}
            Create
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy !== undefined}
            onClick={() => void submit(true)}
          >
            {busy === 'run' && <Spinner size={12} />}
            Run
          </button>
        </>
      }
    >
      <div className="run-layout">
        <nav className="run-nav" aria-label="Run dialog sections">
          {SECTIONS.map((s) => (
            <button
              key={s.id}
              type="button"
              className={`run-nav-item${current === s.id ? ' is-current' : ''}`}
              aria-current={current === s.id ? 'location' : undefined}
              onClick={() => jump(s.id)}
            >
              <span>{s.label}</span>
              {bySection[s.id] ? (
                <span className="run-nav-errors" aria-label={`${bySection[s.id]} errors`}>
                  {bySection[s.id]}
                </span>
              ) : null}
            </button>
          ))}
        </nav>
        <div className="run-body" ref={bodyRef} onScroll={onScroll}>
          <div
            className="run-form"
            role="form"
            aria-label="Container settings"
            onKeyDown={(e) => {
              // Enter in a field runs the container. Not a <form>: the path chooser nests its own form, and
              // React bubbles nested forms' submit events (and the browser then submits the outer one).
              if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
              const t = e.target as HTMLElement;
              if (t.tagName !== 'INPUT' || t.closest('dialog') !== bodyRef.current?.closest('dialog')) return;
              e.preventDefault();
              void submit(true);
            }}
          >
            {shownErrors.form && (
              <div className="inline-error run-form-error" role="alert">
                <strong>The engine refused:</strong> {shownErrors.form}
              </div>
            )}

            <FormSection id={`${uid}-general`} title="General">
              <div className="form-grid">
                <Field id={`${uid}-image`} label="Image" error={err('image')} wide>
                  <input
                    className="input"
                    list={`${uid}-images`}
                    value={spec.image}
                    spellCheck={false}
                    autoComplete="off"
                    placeholder="busybox:latest"
                    onChange={(e) => update('image', e.target.value)}
                    onBlur={touch('image')}
                  />
                  <datalist id={`${uid}-images`}>
                    {imageRefs.map((r) => (
                      <option key={r} value={r} />
                    ))}
                  </datalist>
                </Field>
                <Field id={`${uid}-name`} label="Name" error={err('name')} hint="Leave empty for a random name">
                  <input
                    className="input"
                    value={spec.name}
                    spellCheck={false}
                    autoComplete="off"
                    onChange={(e) => update('name', e.target.value)}
                    onBlur={touch('name')}
                  />
                </Field>
                <Field id={`${uid}-hostname`} label="Hostname" error={err('hostname')}>
                  <input
                    className="input"
                    value={spec.hostname}
                    spellCheck={false}
                    onChange={(e) => update('hostname', e.target.value)}
                    onBlur={touch('hostname')}
                  />
                </Field>
                <Field
                  id={`${uid}-command`}
                  label="Command"
                  error={err('command')}
                  wide
                  hint={
                    argv.ok && argv.value ? (
                      <>
                        Runs <code>{formatArgv(argv.value)}</code>
                        {spec.commandForm === 'exec'
                          ? ' directly: no shell, so $VARS, pipes and globs are passed as they are.'
                          : ': the shell expands $VARS, pipes and globs, and becomes PID 1.'}
                      </>
                    ) : (
                      'Empty: the image’s default command'
                    )
                  }
                  extra={
                    <SegmentedControl
                      label="Command form"
                      value={spec.commandForm}
                      onChange={(v) => update('commandForm', v, 'command')}
                      options={[
                        { value: 'exec', label: 'Exec form' },
                        { value: 'shell', label: 'Shell form' },
                      ]}
                    />
                  }
                >
                  <input
                    className="input mono"
                    value={spec.command}
                    spellCheck={false}
                    autoComplete="off"
                    placeholder={spec.commandForm === 'exec' ? 'sleep 3600' : 'echo "$HOSTNAME" && sleep 3600'}
                    onChange={(e) => update('command', e.target.value)}
                    onBlur={touch('command')}
                  />
                </Field>
                <Field
                  id={`${uid}-entrypoint`}
                  label="Entrypoint"
                  error={err('entrypoint')}
                  hint={'Replaces the image’s entrypoint ("" clears it); further words go before the command'}
                >
                  <input
                    className="input mono"
                    value={spec.entrypoint}
                    spellCheck={false}
                    onChange={(e) => update('entrypoint', e.target.value)}
                    onBlur={touch('entrypoint')}
                  />
                </Field>
                <Field id={`${uid}-workdir`} label="Working directory" error={err('workingDir')}>
                  <input
                    className="input mono"
                    value={spec.workingDir}
                    spellCheck={false}
                    placeholder="/app"
                    onChange={(e) => update('workingDir', e.target.value)}
                    onBlur={touch('workingDir')}
                  />
                </Field>
                <Field id={`${uid}-user`} label="User" error={err('user')}>
                  <input
                    className="input mono"
                    value={spec.user}
                    spellCheck={false}
                    placeholder="uid:gid"
                    onChange={(e) => update('user', e.target.value)}
                    onBlur={touch('user')}
                  />
                </Field>
              </div>
            </FormSection>

            <FormSection
              id={`${uid}-ports`}
              title="Ports"
              hint="host:container[/proto], ip:host:container, or a container port alone for a random host port"
            >
              {spec.ports.map((p, i) => (
                <div key={i} className="form-row">
                  <Field id={`${uid}-port-${i}`} label={`Port rule ${i + 1}`} error={err(`ports.${i}`)} hideLabel grow>
                    <input
                      className="input mono"
                      value={p}
                      spellCheck={false}
                      placeholder="8080:80"
                      onChange={(e) =>
                        update(
                          'ports',
                          spec.ports.map((x, j) => (j === i ? e.target.value : x)),
                          `ports.${i}`,
                        )
                      }
                      onBlur={touch(`ports.${i}`)}
                    />
                  </Field>
                  <IconButton
                    label={`Remove port rule ${i + 1}`}
                    icon={X}
                    size="sm"
                    onClick={() =>
                      update(
                        'ports',
                        spec.ports.filter((_, j) => j !== i),
                        'ports',
                      )
                    }
                  />
                </div>
              ))}
              {err('ports') && (
                <div className="field-error form-section-error" role="alert" id={`${uid}-ports-error`}>
                  {err('ports')}
                </div>
              )}
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => update('ports', [...spec.ports, ''])}
              >
                <Plus size={13} aria-hidden="true" />
                Add port
              </button>
              <Field
                id={`${uid}-expose`}
                label="Expose ports"
                error={err('expose')}
                hint="Open to other containers only, not published on the host (--expose)"
              >
                <input
                  className="input mono"
                  value={spec.expose}
                  spellCheck={false}
                  placeholder="9000 9001/udp"
                  onChange={(e) => update('expose', e.target.value)}
                  onBlur={touch('expose')}
                />
              </Field>
            </FormSection>

            <FormSection
              id={`${uid}-volumes`}
              title="Volumes"
              hint="A named volume is created when it does not exist yet"
            >
              <datalist id={`${uid}-volumes`}>
                {volumes.items
                  .filter((v) => !v.anonymous)
                  .map((v) => (
                    <option key={v.name} value={v.name} />
                  ))}
              </datalist>
              {spec.volumes.map((v, i) => (
                <VolumeRowEditor
                  key={i}
                  uid={uid}
                  index={i}
                  row={v}
                  errors={shownErrors}
                  onChange={(row) =>
                    update(
                      'volumes',
                      spec.volumes.map((x, j) => (j === i ? row : x)),
                      `volumes.${i}`,
                    )
                  }
                  onRemove={() =>
                    update(
                      'volumes',
                      spec.volumes.filter((_, j) => j !== i),
                      'volumes',
                    )
                  }
                  onBlur={touch(`volumes.${i}`)}
                  existing={volumes.items.some((x) => x.name === v.source.trim())}
                />
              ))}
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() =>
                    update('volumes', [...spec.volumes, { kind: 'volume', source: '', target: '', readOnly: false }])
                  }
                >
                  <Plus size={13} aria-hidden="true" />
                  Add named volume
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() =>
                    update('volumes', [...spec.volumes, { kind: 'bind', source: '', target: '', readOnly: false }])
                  }
                >
                  <Plus size={13} aria-hidden="true" />
                  Add host folder
                </button>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => update('volumesFrom', [...spec.volumesFrom, ''])}
                >
                  <Plus size={13} aria-hidden="true" />
                  Add volumes from a container
                </button>
              </div>
              <datalist id={`${uid}-containers`}>
                {containers.map((c) => (
                  <option key={c.id} value={c.name} />
                ))}
              </datalist>
              {spec.volumesFrom.map((f, i) => (
                <div key={i} className="form-row">
                  <Field
                    id={`${uid}-vfrom-${i}`}
                    label={`Volumes from ${i + 1}`}
                    error={err(`volumesFrom.${i}`)}
                    grow
                    hint="Every volume of that container; add :ro for read-only"
                  >
                    <input
                      className="input"
                      list={`${uid}-containers`}
                      value={f}
                      spellCheck={false}
                      onChange={(e) =>
                        update(
                          'volumesFrom',
                          spec.volumesFrom.map((x, j) => (j === i ? e.target.value : x)),
                          `volumesFrom.${i}`,
                        )
                      }
                      onBlur={touch(`volumesFrom.${i}`)}
                    />
                  </Field>
                  <IconButton
                    label={`Remove volumes from ${i + 1}`}
                    icon={X}
                    size="sm"
                    onClick={() =>
                      update(
                        'volumesFrom',
                        spec.volumesFrom.filter((_, j) => j !== i),
                        'volumesFrom',
                      )
                    }
                  />
                </div>
              ))}
            </FormSection>

            <FormSection id={`${uid}-network`} title="Network">
              <div className="form-grid">
                <Field id={`${uid}-network-sel`} label="Network" error={err('network')}>
                  <select
                    className="select"
                    value={spec.network}
                    onChange={(e) => update('network', e.target.value)}
                    onBlur={touch('network')}
                  >
                    <option value="bridge">bridge (default)</option>
                    <option value="host">host</option>
                    <option value="none">none</option>
                    {userNetworks.length > 0 && (
                      <optgroup label="User-defined">
                        {userNetworks.map((n) => (
                          <option key={n} value={n}>
                            {n}
                          </option>
                        ))}
                      </optgroup>
                    )}
                    {!userNetworks.includes(spec.network) && isUserNetwork && (
                      <option value={spec.network}>{spec.network}</option>
                    )}
                  </select>
                </Field>
                <Field
                  id={`${uid}-aliases`}
                  label="Network aliases"
                  error={err('aliases')}
                  hint={
                    isUserNetwork
                      ? 'Other containers on the network reach it by these names'
                      : 'Only on a user-defined network'
                  }
                >
                  <input
                    className="input mono"
                    value={spec.aliases}
                    spellCheck={false}
                    disabled={!isUserNetwork && !spec.aliases}
                    placeholder="db, cache"
                    onChange={(e) => update('aliases', e.target.value)}
                    onBlur={touch('aliases')}
                  />
                </Field>
              </div>
            </FormSection>

            <FormSection id={`${uid}-env`} title="Environment">
              <KeyValueRows
                uid={`${uid}-env`}
                noun="Variable"
                field="env"
                rows={spec.env}
                errors={shownErrors}
                onChange={(rows, field) => update('env', rows, field)}
                onBlur={touch('env')}
                add="Add variable"
                actions={
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost"
                    aria-expanded={pasteOpen}
                    onClick={() => setPasteOpen((o) => !o)}
                  >
                    Paste .env…
                  </button>
                }
              />
              {pasteOpen && (
                <EnvPaste
                  uid={uid}
                  onAdd={(rows) => {
                    update('env', mergeEnvRows(spec.env, rows), 'env');
                    setPasteOpen(false);
                  }}
                />
              )}
            </FormSection>

            <FormSection
              id={`${uid}-resources`}
              title="Resources & restart"
              hint="Limits from cgroups; empty = no limit"
            >
              <div className="form-grid form-grid-3">
                <Field id={`${uid}-memory`} label="Memory" error={err('memory')} hint="e.g. 512m, 1.5g">
                  <input
                    className="input mono"
                    value={spec.memory}
                    spellCheck={false}
                    onChange={(e) => update('memory', e.target.value)}
                    onBlur={touch('memory')}
                  />
                </Field>
                <Field id={`${uid}-swap`} label="Memory + swap" error={err('memorySwap')} hint="-1 = unlimited swap">
                  <input
                    className="input mono"
                    value={spec.memorySwap}
                    spellCheck={false}
                    onChange={(e) => update('memorySwap', e.target.value)}
                    onBlur={touch('memorySwap')}
                  />
                </Field>
                <Field id={`${uid}-cpus`} label="CPUs" error={err('cpus')} hint="A decimal, e.g. 0.5">
                  <input
                    className="input mono"
                    value={spec.cpus}
                    inputMode="decimal"
                    spellCheck={false}
                    onChange={(e) => update('cpus', e.target.value)}
                    onBlur={touch('cpus')}
                  />
                </Field>
                <Field
                  id={`${uid}-shares`}
                  label="CPU shares"
                  error={err('cpuShares')}
                  hint="Relative weight, default 1024"
                >
                  <input
                    className="input mono"
                    value={spec.cpuShares}
                    inputMode="numeric"
                    onChange={(e) => update('cpuShares', e.target.value)}
                    onBlur={touch('cpuShares')}
                  />
                </Field>
                <Field id={`${uid}-pids`} label="PIDs limit" error={err('pidsLimit')} hint="-1 = unlimited">
                  <input
                    className="input mono"
                    value={spec.pidsLimit}
                    inputMode="numeric"
                    onChange={(e) => update('pidsLimit', e.target.value)}
                    onBlur={touch('pidsLimit')}
                  />
                </Field>
                <div />
                <Field id={`${uid}-restart`} label="Restart policy" error={err('restart')}>
                  <select
                    className="select"
                    value={spec.restart}
                    onChange={(e) => update('restart', e.target.value as RestartName)}
                  >
                    {(Object.keys(RESTART_LABEL) as RestartName[]).map((r) => (
                      <option key={r} value={r}>
                        {RESTART_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </Field>
                {spec.restart === 'on-failure' && (
                  <Field id={`${uid}-retries`} label="Max retries" error={err('maxRetries')} hint="Empty = unlimited">
                    <input
                      className="input mono"
                      value={spec.maxRetries}
                      inputMode="numeric"
                      onChange={(e) => update('maxRetries', e.target.value)}
                      onBlur={touch('maxRetries')}
                    />
                  </Field>
                )}
              </div>
            </FormSection>

            <LabelsSection
              uid={uid}
              rows={spec.labels}
              errors={shownErrors}
              onChange={(rows, field) => update('labels', rows, field)}
              onBlur={touch('labels')}
            />

            <FormSection id={`${uid}-options`} title="Options">
              <Check
                id={`${uid}-rm`}
                label="Remove when it exits"
                hint="--rm"
                checked={spec.autoRemove}
                onChange={(v) => update('autoRemove', v, 'restart')}
              />
              <Check
                id={`${uid}-tty`}
                label="Allocate a TTY"
                hint="-t"
                checked={spec.tty}
                onChange={(v) => update('tty', v)}
              />
              <Check
                id={`${uid}-stdin`}
                label="Keep stdin open"
                hint="-i, for attaching later"
                checked={spec.interactive}
                onChange={(v) => update('interactive', v)}
              />
              <details
                className="run-advanced"
                open={spec.privileged || Boolean(spec.capAdd || spec.capDrop) || undefined}
              >
                <summary>Advanced: privileges and capabilities</summary>
                <div className="run-warning" role="note">
                  <TriangleAlert size={14} aria-hidden="true" />
                  <span>
                    These weaken the isolation between the container and the host. A privileged container can do nearly
                    anything root on the host can.
                  </span>
                </div>
                <Check
                  id={`${uid}-priv`}
                  label="Privileged"
                  hint="All capabilities and every host device"
                  checked={spec.privileged}
                  onChange={(v) => update('privileged', v)}
                />
                <div className="form-grid">
                  <Field
                    id={`${uid}-capadd`}
                    label="Add capabilities"
                    error={err('capAdd')}
                    hint="e.g. NET_ADMIN SYS_TIME"
                  >
                    <input
                      className="input mono"
                      value={spec.capAdd}
                      spellCheck={false}
                      onChange={(e) => update('capAdd', e.target.value)}
                      onBlur={touch('capAdd')}
                    />
                  </Field>
                  <Field
                    id={`${uid}-capdrop`}
                    label="Drop capabilities"
                    error={err('capDrop')}
                    hint="e.g. ALL or NET_RAW"
                  >
                    <input
                      className="input mono"
                      value={spec.capDrop}
                      spellCheck={false}
                      onChange={(e) => update('capDrop', e.target.value)}
                      onBlur={touch('capDrop')}
                    />
                  </Field>
                </div>
              </details>
            </FormSection>
          </div>
        </div>
      </div>
      <CommandPreview id={`${uid}-cli`} label="docker run command" command={command} rows={3} />
    </Dialog>
  );
}

function EnvPaste({ uid, onAdd }: { uid: string; onAdd: (rows: KeyValueRow[]) => void }) {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const id = `${uid}-envpaste`;
  return (
    <div className="run-paste">
      <label htmlFor={id} className="field-label">
        Paste a .env block
      </label>
      <textarea
        id={id}
        className="input mono run-paste-text"
        rows={5}
        value={text}
        spellCheck={false}
        placeholder={'# comments and export are fine\nexport API_URL="http://api:8080"\nDEBUG=1'}
        aria-invalid={problems.length > 0 || undefined}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
      />
      {problems.length > 0 && (
        <div id={`${id}-error`} className="field-error">
          {problems.join('; ')}
        </div>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            const { rows, errors } = parseEnvBlock(text);
            setProblems(errors);
            if (errors.length === 0) onAdd(rows);
          }}
        >
          Add variables
        </button>
      </div>
    </div>
  );
}

function VolumeRowEditor({
  uid,
  index,
  row,
  errors,
  existing,
  onChange,
  onRemove,
  onBlur,
}: {
  uid: string;
  index: number;
  row: VolumeRow;
  errors: FieldErrors;
  existing: boolean;
  onChange: (row: VolumeRow) => void;
  onRemove: () => void;
  onBlur: () => void;
}) {
  const n = index + 1;
  const isBind = row.kind === 'bind';
  const sourceHint = isBind
    ? 'A folder on the machine Berth runs on'
    : row.source.trim()
      ? existing
        ? 'Existing volume'
        : 'New volume: created on run'
      : 'Empty: an anonymous volume';
  const sourceError = errors[`volumes.${index}.source`];
  return (
    <div className="run-volume" role="group" aria-label={`Volume ${n}`}>
      <Field id={`${uid}-vol-${index}-kind`} label="Type">
        <select
          className="select"
          value={row.kind}
          onChange={(e) => onChange({ ...row, kind: e.target.value as VolumeRow['kind'] })}
        >
          <option value="volume">Named volume</option>
          <option value="bind">Host folder</option>
        </select>
      </Field>
      {isBind ? (
        <PathField
          id={`${uid}-vol-${index}-source`}
          label="Host path"
          mode="directory"
          value={row.source}
          error={sourceError}
          hint={sourceHint}
          placeholder="/home/me/site"
          onChange={(source) => onChange({ ...row, source })}
        />
      ) : (
        <Field id={`${uid}-vol-${index}-source`} label="Volume name" error={sourceError} hint={sourceHint}>
          <input
            className="input mono"
            list={`${uid}-volumes`}
            value={row.source}
            spellCheck={false}
            autoComplete="off"
            placeholder="pick or type a new name"
            onChange={(e) => onChange({ ...row, source: e.target.value })}
            onBlur={onBlur}
          />
        </Field>
      )}
      <Field id={`${uid}-vol-${index}-target`} label="Container path" error={errors[`volumes.${index}.target`]}>
        <input
          className="input mono"
          value={row.target}
          spellCheck={false}
          placeholder="/data"
          onChange={(e) => onChange({ ...row, target: e.target.value })}
          onBlur={onBlur}
        />
      </Field>
      <div className="check-row run-ro">
        <input
          id={`${uid}-vol-${index}-ro`}
          type="checkbox"
          checked={row.readOnly}
          onChange={(e) => onChange({ ...row, readOnly: e.target.checked })}
        />
        <label htmlFor={`${uid}-vol-${index}-ro`} className="check-label">
          Read-only
        </label>
      </div>
      <IconButton label={`Remove volume ${n}`} icon={X} size="sm" className="run-volume-remove" onClick={onRemove} />
    </div>
  );
}
