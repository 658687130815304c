import type { ComposeCliInfo, ComposeFiles, PullPolicy } from '../../../shared/contracts/stacks';
import { Check, Field, FormSection } from '../../components/FormField';
import { PathField } from '../../components/PathField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { isComposeV1, type UpErrors, type UpForm } from '../../presentation/compose';

const PULL_OPTIONS: Array<{ value: PullPolicy; label: string }> = [
  { value: 'missing', label: 'Missing' },
  { value: 'always', label: 'Always' },
  { value: 'never', label: 'Never' },
];

/** Project name, env file, profiles and the `up` flags of the Up dialog. */
export function UpOptionsSection({
  id,
  form,
  patch,
  errors,
  read,
  cli,
}: {
  id: string;
  form: UpForm;
  patch(p: Partial<UpForm>): void;
  errors: UpErrors;
  read: ComposeFiles | undefined;
  cli: ComposeCliInfo | undefined;
}) {
  const v1 = isComposeV1(cli);
  const profiles = [...new Set([...(read?.profiles ?? []), ...form.profiles])].sort();
  const folder = form.files[0]?.replace(/[\\/][^\\/]*$/, '');
  const pullHint =
    form.pull === 'always' && v1
      ? 'docker-compose 1.x has no --pull: Berth runs “pull” before “up”.'
      : v1
        ? '“Never” needs compose v2 (docker-compose 1.x has no --pull).'
        : 'When images are pulled before the containers start.';
  return (
    <>
      <FormSection id={`${id}-project`} title="Project">
        <div className="form-grid">
          <Field
            id={`${id}-name`}
            label="Project name"
            error={errors.project}
            hint={
              read
                ? `Empty: “${read.project}”, as the CLI would name it`
                : 'Empty: the CLI’s default (the folder’s name)'
            }
          >
            <input
              className="input mono"
              value={form.project}
              placeholder={read?.project ?? ''}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => patch({ project: e.target.value })}
            />
          </Field>
          <PathField
            label="Env file"
            mode="file"
            value={form.envFile}
            startIn={folder}
            placeholder={folder ? `${folder}/.env` : '/path/to/.env'}
            error={errors.envFile}
            hint="Empty: .env in the project folder, if there is one"
            onChange={(p) => patch({ envFile: p })}
          />
        </div>
        <div className="stack-profiles" role="group" aria-label="Profiles">
          <span className="field-label">Profiles</span>
          {profiles.length === 0 ? (
            <span className="field-hint">The files define no profiles.</span>
          ) : (
            profiles.map((p) => (
              <Check
                key={p}
                id={`${id}-profile-${p}`}
                label={p}
                checked={form.profiles.includes(p)}
                onChange={(on) =>
                  patch({ profiles: on ? [...form.profiles, p] : form.profiles.filter((x) => x !== p) })
                }
              />
            ))
          )}
          {errors.profiles && <div className="form-section-error">{errors.profiles}</div>}
        </div>
      </FormSection>
      <FormSection id={`${id}-options`} title="Options">
        <div className={`field stack-pull${errors.pull ? ' has-error' : ''}`}>
          <div className="field-head">
            <span className="field-label">Pull images</span>
            <SegmentedControl
              label="Pull images"
              value={form.pull}
              options={PULL_OPTIONS.map((o) =>
                v1 && o.value === 'never'
                  ? { ...o, disabled: true, title: 'docker-compose 1.x cannot skip pulls (no --pull)' }
                  : o,
              )}
              onChange={(pull) => patch({ pull })}
            />
          </div>
          {errors.pull ? (
            <div className="field-error">{errors.pull}</div>
          ) : (
            <div className="field-hint">{pullHint}</div>
          )}
        </div>
        <Check
          id={`${id}-build`}
          label="Build images before starting"
          hint="--build"
          checked={form.build}
          onChange={(build) => patch({ build })}
        />
        <Check
          id={`${id}-recreate`}
          label="Recreate containers even if unchanged"
          hint="--force-recreate"
          checked={form.forceRecreate}
          onChange={(forceRecreate) => patch({ forceRecreate })}
        />
        <Check
          id={`${id}-orphans`}
          label="Remove containers of services no longer in the files"
          hint="--remove-orphans"
          checked={form.removeOrphans}
          onChange={(removeOrphans) => patch({ removeOrphans })}
        />
      </FormSection>
    </>
  );
}
