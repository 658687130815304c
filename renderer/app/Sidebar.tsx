import {
  Activity,
  Anchor,
  Boxes,
  Gauge,
  HardDrive,
  Layers,
  LayoutGrid,
  Moon,
  Network,
  Settings,
  Sun,
  type LucideIcon,
} from 'lucide-react';
import type { EngineStatus } from '../../shared/models';
import { useContainersStore } from '../features/containers/store';
import { EngineSwitcher, useCurrentEngineKind } from '../features/engines/EngineSwitcher';
import { NotificationsBell } from '../features/notifications/NotificationsBell';
import { formatCount } from '../presentation/format';
import { countProjects } from '../presentation/stacks';
import { useEngineStatus } from '../stores/engineStatus';
import { useResourceCounts } from '../stores/resourceCounts';
import { href, type Section } from '../lib/router';
import { toggleTheme, useTheme } from '../lib/theme';

/** Left navigation (sections with live counts) and the engine footer (switcher, state, endpoint, version). */
const ITEMS: Array<{ section: Section; label: string; icon: LucideIcon }> = [
  { section: 'containers', label: 'Containers', icon: Boxes },
  { section: 'stacks', label: 'Stacks', icon: LayoutGrid },
  { section: 'images', label: 'Images', icon: Layers },
  { section: 'volumes', label: 'Volumes', icon: HardDrive },
  { section: 'networks', label: 'Networks', icon: Network },
  { section: 'system', label: 'System', icon: Gauge },
  { section: 'events', label: 'Events', icon: Activity },
  { section: 'settings', label: 'Settings', icon: Settings },
];

export function Sidebar({ current }: { current: Section | undefined }) {
  const containers = useContainersStore((s) => (s.loaded ? s.list.length : undefined));
  const stacks = useContainersStore((s) => (s.loaded ? countProjects(s.list) : undefined));
  const counts = useResourceCounts();
  const countOf = (s: Section): number | undefined =>
    s === 'containers'
      ? containers
      : s === 'stacks'
        ? stacks
        : s === 'system' || s === 'events' || s === 'settings'
          ? undefined
          : counts[s];
  return (
    <aside className="sidebar">
      <div className="brand">
        <Anchor size={16} strokeWidth={2.2} aria-hidden="true" className="brand-icon" />
        <span className="brand-name">Berth</span>
      </div>
      <nav aria-label="Sections" className="nav">
        {ITEMS.map(({ section, label, icon: Icon }) => {
          const active = current === section;
          const n = countOf(section);
          return (
            <a
              key={section}
              href={href(`/${section}`)}
              className={`nav-item${active ? ' is-active' : ''}`}
              aria-current={active ? 'page' : undefined}
            >
              <Icon size={15} strokeWidth={1.9} aria-hidden="true" />
              <span className="nav-label">{label}</span>
              {n !== undefined && (
                <span className="nav-count tabular" aria-label={`${n} ${label.toLowerCase()}`}>
                  {formatCount(n)}
                </span>
              )}
            </a>
          );
        })}
      </nav>
      <div className="sidebar-spacer" />
      <SidebarFooter />
    </aside>
  );
}

export function ThemeToggle({ className }: { className?: string }) {
  const theme = useTheme();
  return (
    <button
      type="button"
      className={`icon-btn ${className ?? ''}`}
      aria-label="Toggle theme"
      title={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
      onClick={toggleTheme}
    >
      {theme === 'dark' ? <Sun size={15} aria-hidden="true" /> : <Moon size={15} aria-hidden="true" />}
    </button>
  );
}

const STATE_TEXT: Record<EngineStatus['state'], string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  unreachable: 'Unreachable',
};

function SidebarFooter() {
  const status = useEngineStatus();
  const state = status?.state ?? 'connecting';
  const kind = useCurrentEngineKind();
  const v = status?.version;
  return (
    <div className="sidebar-footer">
      <div className="engine" role="group" aria-label="Engine">
        <div className="engine-line">
          <EngineSwitcher />
          <NotificationsBell className="icon-btn-sm" />
          <ThemeToggle className="icon-btn-sm" />
        </div>
        <div className="engine-state-line">
          {status?.slow ? 'Not answering' : STATE_TEXT[state]}
          {kind ? ` · ${kind}` : ''}
        </div>
        {status?.endpoint && (
          <div className="engine-endpoint mono" title={status.endpoint}>
            {status.endpoint}
          </div>
        )}
        {v && (
          <div className="engine-version" title={`${v.product} ${v.version} · API ${v.apiVersion} · ${v.os}/${v.arch}`}>
            {v.product ? `${v.product} ` : ''}
            {v.version} · API {v.apiVersion}
          </div>
        )}
      </div>
    </div>
  );
}
