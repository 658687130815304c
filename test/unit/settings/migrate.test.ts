import { describe, expect, test } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/contracts/settings';
import { legacyPatch } from '../../../renderer/features/settings/migrate';

const from = (entries: Record<string, string>) => (key: string) => entries[key] ?? null;

describe('carrying localStorage preferences over to the settings file', () => {
  test('old theme, cursor and log preferences become a patch', () => {
    const patch = legacyPatch(
      DEFAULT_SETTINGS,
      from({
        'berth.theme': 'light',
        'berth.terminal.prefs': '{"cursorBlink":true}',
        'berth.logs.prefs': '{"timestamps":true,"wrap":false,"tail":10000}',
      }),
    );
    expect(patch).toEqual({ theme: 'light', terminal: { cursorBlink: true }, logs: { timestamps: true, tail: 10000 } });
  });

  test('nothing stored, junk, or values the file already changed: nothing to carry', () => {
    expect(legacyPatch(DEFAULT_SETTINGS, from({}))).toEqual({});
    expect(
      legacyPatch(
        DEFAULT_SETTINGS,
        from({ 'berth.theme': 'system', 'berth.terminal.prefs': 'not json', 'berth.logs.prefs': '{"tail":-5}' }),
      ),
    ).toEqual({});
    const set = { ...DEFAULT_SETTINGS, theme: 'dark' as const, logs: { ...DEFAULT_SETTINGS.logs, tail: 50 } };
    expect(legacyPatch(set, from({ 'berth.theme': 'light', 'berth.logs.prefs': '{"tail":100}' }))).toEqual({});
  });
});
