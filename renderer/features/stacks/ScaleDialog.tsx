import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/FormField';
import { useComposeCli } from './cliStore';
import { composeCommandPreview, runTitle, targetOfStack } from '../../presentation/compose';
import type { Stack } from '../../presentation/stacks';
import { startComposeRun } from './runStore';

/** Scale one service to N replicas (0..100) through the CLI (`up -d --no-deps --scale s=N s`). */
export function ScaleDialog({ stack, service, onClose }: { stack: Stack; service: string; onClose(): void }) {
  const uid = useId();
  const cli = useComposeCli((s) => s.info);
  const current = stack.services.find((s) => s.name === service)?.containers.filter((c) => !c.oneoff).length ?? 0;
  const [text, setText] = useState(String(Math.max(1, current)));
  const target = targetOfStack(stack);
  const n = Number(text);
  const error = !/^\d+$/.test(text.trim()) || n > 100 ? 'A whole number from 0 to 100' : undefined;
  if (!target) return null;
  const op = { op: 'scale' as const, target, service, replicas: error ? current : n };
  return (
    <Dialog
      open
      title={`Scale ${service}`}
      width={440}
      onClose={onClose}
      description={`${stack.project}/${service} has ${current} ${current === 1 ? 'replica' : 'replicas'} now.`}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={`${uid}-form`} className="btn btn-primary">
            Scale
          </button>
        </>
      }
    >
      <form
        id={`${uid}-form`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (error) return;
          startComposeRun(op, stack.project, runTitle(op, stack.project));
          onClose();
        }}
      >
        <Field
          id={`${uid}-n`}
          label="Replicas"
          error={error}
          hint={`Current: ${current}. 0 stops and removes them all.`}
        >
          <input
            className="input tabular stack-scale-input"
            type="number"
            min={0}
            max={100}
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
        </Field>
        <div className="stack-down-command mono" aria-label="Command">
          {composeCommandPreview(cli, op)}
        </div>
      </form>
    </Dialog>
  );
}
