import {
  ArrowDownToLine,
  FileText,
  Hammer,
  Pause,
  Play,
  RotateCw,
  ScrollText,
  SlidersHorizontal,
  Square,
  Trash2,
  type LucideIcon,
} from 'lucide-react';
import type { StackAction } from '../../../shared/contracts/stacks';
import { IconButton } from '../../components/IconButton';
import { targetOfStack } from '../../presentation/compose';
import { availableActions, type StackTreeRow } from '../../presentation/stackTree';
import type { Stack, StateCounts } from '../../presentation/stacks';
import { ACTION_LABEL } from '../containers/actions';
import type { StackActions } from './useStackActions';

/** The project or service a row stands for (a container row acts on its service). */
export interface ActionScope {
  stack: Stack;
  service: string | undefined;
  counts: StateCounts;
}

export function scopeOf(row: StackTreeRow): ActionScope {
  if (row.kind === 'project') return { stack: row.stack, service: undefined, counts: row.stack.counts };
  return { stack: row.stack, service: row.service.name, counts: row.service.counts };
}

/** The Engine API actions (labels as the Containers list words them). */
const API_ICONS: ReadonlyArray<[StackAction, LucideIcon]> = [
  ['start', Play],
  ['stop', Square],
  ['restart', RotateCw],
  ['pause', Pause],
  ['unpause', Play],
];

function Btn(p: {
  label: string;
  icon: LucideIcon;
  onClick(): void;
  disabled?: boolean;
  why?: string;
  danger?: boolean;
}) {
  const Icon = p.icon;
  return (
    <button
      type="button"
      className={`btn btn-sm${p.danger ? ' btn-danger-outline' : ''}`}
      aria-label={p.label}
      title={p.why ?? p.label}
      disabled={p.disabled}
      onClick={p.onClick}
    >
      <Icon size={13} aria-hidden="true" />
      {p.label}
    </button>
  );
}

/**
 * The actions of the active row's project (or service), above the tree: API ones always, CLI ones
 * disabled with the reason when there is no compose CLI or the project does not name its files.
 */
export function StackToolbar({
  scope,
  actions,
  cliMissing,
}: {
  scope: ActionScope;
  actions: StackActions;
  cliMissing: string | undefined;
}) {
  const { stack, service, counts } = scope;
  const key = service ? `${stack.project}/${service}` : stack.project;
  const busy = actions.busy.has(key);
  const can = availableActions(counts);
  const noFiles = targetOfStack(stack)
    ? undefined
    : 'The containers do not name their compose files (no config_files label)';
  const cliWhy = cliMissing ?? noFiles;
  const name = service ? `${stack.project}/${service}` : stack.project;
  return (
    <div className="bulk-bar stack-toolbar" role="toolbar" aria-label={`Actions for ${name}`}>
      <span className="bulk-count mono">{name}</span>
      {API_ICONS.map(([action, icon]) => (
        <Btn
          key={action}
          label={ACTION_LABEL[action]}
          icon={icon}
          disabled={busy || !can[action]}
          onClick={() => void actions.act(action, stack, service)}
        />
      ))}
      <span className="stack-toolbar-sep" aria-hidden="true" />
      <Btn
        label="Pull"
        icon={ArrowDownToLine}
        disabled={!!cliWhy}
        why={cliWhy}
        onClick={() => actions.runCli('pull', stack, service)}
      />
      <Btn
        label="Build"
        icon={Hammer}
        disabled={!!cliWhy}
        why={cliWhy}
        onClick={() => actions.runCli('build', stack, service)}
      />
      {service && (
        <Btn
          label="Scale"
          icon={SlidersHorizontal}
          disabled={!!cliWhy}
          why={cliWhy}
          onClick={() => actions.setDialog({ kind: 'scale', stack, service })}
        />
      )}
      <span className="stack-toolbar-sep" aria-hidden="true" />
      <Btn label="Logs" icon={ScrollText} onClick={() => actions.openLogs(stack, service)} />
      {!service && (
        <Btn
          label="Files"
          icon={FileText}
          disabled={!!noFiles}
          why={noFiles}
          onClick={() => actions.setDialog({ kind: 'files', stack })}
        />
      )}
      <span className="bulk-spacer" />
      {service && (
        <Btn
          label="Remove"
          icon={Trash2}
          danger
          disabled={!!cliWhy}
          why={cliWhy}
          onClick={() => actions.setDialog({ kind: 'remove', stack, service })}
        />
      )}
      {!service && (
        <Btn
          label="Down"
          icon={Trash2}
          danger
          disabled={!!cliWhy}
          why={cliWhy}
          onClick={() => actions.setDialog({ kind: 'down', stack })}
        />
      )}
    </div>
  );
}

/** The few icons on a hovered or active row; the rest are in the toolbar. */
export function RowQuickActions({ scope, actions }: { scope: ActionScope; actions: StackActions }) {
  const { stack, service, counts } = scope;
  const busy = actions.busy.has(service ? `${stack.project}/${service}` : stack.project);
  const can = availableActions(counts);
  return (
    <>
      {can.start ? (
        <IconButton
          size="sm"
          label="Start"
          icon={Play}
          disabled={busy}
          onClick={() => void actions.act('start', stack, service)}
        />
      ) : (
        <IconButton
          size="sm"
          label="Stop"
          icon={Square}
          disabled={busy || !can.stop}
          onClick={() => void actions.act('stop', stack, service)}
        />
      )}
      <IconButton
        size="sm"
        label="Restart"
        icon={RotateCw}
        disabled={busy || !can.restart}
        onClick={() => void actions.act('restart', stack, service)}
      />
      <IconButton size="sm" label="Logs" icon={ScrollText} onClick={() => actions.openLogs(stack, service)} />
    </>
  );
}
