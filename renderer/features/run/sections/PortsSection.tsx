import { Plus, X } from 'lucide-react';
import { Field, FormSection } from '../../../components/FormField';
import { IconButton } from '../../../components/IconButton';
import type { RunSectionProps } from './types';

/** The Run dialog's Ports section: published port rules and exposed ports. */
export function PortsSection({ uid, spec, update, touch, err }: RunSectionProps) {
  return (
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
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => update('ports', [...spec.ports, ''])}>
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
  );
}
