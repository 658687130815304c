import { describe, expect, test } from 'vitest';
import {
  createErrorFields,
  driverChoices,
  emptyVolumeForm,
  toCreateInput,
  validateVolumeForm,
  volumeCreateCommand,
  type VolumeForm,
} from '../../../renderer/presentation/volumeCreate';

const form = (patch: Partial<VolumeForm>): VolumeForm => ({ ...emptyVolumeForm(), ...patch });

describe('Create volume form', () => {
  test('blank name: no name sent, so the engine generates one', () => {
    expect(toCreateInput(form({}))).toEqual({ driver: 'local', driverOpts: {}, labels: {} });
    expect(validateVolumeForm(form({}))).toEqual({});
  });

  test('tmpfs and bind presets become the local driver options', () => {
    expect(toCreateInput(form({ name: 'cache', backing: 'tmpfs', tmpfsSize: '64m' })).driverOpts).toEqual({
      type: 'tmpfs',
      device: 'tmpfs',
      o: 'size=64m',
    });
    expect(toCreateInput(form({ backing: 'tmpfs' })).driverOpts).toEqual({ type: 'tmpfs', device: 'tmpfs' });
    expect(toCreateInput(form({ backing: 'bind', bindPath: ' /srv/data ' })).driverOpts).toEqual({
      type: 'none',
      o: 'bind',
      device: '/srv/data',
    });
    // Another driver: presets do not apply.
    expect(toCreateInput(form({ driver: 'nfs-plugin', backing: 'tmpfs' })).driverOpts).toEqual({});
  });

  test('rows: blank ones dropped, values kept as typed', () => {
    const input = toCreateInput(
      form({
        options: [
          { key: 'type', value: 'nfs' },
          { key: '', value: '' },
        ],
        labels: [{ key: ' team ', value: ' a b ' }],
      }),
    );
    expect(input.driverOpts).toEqual({ type: 'nfs' });
    expect(input.labels).toEqual({ team: ' a b ' });
  });

  test('errors at their fields: name rule from the contract, rows, preset fields', () => {
    const errors = validateVolumeForm(
      form({
        name: 'my data',
        backing: 'tmpfs',
        tmpfsSize: 'lots',
        options: [
          { key: 'o', value: 'x' },
          { key: 'a b', value: '1' },
          { key: 'ok', value: 'bad\u0001' },
        ],
        labels: [
          { key: 'x', value: '1' },
          { key: 'x', value: '2' },
        ],
      }),
    );
    expect(errors.name).toMatch(/letters, digits/);
    expect(errors.tmpfsSize).toMatch(/64m/);
    expect(errors['options.0.key']).toBe('o is set by the tmpfs preset');
    expect(errors['options.1.key']).toMatch(/cannot contain/);
    expect(errors['options.2.value']).toBe('A value has no control characters');
    expect(errors['labels.1.key']).toMatch(/already set in row 1/);
  });

  test('bind needs an absolute host path', () => {
    expect(validateVolumeForm(form({ backing: 'bind' })).bindPath).toMatch(/Choose/);
    expect(validateVolumeForm(form({ backing: 'bind', bindPath: 'data' })).bindPath).toMatch(/absolute/);
    expect(validateVolumeForm(form({ backing: 'bind', bindPath: '/data' }))).toEqual({});
  });

  test('a taken name shows at the name; other refusals at the form', () => {
    expect(createErrorFields({ code: 'CONFLICT', message: 'A volume named x already exists' })).toEqual({
      name: 'A volume named x already exists',
    });
    expect(createErrorFields({ code: 'INVALID_ARGUMENT', message: 'invalid option: "foo"' })).toEqual({
      form: 'invalid option: "foo"',
    });
  });

  test('driver choices: local first, the engine’s, the current one kept', () => {
    expect(driverChoices(undefined, 'local')).toEqual(['local']);
    expect(driverChoices(['local', 'rclone'], 'local')).toEqual(['local', 'rclone']);
    expect(driverChoices(['local'], 'custom')).toEqual(['local', 'custom']);
  });
});

describe('the same volume from a terminal', () => {
  test('docker volume create with the options, labels and name, quoted', () => {
    expect(volumeCreateCommand(emptyVolumeForm())).toBe('docker volume create');
    expect(
      volumeCreateCommand(
        form({ name: 'cache', backing: 'tmpfs', tmpfsSize: '64m', labels: [{ key: 'team', value: 'a b' }] }),
      ),
    ).toBe("docker volume create --opt type=tmpfs --opt device=tmpfs --opt o=size=64m --label 'team=a b' cache");
    expect(volumeCreateCommand(form({ driver: 'rclone' }))).toBe('docker volume create --driver rclone');
  });
});
