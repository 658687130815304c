import { ClipboardCopy } from 'lucide-react';
import { useEffect, useId, useMemo, useRef } from 'react';
import { Dialog } from '../../components/Dialog';
import { Check, CommandPreview, Field, FormSection } from '../../components/FormField';
import { KeyValueRows, LabelsSection } from '../../components/KeyValueRows';
import { Spinner } from '../../components/Spinner';
import { toast } from '../../components/Toasts';
import { driverOptionKeys, needsParent, toNetworkCreateCommand } from '../../presentation/network-create';
import { NetworkPoolsSection } from './NetworkPoolsSection';
import { useNetworkForm } from './useNetworkForm';
import './network-create.css';

/**
 * Create network: name, driver, address pools, IPv6 / internal / attachable, driver options and labels,
 * checked as they are typed with the same rules the handler runs (shared/network-spec.ts), the matching
 * `docker network create` line, and the engine's refusals at the field they concern. Enter creates,
 * Escape closes.
 */
export function CreateNetworkDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string, name: string) => void;
}) {
  const uid = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const form = useNetworkForm(bodyRef, onCreated);
  const { spec, update, touch, shownErrors: errors, pools, drivers, busy } = form;
  const command = useMemo(() => toNetworkCreateCommand(spec), [spec]);
  const optionKeys = driverOptionKeys(spec.driver);

  // The name first (after showModal, which focuses the first control otherwise).
  useEffect(() => {
    const id = requestAnimationFrame(() => document.getElementById(`${uid}-name`)?.focus());
    return () => cancelAnimationFrame(id);
  }, [uid]);

  const copyCommand = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(command);
      toast.success('Copied the docker network create command');
    } catch (e) {
      toast.error('Could not copy', e instanceof Error ? e.message : String(e));
    }
  };

  const driverHint = drivers.error
    ? `Could not read the engine’s drivers (${drivers.error}); bridge is always there`
    : needsParent(spec.driver)
      ? `Set the “parent” option to the host interface (e.g. eth0), else the engine makes a dummy one`
      : spec.driver === 'overlay'
        ? 'Spans the Swarm’s nodes; tick Attachable for standalone containers'
        : 'A bridge connects containers on this host';

  return (
    <Dialog
      open
      title="Create network"
      onClose={onClose}
      dismissable={!busy}
      width={780}
      footer={
        <>
          <button type="button" className="btn" onClick={() => void copyCommand()}>
            <ClipboardCopy size={14} aria-hidden="true" />
            Copy as docker command
          </button>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void form.submit()}>
            {busy && <Spinner size={12} />}
            Create
          </button>
        </>
      }
    >
      <div
        className="netc-body"
        ref={bodyRef}
        role="form"
        aria-label="Network settings"
        onKeyDown={(e) => {
          // Enter in a field creates the network (a <select> or button keeps its own Enter).
          if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing) return;
          if ((e.target as HTMLElement).tagName !== 'INPUT') return;
          e.preventDefault();
          void form.submit();
        }}
      >
        {errors.form && (
          <div className="inline-error netc-form-error" role="alert">
            <strong>The engine refused:</strong> {errors.form}
          </div>
        )}

        <FormSection id={`${uid}-general`} title="General">
          <div className="form-grid">
            <Field id={`${uid}-name`} label="Name" error={errors.name}>
              <input
                className="input"
                value={spec.name}
                spellCheck={false}
                autoComplete="off"
                placeholder="my-net"
                onChange={(e) => update('name', e.target.value)}
                onBlur={touch('name')}
              />
            </Field>
            <Field
              id={`${uid}-driver`}
              label="Driver"
              error={errors.driver}
              hint={driverHint}
              extra={drivers.loading ? <Spinner size={12} label="Loading the engine’s drivers" /> : undefined}
            >
              <select className="select" value={spec.driver} onChange={(e) => update('driver', e.target.value)}>
                {drivers.drivers.map((d) => (
                  <option key={d} value={d}>
                    {d}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <div className="netc-checks">
            <Check
              id={`${uid}-ipv6`}
              label="IPv6"
              hint="--ipv6"
              checked={spec.ipv6}
              errorId={errors.ipv6 ? `${uid}-ipv6-error` : undefined}
              onChange={(v) => update('ipv6', v)}
            />
            <Check
              id={`${uid}-internal`}
              label="Internal"
              hint="--internal, no route outside"
              checked={spec.internal}
              onChange={(v) => update('internal', v)}
            />
            <Check
              id={`${uid}-attachable`}
              label="Attachable"
              hint="--attachable"
              checked={spec.attachable}
              onChange={(v) => update('attachable', v)}
            />
          </div>
          {errors.ipv6 && (
            <div id={`${uid}-ipv6-error`} className="form-section-error netc-checks-error" role="alert">
              {errors.ipv6}
            </div>
          )}
        </FormSection>

        <NetworkPoolsSection uid={uid} pools={pools} errors={errors} onBlur={touch} />

        <FormSection id={`${uid}-options`} title="Driver options" hint="--opt key=value, passed to the driver">
          <datalist id={`${uid}-option-keys`}>
            {optionKeys.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <KeyValueRows
            uid={`${uid}-opt`}
            noun="Option"
            field="options"
            rows={spec.options}
            errors={errors}
            keyList={`${uid}-option-keys`}
            keyPlaceholder={optionKeys[0] ?? 'key'}
            onChange={(rows, field) => update('options', rows, field)}
            onBlur={touch('options')}
            add="Add option"
          />
        </FormSection>

        <LabelsSection
          uid={uid}
          rows={spec.labels}
          errors={errors}
          onChange={(rows, field) => update('labels', rows, field)}
          onBlur={touch('labels')}
        />
      </div>
      <CommandPreview id={`${uid}-cli`} label="docker command" command={command} />
    </Dialog>
  );
}
