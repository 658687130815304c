import {
  CalendarRange,
  CaseSensitive,
  ChevronDown,
  ChevronUp,
  Clock,
  Copy,
  Download,
  Eraser,
  ListFilter,
  Maximize2,
  Regex,
  Search,
  WrapText,
} from 'lucide-react';
import type { RefObject } from 'react';
import type { LogTail } from '../../../shared/models';
import { IconButton } from '../../components/IconButton';
import { formatLineCount } from '../../presentation/logs';
import { tailOptions, type LogPrefs } from './prefs';
import type { LogSearch } from './useLogSearch';

/**
 * The logs viewer's toolbar: search (match case, regex, previous / next, only matching lines), tail,
 * time range, timestamps, wrap, copy, download, clear, full view.
 */

function tailLabel(t: LogTail): string {
  return t === 'all' ? 'All' : formatLineCount(t);
}

export function LogsToolbar({
  search,
  searchInput,
  onPrev,
  onNext,
  prefs,
  setPrefs,
  showRange,
  rangeActive,
  onToggleRange,
  onCopy,
  onDownload,
  downloading,
  onClear,
  onOpenFull,
}: {
  search: LogSearch;
  searchInput: RefObject<HTMLInputElement | null>;
  onPrev: () => void;
  onNext: () => void;
  prefs: LogPrefs;
  setPrefs: (p: Partial<LogPrefs>) => void;
  showRange: boolean;
  rangeActive: boolean;
  onToggleRange: () => void;
  onCopy: () => void;
  onDownload: () => void;
  downloading: boolean;
  onClear: () => void;
  onOpenFull: (() => void) | undefined;
}) {
  return (
    <div className="logs-toolbar" role="toolbar" aria-label="Log tools">
      <div className="logs-search">
        <div className={`logs-search-box${search.compiled.ok ? '' : ' is-invalid'}`}>
          <Search size={14} aria-hidden="true" />
          <input
            ref={searchInput}
            type="search"
            className="logs-search-input"
            placeholder="Search logs"
            aria-label="Search logs"
            aria-invalid={!search.compiled.ok}
            aria-describedby={search.compiled.ok ? undefined : 'logs-search-error'}
            value={search.query}
            onChange={(e) => {
              search.setQuery(e.target.value);
              search.setCurrentAbs(undefined);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (e.shiftKey) onPrev();
                else onNext();
              } else if (e.key === 'Escape' && search.query) {
                e.preventDefault();
                search.setQuery('');
              }
            }}
          />
          <IconButton
            size="sm"
            label="Match case"
            icon={CaseSensitive}
            aria-pressed={search.caseSensitive}
            className={search.caseSensitive ? 'is-on' : ''}
            onClick={() => search.setCaseSensitive((v) => !v)}
          />
          <IconButton
            size="sm"
            label="Regular expression"
            icon={Regex}
            aria-pressed={search.regex}
            className={search.regex ? 'is-on' : ''}
            onClick={() => search.setRegex((v) => !v)}
          />
        </div>
        {!search.compiled.ok ? (
          <span id="logs-search-error" className="logs-search-error" role="alert">
            Invalid regex: {search.compiled.error}
          </span>
        ) : (
          search.re && (
            <span className="logs-count tabular" role="status" aria-label="Matches">
              {search.matchCount === 0
                ? 'No matches'
                : `${search.currentValid ? formatLineCount(search.currentIdx + 1) : '–'} of ${formatLineCount(search.matchCount)}`}
            </span>
          )
        )}
        <IconButton label="Previous match" icon={ChevronUp} disabled={search.matchCount === 0} onClick={onPrev} />
        <IconButton label="Next match" icon={ChevronDown} disabled={search.matchCount === 0} onClick={onNext} />
        <IconButton
          label="Only matching lines"
          icon={ListFilter}
          aria-pressed={search.onlyMatching}
          className={search.onlyMatching ? 'is-on' : ''}
          onClick={() => search.setOnlyMatching((v) => !v)}
        />
      </div>
      <div className="logs-tools">
        <label className="logs-tail">
          <span>Tail</span>
          <select
            className="select"
            aria-label="Tail"
            value={String(prefs.tail)}
            onChange={(e) => setPrefs({ tail: e.target.value === 'all' ? 'all' : Number(e.target.value) })}
          >
            {tailOptions(prefs.tail).map((t) => (
              <option key={String(t)} value={String(t)}>
                {tailLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <IconButton
          label="Time range"
          icon={CalendarRange}
          aria-expanded={showRange}
          className={showRange || rangeActive ? 'is-on' : ''}
          onClick={onToggleRange}
        />
        <IconButton
          label="Timestamps"
          icon={Clock}
          aria-pressed={prefs.timestamps}
          className={prefs.timestamps ? 'is-on' : ''}
          onClick={() => setPrefs({ timestamps: !prefs.timestamps })}
        />
        <IconButton
          label="Wrap lines"
          icon={WrapText}
          aria-pressed={prefs.wrap}
          className={prefs.wrap ? 'is-on' : ''}
          onClick={() => setPrefs({ wrap: !prefs.wrap })}
        />
        <span className="logs-sep" aria-hidden="true" />
        <IconButton
          label="Copy lines"
          title="Copy the selection, or the lines on screen"
          icon={Copy}
          onClick={onCopy}
        />
        <IconButton
          label="Download logs"
          title="Download the whole log as a text file"
          icon={Download}
          disabled={downloading}
          onClick={onDownload}
        />
        <IconButton label="Clear" title="Clear the view (keeps following)" icon={Eraser} onClick={onClear} />
        {onOpenFull && <IconButton label="Open in full view" icon={Maximize2} onClick={onOpenFull} />}
      </div>
    </div>
  );
}
