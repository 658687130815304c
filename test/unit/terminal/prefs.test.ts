import { describe, expect, test } from 'vitest';
import { DEFAULT_TERMINAL_PREFS, parseTerminalPrefs } from '../../../renderer/features/terminal/prefs';

describe('terminal preferences', () => {
  test('a steady cursor unless the saved choice says otherwise; junk falls back to the default', () => {
    expect(DEFAULT_TERMINAL_PREFS.cursorBlink).toBe(false);
    expect(parseTerminalPrefs(null)).toEqual({ cursorBlink: false });
    expect(parseTerminalPrefs('{"cursorBlink":true}')).toEqual({ cursorBlink: true });
    expect(parseTerminalPrefs('{"cursorBlink":"yes"}')).toEqual({ cursorBlink: false });
    expect(parseTerminalPrefs('not json')).toEqual({ cursorBlink: false });
    expect(parseTerminalPrefs('null')).toEqual({ cursorBlink: false });
  });
});
