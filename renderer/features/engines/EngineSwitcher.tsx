import { Check, ChevronsUpDown, Plus, RefreshCw } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { lazyComponent } from '../../components/lazyComponent';
import { Spinner } from '../../components/Spinner';
import { useEngineStatus } from '../../stores/engineStatus';
import { EngineStatusLine, KIND_LABEL, probeDot } from './EngineStatusLine';
import { useEnginesStore } from './store';

// Zod (the add form's validation) stays out of the start-up bundle.
const AddEngineDialog = lazyComponent(() => import('./AddEngineDialog').then((m) => m.AddEngineDialog));

/**
 * The sidebar footer's engine switcher: the current engine (name, kind, reachable dot) on a button that
 * opens a menu of every engine with its status or its own last error; Arrow keys move, Enter picks,
 * Escape closes. Opening it probes every engine once, in parallel.
 */
/** The current engine's kind, for the footer's state line ("Connected · podman"). */
export function useCurrentEngineKind(): string | undefined {
  const kind = useEnginesStore((s) => s.binding?.current.kind);
  return kind ? KIND_LABEL[kind] : undefined;
}

export function EngineSwitcher() {
  const status = useEngineStatus();
  const binding = useEnginesStore((s) => s.binding);
  const [open, setOpen] = useState(false);
  const [adding, setAdding] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const state = status?.state ?? 'connecting';
  const current = binding?.current;
  const close = (focusButton: boolean): void => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };
  return (
    <div className="engine-switcher">
      <button
        ref={buttonRef}
        type="button"
        className="engine-switch-btn"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Engine: ${current?.name ?? 'Default'} (${state}). Switch engine`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className={`engine-dot is-${state}`} aria-hidden="true" />
        <span className="engine-switch-name">{current?.name ?? 'Default'}</span>
        <ChevronsUpDown size={13} aria-hidden="true" className="engine-switch-chevron" />
      </button>
      {open && (
        <EngineMenu
          onClose={close}
          onAdd={() => {
            setOpen(false);
            setAdding(true);
          }}
        />
      )}
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
    </div>
  );
}

function EngineMenu({ onClose, onAdd }: { onClose: (focusButton: boolean) => void; onAdd: () => void }) {
  const entries = useEnginesStore((s) => s.entries);
  const probes = useEnginesStore((s) => s.probes);
  const probing = useEnginesStore((s) => s.probing);
  const switchingTo = useEnginesStore((s) => s.switchingTo);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void useEnginesStore.getState().refresh();
  }, []);
  // Focus the current engine once the list is there (else the first item).
  const focused = useRef(false);
  useEffect(() => {
    if (focused.current || !ref.current) return;
    const items = menuItems(ref.current);
    const target = items.find((i) => i.getAttribute('aria-checked') === 'true') ?? items[0];
    if (target && entries.length > 0) {
      target.focus();
      focused.current = true;
    }
  }, [entries]);
  // A press outside closes it.
  useEffect(() => {
    const onDown = (e: MouseEvent): void => {
      const root = ref.current?.parentElement;
      if (root && !root.contains(e.target as Node)) onClose(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [onClose]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = ref.current ? menuItems(ref.current) : [];
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move = (n: number): void => {
      e.preventDefault();
      items[(n + items.length) % items.length]?.focus();
    };
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    }
  };

  const pick = (id: string): void => {
    void useEnginesStore
      .getState()
      .switchTo(id)
      .then(() => onClose(true));
  };

  return (
    <div ref={ref} className="engine-menu" role="menu" aria-label="Engines" onKeyDown={onKeyDown}>
      {entries.length === 0 && (
        <div className="engine-menu-empty">
          <Spinner size={12} label="Loading engines" />
        </div>
      )}
      {entries.map((e) => {
        const probe = probes[e.id];
        return (
          <div
            key={e.id}
            role="menuitemradio"
            aria-checked={e.current}
            tabIndex={-1}
            className={`engine-item${e.current ? ' is-current' : ''}`}
            title={e.description ? `${e.endpoint} — ${e.description}` : e.endpoint}
            onClick={() => pick(e.id)}
            onKeyDown={(k) => {
              if (k.key === 'Enter' || k.key === ' ') {
                k.preventDefault();
                pick(e.id);
              }
            }}
          >
            <span className={`engine-dot is-${probeDot(probe)}`} aria-hidden="true" />
            <span className="engine-item-main">
              <span className="engine-item-head">
                <span className="engine-item-name">{e.name}</span>
                <span className="engine-kind">{KIND_LABEL[e.kind]}</span>
                {switchingTo === e.id && <Spinner size={10} label="Switching" />}
              </span>
              <span className="engine-item-endpoint mono">{e.endpoint}</span>
              <EngineStatusLine probe={probe} probing={probing} />
            </span>
            {e.current && <Check size={14} aria-hidden="true" className="engine-item-check" />}
          </div>
        );
      })}
      <div className="engine-menu-sep" role="separator" />
      <div role="menuitem" tabIndex={-1} className="engine-menu-action" onClick={onAdd} onKeyDown={activate(onAdd)}>
        <Plus size={13} aria-hidden="true" /> Add engine…
      </div>
      <div
        role="menuitem"
        tabIndex={-1}
        className="engine-menu-action"
        onClick={() => void useEnginesStore.getState().refresh()}
        onKeyDown={activate(() => void useEnginesStore.getState().refresh())}
      >
        <RefreshCw size={13} aria-hidden="true" /> Check again
      </div>
    </div>
  );
}

function activate(fn: () => void) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      fn();
    }
  };
}

function menuItems(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[role="menuitemradio"], [role="menuitem"]')];
}
