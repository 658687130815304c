import type { SearchAddon } from '@xterm/addon-search';
import { ChevronDown, ChevronUp, X } from 'lucide-react';
import { useEffect, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { IconButton } from '../../components/IconButton';

const DECORATIONS = {
  matchBackground: '#6b5200',
  activeMatchBackground: '#b88a00',
  matchOverviewRuler: '#b88a00',
  activeMatchColorOverviewRuler: '#ffd27a',
};

/** The find bar over a terminal: Enter = next, Shift+Enter = previous, Escape closes. */
export function TerminalFind({ search, onClose }: { search: SearchAddon | undefined; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<{ index: number; count: number } | undefined>();

  useEffect(() => {
    if (!search) return;
    const sub = search.onDidChangeResults((r) =>
      setResults(r.resultCount > 0 ? { index: r.resultIndex, count: r.resultCount } : undefined),
    );
    return () => {
      sub.dispose();
      search.clearDecorations();
    };
  }, [search]);

  const find = (backwards: boolean): void => {
    if (!search || !query) return;
    if (backwards) search.findPrevious(query, { decorations: DECORATIONS });
    else search.findNext(query, { decorations: DECORATIONS });
  };

  const onKey = (e: ReactKeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      find(e.shiftKey);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div className="term-find" role="search">
      <input
        className="input"
        type="search"
        aria-label="Find in terminal"
        placeholder="Find"
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKey}
      />
      <span className="term-find-count" aria-live="polite">
        {results ? `${results.index + 1}/${results.count}` : query ? 'No results' : ''}
      </span>
      <IconButton label="Previous match" icon={ChevronUp} size="sm" onClick={() => find(true)} />
      <IconButton label="Next match" icon={ChevronDown} size="sm" onClick={() => find(false)} />
      <IconButton label="Close find" icon={X} size="sm" onClick={onClose} />
    </div>
  );
}
