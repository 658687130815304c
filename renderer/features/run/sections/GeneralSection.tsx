import { useMemo } from 'react';
import { commandArgv } from '../../../../shared/run-spec';
import { Field, FormSection } from '../../../components/FormField';
import { SegmentedControl } from '../../../components/SegmentedControl';
import { formatArgv } from '../../../presentation/run';
import { useImages } from '../../images/imagesStore';
import type { RunSectionProps } from './types';

/** The Run dialog's General section: image, name, hostname, command, entrypoint, working directory, user. */
export function GeneralSection({ uid, spec, update, touch, err }: RunSectionProps) {
  const images = useImages();
  const imageRefs = useMemo(
    () => [...new Set(images.items.flatMap((i) => i.repoTags.filter((t) => t !== '<none>:<none>')))].sort(),
    [images.items],
  );
  const argv = commandArgv(spec);
  return (
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
  );
}
