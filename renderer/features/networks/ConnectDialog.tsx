import { useId, useState } from 'react';
import { Dialog, SubmitFooter } from '../../components/Dialog';
import { Field } from '../archive/Field';
import { ContainerPicker, NetworkPicker, type PickOption } from './ConnectPicker';
import { TextListRows } from './TextListRows';
import { useConnectForm } from './useConnectForm';
import './networks.css';

export interface ConnectDialogProps {
  /**
   * The side the dialog is opened from: a network's page picks a container, a container's page picks a
   * network.
   */
  fixed: { kind: 'network' | 'container'; id: string; name: string };
  /** Ids of the other side already connected (not offered). */
  exclude: ReadonlySet<string>;
  /** The fixed network's subnets, for the address hints ("Inside 172.18.0.0/16"). */
  subnets?: readonly string[];
  onClose: () => void;
}

/**
 * `docker network connect`: which container joins which network, with aliases, static IPv4/IPv6 and
 * legacy links. One dialog for both pages; every field's problem (live checks, then the engine's
 * answer) is shown at that field.
 */
export function ConnectDialog({ fixed, exclude, subnets, onClose }: ConnectDialogProps) {
  const uid = useId();
  const form = useConnectForm({ fixed, onDone: onClose });
  const { spec, errors, busy } = form;
  // From a container's page, the address hints follow the network picked.
  const [pickedSubnets, setPickedSubnets] = useState<readonly string[]>();
  const [pickedName, setPickedName] = useState('');
  const pickerProps = {
    exclude,
    value: form.picked,
    error: errors[fixed.kind === 'network' ? 'container' : 'network'],
    onPick: (o: PickOption) => {
      form.pick(o.id, o.name);
      setPickedSubnets(o.subnets);
      setPickedName(o.name);
    },
  };
  const all = subnets ?? pickedSubnets ?? [];
  const defaultBridge = (fixed.kind === 'network' ? fixed.name : pickedName) === 'bridge';
  const v4 = all.filter((s) => !s.includes(':'));
  const v6 = all.filter((s) => s.includes(':'));
  const hint = (own: readonly string[]): string =>
    own.length ? `Blank for automatic; within ${own.join(', ')}` : 'Blank: the engine picks one';

  const lists = [
    {
      field: 'aliases',
      legend: 'Aliases',
      noun: 'Alias',
      placeholder: 'db',
      hint: defaultBridge
        ? 'The engine takes aliases only on user-defined networks, not on the default bridge.'
        : 'Other containers on the network reach it by these names too.',
    },
    {
      field: 'links',
      legend: 'Links',
      noun: 'Link',
      placeholder: 'container or container:alias',
      hint: (
        <>
          Legacy links (<code>--link</code>): reach another container under an alias of your choosing.
        </>
      ),
    },
  ] as const;

  return (
    <Dialog
      open
      title={fixed.kind === 'network' ? `Connect a container to ${fixed.name}` : `Connect ${fixed.name} to a network`}
      description={
        fixed.kind === 'network'
          ? 'The container joins this network, reachable by its name and aliases from the containers on it.'
          : 'The container joins the network, reachable there by its name and aliases.'
      }
      width={560}
      dismissable={!busy}
      onClose={onClose}
      footer={<SubmitFooter form={`${uid}-form`} label="Connect" busy={busy} onCancel={onClose} />}
    >
      <form
        id={`${uid}-form`}
        className="connect-form"
        aria-label="Connect"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        {fixed.kind === 'network' ? <ContainerPicker {...pickerProps} /> : <NetworkPicker {...pickerProps} />}

        <div className="connect-pair">
          {(['ipv4', 'ipv6'] as const).map((k) => (
            <Field
              key={k}
              label={k === 'ipv4' ? 'IPv4 address' : 'IPv6 address'}
              error={errors[k]}
              hint={hint(k === 'ipv4' ? v4 : v6)}
            >
              {(p) => (
                <input
                  {...p}
                  className="input mono"
                  value={spec[k]}
                  spellCheck={false}
                  placeholder={k === 'ipv4' ? '172.28.5.10' : 'fd00:28::10'}
                  onChange={(e) => form.update(k, e.target.value)}
                  onBlur={form.touch(k)}
                />
              )}
            </Field>
          ))}
        </div>

        {lists.map((l) => (
          <TextListRows
            key={l.field}
            uid={uid}
            {...l}
            rows={spec[l.field]}
            errors={errors}
            onChange={(rows, field) => form.update(l.field, rows, field)}
            onBlur={form.touch(l.field)}
          />
        ))}

        {errors['form'] && (
          <div className="inline-error" role="alert">
            The engine refused: {errors['form']}
          </div>
        )}
      </form>
    </Dialog>
  );
}
