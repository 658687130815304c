import { Layers, Plus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { containerPath, navigate } from '../../lib/router';
import { flattenStacks, type StackTreeRow } from '../../presentation/stackTree';
import { groupStacks } from '../../presentation/stacks';
import { useContainersStore } from '../containers/store';
import { CliBar } from './CliBar';
import { cliMissingReason, loadComposeCli, useComposeCli } from './cliStore';
import { StackDialogs } from './StackDialogs';
import { StackTree } from './StackTree';
import { RowQuickActions, scopeOf, StackToolbar } from './StackToolbar';
import { useStackActions } from './useStackActions';
import './stacks.css';

/** Expanded rows and the active row outlive the view (coming back finds the tree as it was). */
let keptExpanded: ReadonlySet<string> = new Set();
let keptActive: string | undefined;

/**
 * Compose projects grouped from the live containers' labels (no polling, no CLI needed to see them),
 * as a tree: project → services → containers. The compose CLI bar, the active row's actions, and the
 * compose dialogs (Up, Down, Scale, Files, the run output).
 */
export function StacksView() {
  const list = useContainersStore((s) => s.list);
  const loaded = useContainersStore((s) => s.loaded);
  const cli = useComposeCli((s) => s.info);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(keptExpanded);
  const [activeId, setActiveId] = useState<string | undefined>(keptActive);
  const [upOpen, setUpOpen] = useState(false);
  const actions = useStackActions();

  useEffect(() => void loadComposeCli(), []);
  keptExpanded = expanded;
  keptActive = activeId;

  const stacks = useMemo(() => groupStacks(list), [list]);
  const rows = useMemo(() => flattenStacks(stacks, expanded, query), [stacks, expanded, query]);
  const active = rows.find((r) => r.id === activeId);
  const cliMissing = cliMissingReason(cli);
  const containerCount = stacks.reduce((n, s) => n + s.containerCount, 0);

  const toggle = (row: StackTreeRow, open?: boolean): void => {
    if (row.kind === 'container') return;
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !row.expanded) next.add(row.id);
      else next.delete(row.id);
      return next;
    });
  };
  const openRow = (row: StackTreeRow): void => {
    if (row.kind === 'container') navigate(containerPath(row.container.id));
    else toggle(row);
  };

  const upButton = (
    <button
      type="button"
      className="btn btn-primary"
      disabled={cliMissing !== undefined}
      title={cliMissing ?? 'Start a stack from compose files'}
      aria-description={cliMissing}
      onClick={() => setUpOpen(true)}
    >
      <Plus size={14} aria-hidden="true" />
      Up…
    </button>
  );

  return (
    <section className="stacks-view" aria-label="Stacks">
      <PageHeader
        title="Stacks"
        count={loaded ? stacks.length : undefined}
        filter={{ value: query, onChange: setQuery, placeholder: 'Filter projects, services, containers' }}
        actions={upButton}
      />
      <CliBar />
      {active && <StackToolbar scope={scopeOf(active)} actions={actions} cliMissing={cliMissing} />}
      <div className="stacks-body">
        <div className="stacks-table">
          {!loaded ? (
            <div className="dt-empty">
              <Spinner size={16} label="Loading containers" />
            </div>
          ) : (
            <StackTree
              rows={rows}
              activeId={activeId}
              onActiveChange={setActiveId}
              onToggle={toggle}
              onOpen={openRow}
              rowActions={(row) =>
                row.kind === 'container' ? null : <RowQuickActions scope={scopeOf(row)} actions={actions} />
              }
              emptyState={
                stacks.length > 0 ? (
                  <EmptyState title="No matches" hint={<>No project, service or container matches “{query}”.</>} />
                ) : (
                  <EmptyState
                    icon={Layers}
                    title="No compose stacks"
                    hint={
                      <>
                        A stack is a multi-container app described in a compose file (services, networks, volumes) and
                        run by the compose CLI. Projects appear here as soon as their containers exist, whoever started
                        them. {containerCount === 0 && 'Pick compose files to bring one up.'}
                      </>
                    }
                    action={upButton}
                  />
                )
              }
            />
          )}
        </div>
      </div>
      <StackDialogs
        actions={actions}
        upOpen={upOpen}
        onUpClose={() => setUpOpen(false)}
        onUpOpen={() => setUpOpen(true)}
      />
    </section>
  );
}
