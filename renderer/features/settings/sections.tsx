import { useEffect } from 'react';
import {
  ComposeSettings,
  DEFAULT_SETTINGS,
  LogsTailSetting,
  TerminalSettings,
  type CursorStyle,
  type ThemeChoice,
} from '../../../shared/contracts/settings';
import { Check, Field } from '../../components/FormField';
import { SegmentedControl } from '../../components/SegmentedControl';
import { describeCli } from '../../presentation/compose';
import { formatLineCount } from '../../presentation/logs';
import { toast } from '../../stores/toasts';
import { loadComposeCli, useComposeCli } from '../stacks/cliStore';
import { DraftInput } from './DraftInput';
import { SectionReset } from './SectionReset';
import { SettingsSectionFrame } from './SettingsSectionFrame';
import { saveSettings, useSettings } from './store';
import { parseWhole, useDraftField } from './useDraftField';

/** Saves a toggle or a choice at once; a refusal (link down) says so in a toast. */
function saveNow(patch: Parameters<typeof saveSettings>[0]): void {
  saveSettings(patch).catch((err: unknown) => toast.fromError('Could not save the setting', err));
}

const THEMES: { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

export function AppearanceSection() {
  const theme = useSettings((v) => v.theme);
  return (
    <SettingsSectionFrame
      id="settings-appearance"
      title="Appearance"
      actions={<SectionReset section="theme" title="Appearance" items={['Theme (back to System)']} />}
    >
      <div className="settings-row">
        <span className="field-label" id="settings-theme-label">
          Theme
        </span>
        <SegmentedControl label="Theme" value={theme} options={THEMES} onChange={(t) => saveNow({ theme: t })} />
        <span className="field-hint">System follows your desktop’s light or dark mode.</span>
      </div>
    </SettingsSectionFrame>
  );
}

const CURSORS: { value: CursorStyle; label: string }[] = [
  { value: 'block', label: 'Block' },
  { value: 'bar', label: 'Bar' },
  { value: 'underline', label: 'Underline' },
];

export function TerminalSection() {
  const t = useSettings((v) => v.terminal);
  const family = useDraftField({
    saved: t.fontFamily,
    parse: (s) => s,
    schema: TerminalSettings.shape.fontFamily,
    patch: (fontFamily) => ({ terminal: { fontFamily } }),
    errorKey: 'terminal.fontFamily',
  });
  const size = useDraftField({
    saved: String(t.fontSize),
    parse: parseWhole,
    schema: TerminalSettings.shape.fontSize,
    patch: (fontSize) => ({ terminal: { fontSize } }),
    errorKey: 'terminal.fontSize',
  });
  const scrollback = useDraftField({
    saved: String(t.scrollback),
    parse: parseWhole,
    schema: TerminalSettings.shape.scrollback,
    patch: (n) => ({ terminal: { scrollback: n } }),
    errorKey: 'terminal.scrollback',
  });
  return (
    <SettingsSectionFrame
      id="settings-terminal"
      title="Terminal"
      hint="Applies at once to every open terminal."
      actions={
        <SectionReset
          section="terminal"
          title="Terminal"
          items={[
            'Font family',
            'Font size (13)',
            'Cursor style (block)',
            'Blinking cursor (off)',
            'Scrollback (5,000)',
          ]}
        />
      }
    >
      <div className="form-grid">
        <DraftInput id="settings-font-family" label="Font family" field={family} saved={t.fontFamily} wide />
        <DraftInput
          id="settings-font-size"
          label="Font size"
          hint="Pixels, 6 to 48"
          type="number"
          field={size}
          saved={String(t.fontSize)}
        />
        <DraftInput
          id="settings-scrollback"
          label="Scrollback lines"
          hint="Lines kept above the screen, 0 to 100,000"
          type="number"
          field={scrollback}
          saved={String(t.scrollback)}
        />
        <Field id="settings-cursor-style" label="Cursor style">
          <select
            className="select"
            value={t.cursorStyle}
            onChange={(e) => saveNow({ terminal: { cursorStyle: e.target.value as CursorStyle } })}
          >
            {CURSORS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Check
        id="settings-cursor-blink"
        label="Blinking cursor"
        hint="A steady cursor shows each echo a frame sooner"
        checked={t.cursorBlink}
        onChange={(on) => saveNow({ terminal: { cursorBlink: on } })}
      />
    </SettingsSectionFrame>
  );
}

export function LogsSection() {
  const l = useSettings((v) => v.logs);
  const savedTail = String(l.tail);
  const tail = useDraftField({
    saved: savedTail,
    parse: (s) => (s.trim().toLowerCase() === 'all' ? 'all' : parseWhole(s)),
    schema: LogsTailSetting,
    patch: (v) => ({ logs: { tail: v } }),
    errorKey: 'logs.tail',
  });
  const defTail = DEFAULT_SETTINGS.logs.tail;
  return (
    <SettingsSectionFrame
      id="settings-logs"
      title="Logs"
      hint="What a newly opened log view starts with. Changing them in a log view saves them here too."
      actions={
        <SectionReset
          section="logs"
          title="Logs"
          items={[
            `Tail (${typeof defTail === 'number' ? formatLineCount(defTail) : defTail})`,
            'Timestamps (off)',
            'Wrap lines (off)',
          ]}
        />
      }
    >
      <div className="form-grid">
        <DraftInput
          id="settings-logs-tail"
          label="Tail"
          hint="Last lines to load before following: a number, or “all”"
          type="number"
          field={tail}
          saved={savedTail}
        />
      </div>
      <Check
        id="settings-logs-timestamps"
        label="Show timestamps"
        checked={l.timestamps}
        onChange={(on) => saveNow({ logs: { timestamps: on } })}
      />
      <Check
        id="settings-logs-wrap"
        label="Wrap long lines"
        checked={l.wrap}
        onChange={(on) => saveNow({ logs: { wrap: on } })}
      />
    </SettingsSectionFrame>
  );
}

export function ComposeSection() {
  const cliPath = useSettings((v) => v.compose.cliPath);
  const { info } = useComposeCli();
  useEffect(() => {
    void loadComposeCli(true);
  }, [cliPath]);
  const path = useDraftField({
    saved: cliPath ?? '',
    parse: (s) => (s.trim() === '' ? null : s.trim()),
    schema: ComposeSettings.shape.cliPath,
    patch: (p) => ({ compose: { cliPath: p } }),
    errorKey: 'compose.cliPath',
  });
  return (
    <SettingsSectionFrame
      id="settings-compose"
      title="Compose"
      actions={<SectionReset section="compose" title="Compose" items={['Compose CLI path (detect automatically)']} />}
    >
      <div className="form-grid">
        <DraftInput
          id="settings-compose-path"
          label="Compose CLI path"
          hint="Empty: use docker compose, else docker-compose, from PATH. A path is tried before it is saved."
          placeholder="/usr/bin/docker-compose"
          field={path}
          saved={cliPath ?? ''}
          wide
        />
      </div>
      <p className="settings-note" role="status" aria-label="Compose CLI in use">
        {info ? (info.found ? `In use: ${describeCli(info)}` : 'No compose CLI found') : 'Looking for the compose CLI…'}
      </p>
    </SettingsSectionFrame>
  );
}

export function ConfirmationsSection() {
  const c = useSettings((v) => v.confirmations);
  return (
    <SettingsSectionFrame
      id="settings-confirmations"
      title="Confirmations"
      actions={
        <SectionReset
          section="confirmations"
          title="Confirmations"
          items={['Ask before Stop, Restart and Kill (off)']}
        />
      }
    >
      <Check
        id="settings-confirm-stop"
        label="Ask before Stop, Restart and Kill"
        hint="For containers, one at a time or selected together"
        checked={c.stopRestart}
        onChange={(on) => saveNow({ confirmations: { stopRestart: on } })}
      />
      <Check
        id="settings-confirm-remove"
        label="Ask before removing anything"
        hint="Always on: removal cannot be undone"
        checked
        disabled
        onChange={() => undefined}
      />
    </SettingsSectionFrame>
  );
}
