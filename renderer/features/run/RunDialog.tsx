import { ClipboardCopy } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { isBerthError } from '../../../shared/errors';
import { emptyRunSpec, toDockerRunCommand, validateRunSpec, type RunSpec } from '../../../shared/run-spec';
import { api } from '../../api';
import { containerPath, navigate } from '../../lib/router';
import { Dialog } from '../../components/Dialog';
import { CommandPreview } from '../../components/FormField';
import { LabelsSection } from '../../components/KeyValueRows';
import { useFieldForm, useFocusFirstError, scrollWithin } from '../../components/useFieldForm';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { errorsBySection, fieldErrorsOf, type RunSection } from '../../presentation/run';
import { imagesList } from '../images/imagesStore';
import { EnvSection } from './sections/EnvSection';
import { GeneralSection } from './sections/GeneralSection';
import { NetworkSection } from './sections/NetworkSection';
import { OptionsSection } from './sections/OptionsSection';
import { PortsSection } from './sections/PortsSection';
import { ResourcesSection } from './sections/ResourcesSection';
import { VolumesSection } from './sections/VolumesSection';
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
  const bodyRef = useRef<HTMLDivElement>(null);
  const startField = useRef(prefill.image ? 'name' : 'image');

  // The first field to fill has the focus: the name when the image came with the dialog. (After the
  // dialog's showModal, which would otherwise focus its first control.)
  useEffect(() => {
    const id = requestAnimationFrame(() => document.getElementById(`${uid}-${startField.current}`)?.focus());
    return () => cancelAnimationFrame(id);
  }, [uid]);

  const bySection = errorsBySection(shownErrors);
  const command = useMemo(() => toDockerRunCommand(spec), [spec]);

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

            <GeneralSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
            <PortsSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
            <VolumesSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
            <NetworkSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
            <EnvSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
            <ResourcesSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />

            <LabelsSection
              uid={uid}
              rows={spec.labels}
              errors={shownErrors}
              onChange={(rows, field) => update('labels', rows, field)}
              onBlur={touch('labels')}
            />

            <OptionsSection uid={uid} spec={spec} update={update} touch={touch} err={err} errors={shownErrors} />
          </div>
        </div>
      </div>
      <CommandPreview id={`${uid}-cli`} label="docker run command" command={command} rows={3} />
    </Dialog>
  );
}
