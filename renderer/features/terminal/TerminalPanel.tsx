import { Plus, SquareTerminal, TriangleAlert, X } from 'lucide-react';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { DEFAULT_DETACH_KEYS, DETACH_KEYS_PATTERN, type ContainerState } from '../../../shared/models';
import { IconButton } from '../../components/IconButton';
import { SegmentedControl } from '../../components/SegmentedControl';
import { sessionTitle, splitCommand } from './command';
import { TerminalSession, type SessionSpec } from './TerminalSession';
import './terminal.css';

interface TermTab {
  key: number;
  /** Absent while the tab shows the "Open shell" form. */
  spec?: SessionSpec;
  title: string;
}

/**
 * The container's Terminal tab: several terminal sessions (exec shells, commands, or an attach to the
 * main process), each in its own tab. Unmounting the panel closes every session.
 */
export function TerminalPanel({ containerId, state }: { containerId: string; state: ContainerState }) {
  const nextKey = useRef(2);
  const opened = useRef(0);
  const [tabs, setTabs] = useState<TermTab[]>([{ key: 1, title: 'New terminal' }]);
  const [activeKey, setActiveKey] = useState(1);
  const [lastForm, setLastForm] = useState<FormValues>(DEFAULT_FORM);
  const listRef = useRef<HTMLDivElement>(null);

  const addTab = (): void => {
    const key = nextKey.current++;
    setTabs((t) => [...t, { key, title: 'New terminal' }]);
    setActiveKey(key);
  };

  const closeTab = (key: number): void => {
    const i = tabs.findIndex((t) => t.key === key);
    const rest = tabs.filter((t) => t.key !== key);
    if (rest.length === 0) {
      const fresh = nextKey.current++;
      setTabs([{ key: fresh, title: 'New terminal' }]);
      setActiveKey(fresh);
      return;
    }
    setTabs(rest);
    if (key === activeKey) setActiveKey((rest[Math.max(0, i - 1)] ?? rest[0]!).key);
  };

  const open = (key: number, spec: SessionSpec, values: FormValues): void => {
    opened.current += 1;
    const title = sessionTitle(spec, opened.current);
    setLastForm(values);
    setTabs((t) => t.map((tab) => (tab.key === key ? { ...tab, spec, title } : tab)));
  };

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.findIndex((t) => t.key === activeKey);
    let next: number | undefined;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Delete') {
      e.preventDefault();
      closeTab(activeKey);
      return;
    }
    if (next === undefined) return;
    e.preventDefault();
    const t = tabs[next];
    if (!t) return;
    setActiveKey(t.key);
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLButtonElement>('[aria-selected="true"]')?.focus());
  };

  return (
    <section aria-label="Terminal" className="term-panel">
      <div className="term-tabs">
        <div ref={listRef} role="tablist" aria-label="Terminal sessions" className="term-tablist" onKeyDown={onTabKey}>
          {tabs.map((t) => {
            const selected = t.key === activeKey;
            return (
              <div key={t.key} className={`term-tab${selected ? ' is-selected' : ''}`} role="presentation">
                <button
                  type="button"
                  role="tab"
                  id={`term-tab-${containerId}-${t.key}`}
                  aria-selected={selected}
                  aria-controls={`term-pane-${containerId}-${t.key}`}
                  tabIndex={selected ? 0 : -1}
                  className="term-tab-label"
                  onClick={() => setActiveKey(t.key)}
                >
                  <SquareTerminal size={13} aria-hidden="true" />
                  {t.title}
                </button>
                <IconButton
                  label={`Close ${t.title}`}
                  icon={X}
                  size="sm"
                  tabIndex={-1}
                  className="term-tab-close"
                  onClick={() => closeTab(t.key)}
                />
              </div>
            );
          })}
        </div>
        <IconButton label="New terminal" icon={Plus} size="sm" onClick={addTab} />
      </div>
      {tabs.map((t) => (
        <div
          key={t.key}
          id={`term-pane-${containerId}-${t.key}`}
          role="tabpanel"
          aria-labelledby={`term-tab-${containerId}-${t.key}`}
          className="term-pane"
          hidden={t.key !== activeKey}
        >
          {t.spec ? (
            <TerminalSession containerId={containerId} spec={t.spec} active={t.key === activeKey} title={t.title} />
          ) : (
            <OpenShellForm state={state} initial={lastForm} onOpen={(spec, values) => open(t.key, spec, values)} />
          )}
        </div>
      ))}
    </section>
  );
}

type Kind = 'shell' | 'command' | 'attach';

interface FormValues {
  kind: Kind;
  command: string;
  user: string;
  workingDir: string;
  detachKeys: string;
}

const DEFAULT_FORM: FormValues = {
  kind: 'shell',
  command: '',
  user: '',
  workingDir: '',
  detachKeys: DEFAULT_DETACH_KEYS,
};

function OpenShellForm({
  state,
  initial,
  onOpen,
}: {
  state: ContainerState;
  initial: FormValues;
  onOpen: (spec: SessionSpec, values: FormValues) => void;
}) {
  const [v, setV] = useState<FormValues>(initial);
  const [error, setError] = useState<string | undefined>();
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]): void => {
    setV((cur) => ({ ...cur, [key]: value }));
    setError(undefined);
  };

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (v.kind === 'attach') {
      const keys = v.detachKeys.trim();
      if (keys && !DETACH_KEYS_PATTERN.test(keys)) {
        setError('Detach keys look like ctrl-p,ctrl-q: comma-separated ctrl-<letter> or single characters.');
        return;
      }
      onOpen({ mode: 'attach', ...(keys ? { detachKeys: keys } : {}) }, v);
      return;
    }
    let cmd: string[] | undefined;
    if (v.kind === 'command') {
      const parsed = splitCommand(v.command);
      if ('error' in parsed) {
        setError(`${parsed.error} in the command.`);
        return;
      }
      if (parsed.argv.length === 0) {
        setError('Enter a command to run, e.g. top or sh -c "ls -l /".');
        return;
      }
      cmd = parsed.argv;
    }
    onOpen(
      {
        mode: 'exec',
        ...(cmd ? { cmd } : {}),
        ...(v.user.trim() ? { user: v.user.trim() } : {}),
        ...(v.workingDir.trim() ? { workingDir: v.workingDir.trim() } : {}),
      },
      v,
    );
  };

  const running = state === 'running';
  const submitLabel = v.kind === 'attach' ? 'Attach' : v.kind === 'command' ? 'Run command' : 'Open shell';
  return (
    <form className="term-form" aria-label="Open a terminal" onSubmit={submit}>
      <h2 className="term-form-title">Open a terminal in this container</h2>
      {!running && (
        <p className="term-note is-warning" role="note">
          <TriangleAlert size={14} aria-hidden="true" />
          <span>The container is {state}: a terminal needs it running. Start it first.</span>
        </p>
      )}
      <SegmentedControl
        label="Terminal type"
        value={v.kind}
        onChange={(k) => set('kind', k)}
        options={[
          { value: 'shell', label: 'Shell' },
          { value: 'command', label: 'Command' },
          { value: 'attach', label: 'Attach' },
        ]}
      />
      {v.kind === 'shell' && <p className="term-form-hint">Runs bash when the image has it, else sh.</p>}
      {v.kind === 'command' && (
        <label className="term-field">
          <span>Command</span>
          <input
            className="input mono"
            value={v.command}
            onChange={(e) => set('command', e.target.value)}
            placeholder='e.g. top  or  sh -c "ls -l /"'
            autoFocus
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      )}
      {v.kind !== 'attach' && (
        <div className="term-form-row">
          <label className="term-field">
            <span>User</span>
            <input
              className="input mono"
              value={v.user}
              onChange={(e) => set('user', e.target.value)}
              placeholder="image default"
              spellCheck={false}
              autoComplete="off"
            />
          </label>
          <label className="term-field">
            <span>Working directory</span>
            <input
              className="input mono"
              value={v.workingDir}
              onChange={(e) => set('workingDir', e.target.value)}
              placeholder="image default"
              spellCheck={false}
              autoComplete="off"
            />
          </label>
        </div>
      )}
      {v.kind === 'attach' && (
        <>
          <p className="term-note is-warning" role="note">
            <TriangleAlert size={14} aria-hidden="true" />
            <span>
              Attach connects to the container&apos;s main process. Ctrl-C is sent to it and may stop the container. Use
              the detach keys to leave it running.
            </span>
          </p>
          <label className="term-field term-field-narrow">
            <span>Detach keys</span>
            <input
              className="input mono"
              value={v.detachKeys}
              onChange={(e) => set('detachKeys', e.target.value)}
              spellCheck={false}
              autoComplete="off"
            />
          </label>
        </>
      )}
      {error && (
        <p className="term-form-error" role="alert">
          {error}
        </p>
      )}
      <div className="term-form-actions">
        <button type="submit" className="btn btn-primary" autoFocus={v.kind === 'shell'}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
