import { useVirtualizer } from '@tanstack/react-virtual';
import {
  ArrowDownToLine,
  CalendarRange,
  CaseSensitive,
  ChevronDown,
  ChevronUp,
  Clock,
  Copy,
  Download,
  Eraser,
  History,
  ListFilter,
  Maximize2,
  Regex,
  ScrollText,
  Search,
  WrapText,
} from 'lucide-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type CSSProperties,
  type Key,
  type KeyboardEvent,
} from 'react';
import type { ContainerState, LogTail } from '../../../shared/models';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { Spinner } from '../../components/Spinner';
import { stripAnsi } from '../../presentation/ansi';
import { SearchIndex, compileQuery } from '../../presentation/log-search';
import { formatLineCount, lineToText, logFileName, type LogEntry } from '../../presentation/logs';
import { copyTextOrThrow } from '../../lib/clipboard';
import { saveBlob } from '../../lib/saveBlob';
import { toast } from '../../stores/toasts';
import { LogRow, RENDER_CAP } from './LogRow';
import { loadPrefs, savePrefs, tailOptions, type LogPrefs } from './prefs';
import { LogSession, type LogSource, type SourceStatus } from './session';
import { useEngineReady } from '../../stores/engineStatus';
import './logs.css';

/**
 * The logs viewer: toolbar (search, tail, time range, timestamps, wrap, copy, download, clear) over a
 * virtualized list of the lines of one or more containers (merged by time, names in colour).
 * Follows new lines until the person scrolls up; "Jump to end" resumes. Streams close on unmount.
 */

const ROW_H = 20;
const OVERSCAN = 12;
const TS_CH = 24;

export interface LogsViewerProps {
  sources: readonly LogSource[];
  /** Current state per source: a stopped stream re-opens when its container runs again. */
  states?: readonly (ContainerState | undefined)[];
  /** Shows a "Open in full view" button. */
  onOpenFull?: () => void;
  /** Accessible name of the region. */
  label?: string;
}

function tailLabel(t: LogTail): string {
  return t === 'all' ? 'All' : formatLineCount(t);
}

/** datetime-local value ("2024-05-01T10:00:05") → RFC 3339 in UTC, or undefined when empty/invalid. */
function fromLocalInput(v: string): string | undefined {
  if (!v) return undefined;
  const ms = new Date(v).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function statusText(
  statuses: readonly SourceStatus[],
  names: readonly string[],
  follows: boolean,
  engineReady: boolean,
): string {
  // Streams cut by a lost engine continue by themselves when it is back (resumeStopped).
  if (!engineReady && follows && statuses.some((s) => s.phase === 'error' || s.phase === 'ended'))
    return 'Engine connection lost — the log continues when it is back';
  const errors = statuses.flatMap((s, i) => (s.phase === 'error' ? [`${names[i] ?? ''}: ${s.error ?? ''}`] : []));
  if (errors.length) return `Could not read logs. ${errors.join('; ')}`;
  if (statuses.some((s) => s.phase === 'loading')) return 'Loading…';
  if (!follows) return 'Time range (not following)';
  const ended = statuses.filter((s) => s.phase === 'ended').length;
  if (ended === statuses.length) return statuses.length > 1 ? 'All containers stopped' : 'Container stopped';
  if (ended > 0) return `${ended} of ${statuses.length} stopped`;
  return 'Live';
}

export function LogsViewer({ sources, states, onOpenFull, label = 'Logs' }: LogsViewerProps) {
  const [prefs, setPrefsState] = useState<LogPrefs>(loadPrefs);
  const setPrefs = useCallback((p: Partial<LogPrefs>) => {
    setPrefsState((old) => {
      const next = { ...old, ...p };
      savePrefs(next);
      return next;
    });
  }, []);
  const [range, setRange] = useState<{ since?: string; until?: string }>({});
  const [showRange, setShowRange] = useState(false);

  // ---- session (re-created when sources, tail or range change) ----
  const sourcesKey = sources.map((s) => s.id).join(',');
  const names = useMemo(() => sources.map((s) => s.name), [sources]);
  // Line prefixes and their colours (a compose service's replicas share one colour: see logSources.ts).
  const labels = useMemo(() => sources.map((s) => s.label ?? s.name), [sources]);
  const colours = useMemo(() => sources.map((s, i) => s.colour ?? i), [sources]);
  const session = useMemo(
    () => new LogSession(sources, { tail: prefs.tail, since: range.since, until: range.until }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sourcesKey stands for sources
    [sourcesKey, prefs.tail, range.since, range.until],
  );
  // A layout effect: the stream is requested before the browser paints the new view, not a frame later.
  useLayoutEffect(() => {
    session.start();
    return () => session.dispose();
  }, [session]);
  const snap = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const buffer = session.buffer;

  // A container that starts again continues its stream (not while the engine is away: it would fail).
  const statesKey = (states ?? []).join(',');
  const engineReady = useEngineReady();
  useEffect(() => {
    if (!engineReady) return;
    (states ?? []).forEach((st, i) => {
      if (st === 'running' || st === 'restarting') session.resume(i);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- statesKey stands for states
  }, [statesKey, session, snap.sources, engineReady]);
  // The engine came back: every stream it cut continues after its last line (a stopped container's too,
  // for what it wrote before it stopped).
  useEffect(() => {
    if (engineReady) session.resumeStopped();
  }, [engineReady, session]);

  // ---- search ----
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const compiled = useMemo(() => compileQuery({ text: query, regex, caseSensitive }), [query, regex, caseSensitive]);
  const re = compiled.ok ? compiled.re : undefined;
  const searchRef = useRef<SearchIndex>(new SearchIndex());
  const indexState = useMemo(() => {
    const idx = searchRef.current;
    idx.setQuery(re);
    return { re };
  }, [re]);
  // Brings the index up to date (incremental: only new lines are scanned).
  const matchCount = useMemo(() => {
    searchRef.current.update(buffer);
    return searchRef.current.count;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- snap.version is the buffer's change signal
  }, [snap.version, indexState, buffer]);
  const filtering = onlyMatching && re !== undefined;
  /** The current match, by absolute line position (stable while lines stream in). */
  const [currentAbs, setCurrentAbs] = useState<number | undefined>();
  const currentIdx = currentAbs === undefined || re === undefined ? -1 : searchRef.current.indexAtOrAfter(currentAbs);
  const currentValid =
    currentIdx >= 0 && currentIdx < matchCount && searchRef.current.matchAbs(currentIdx) === currentAbs;

  // ---- rows ----
  const count = filtering ? matchCount : buffer.length;
  const entryAt = (i: number): LogEntry | undefined =>
    filtering ? buffer.atAbs(searchRef.current.matchAbs(i) ?? -1) : buffer.at(i);
  const absAt = (i: number): number => (filtering ? (searchRef.current.matchAbs(i) ?? -1) : buffer.firstAbs + i);

  const scrollRef = useRef<HTMLDivElement>(null);
  // Wrap mode: measured rows (tanstack virtual). It rebuilds per-row measurements whenever the count
  // changes (O(lines)), so the default no-wrap mode uses the fixed-height window below instead (O(rows on screen)).
  const wrapVirtualizer = useVirtualizer({
    // Disabled outside wrap mode: it would otherwise measure the scroller (a forced layout) on mount.
    enabled: prefs.wrap,
    count: prefs.wrap ? count : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 16,
    getItemKey: (i) => `${buffer.epoch}:${absAt(i)}`,
  });
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const update = (): void => setViewport({ top: el.scrollTop, height: el.clientHeight });
    // No synchronous read here (it would force a layout of the page being mounted): the observer's
    // first report comes right after the browser's own layout, and the estimate serves until then.
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const [following, setFollowing] = useState(true);
  let items: Array<{ index: number; start: number; end: number; key: Key }>;
  let totalSize: number;
  if (prefs.wrap) {
    items = wrapVirtualizer.getVirtualItems();
    totalSize = wrapVirtualizer.getTotalSize();
  } else {
    totalSize = count * ROW_H;
    // While following, render the window the layout effect is about to scroll to.
    const top = following ? Math.max(0, totalSize - viewport.height) : viewport.top;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(count, Math.ceil((top + viewport.height) / ROW_H) + OVERSCAN);
    items = [];
    for (let i = first; i < last; i++) items.push({ index: i, start: i * ROW_H, end: (i + 1) * ROW_H, key: absAt(i) });
  }
  const scrollToRow = (i: number, align: 'start' | 'center' | 'end'): void => {
    if (prefs.wrap) return wrapVirtualizer.scrollToIndex(i, { align });
    const el = scrollRef.current;
    if (!el) return;
    const h = el.clientHeight;
    el.scrollTop = align === 'start' ? i * ROW_H : align === 'end' ? (i + 1) * ROW_H - h : i * ROW_H - (h - ROW_H) / 2;
  };

  // ---- follow ----
  const autoTop = useRef(0);
  const prevFirst = useRef({ abs: buffer.firstAbs, epoch: buffer.epoch });
  const prependAdjust = useRef(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const prev = prevFirst.current;
    prevFirst.current = { abs: buffer.firstAbs, epoch: buffer.epoch };
    if (following) {
      // Nothing to scroll to yet: no forced layout of the view being mounted.
      if (count === 0) return;
      // No scrollHeight read: the rows' height is known, and the browser clamps to the end.
      if (prefs.wrap) wrapVirtualizer.scrollToIndex(Math.max(0, count - 1), { align: 'end' });
      else el.scrollTop = totalSize;
      autoTop.current = el.scrollTop;
      return;
    }
    // Paused: keep the lines under the reader still while old lines drop off the top or older ones arrive.
    if (prependAdjust.current) {
      el.scrollTop += prependAdjust.current * ROW_H;
      prependAdjust.current = 0;
    } else if (!filtering && prev.epoch === buffer.epoch && buffer.firstAbs > prev.abs) {
      el.scrollTop -= (buffer.firstAbs - prev.abs) * ROW_H;
    }
  }, [snap.version, following, count, totalSize, prefs.wrap, filtering, buffer, wrapVirtualizer]);

  const onScroll = (): void => {
    const el = scrollRef.current;
    if (!el) return;
    if (el.scrollTop !== viewport.top || el.clientHeight !== viewport.height)
      setViewport({ top: el.scrollTop, height: el.clientHeight });
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 4;
    if (following && !atBottom && el.scrollTop < autoTop.current - 2) setFollowing(false);
    else if (!following && atBottom && session.follows) setFollowing(true);
  };
  const jumpToEnd = (): void => {
    setFollowing(true);
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  };
  const receivedAtPause = useRef(0);
  useEffect(() => {
    if (!following) receivedAtPause.current = session.received;
  }, [following, session]);

  // ---- search navigation ----
  const goToMatch = (i: number): void => {
    if (matchCount === 0) return;
    const idx = ((i % matchCount) + matchCount) % matchCount;
    const abs = searchRef.current.matchAbs(idx);
    if (abs === undefined) return;
    setCurrentAbs(abs);
    setFollowing(false);
    const row = filtering ? idx : abs - buffer.firstAbs;
    scrollToRow(row, 'center');
  };
  const next = (): void => goToMatch(currentValid ? currentIdx + 1 : 0);
  const prev = (): void => goToMatch(currentValid ? currentIdx - 1 : matchCount - 1);

  // ---- actions ----
  const [fullLine, setFullLine] = useState<LogEntry | undefined>();
  const [downloading, setDownloading] = useState(false);
  const [loadingEarlier, setLoadingEarlier] = useState(false);
  const showNames = sources.length > 1;

  const copy = async (): Promise<void> => {
    const sel = window.getSelection();
    let text = '';
    let lines = 0;
    if (sel && !sel.isCollapsed && scrollRef.current?.contains(sel.anchorNode)) {
      text = sel.toString();
      lines = text.split('\n').filter(Boolean).length;
    } else {
      const el = scrollRef.current;
      const top = el?.scrollTop ?? 0;
      const bottom = top + (el?.clientHeight ?? 0);
      const rows = items.filter((v) => v.end > top && v.start < bottom);
      text = rows
        .map((v) => entryAt(v.index))
        .filter((l): l is LogEntry => l !== undefined)
        .map((l) => lineToText(l, { timestamps: prefs.timestamps, names: showNames ? labels : undefined }))
        .join('\n');
      lines = rows.length;
    }
    if (!text) return;
    try {
      await copyTextOrThrow(text);
      toast.success(`Copied ${formatLineCount(lines)} line${lines === 1 ? '' : 's'}`);
    } catch (err) {
      toast.fromError('Could not copy', err);
    }
  };

  const download = async (): Promise<void> => {
    setDownloading(true);
    try {
      const lines = await session.collectAll();
      const chunks: string[] = [];
      const opts = { timestamps: prefs.timestamps, names: showNames ? labels : undefined };
      for (let i = 0; i < lines.length; i += 10_000) {
        let s = '';
        for (const l of lines.slice(i, i + 10_000)) s += lineToText(l, opts) + '\n';
        chunks.push(s);
      }
      const fileName = logFileName(names);
      saveBlob(new Blob(chunks, { type: 'text/plain;charset=utf-8' }), fileName);
      toast.success(`Saved ${formatLineCount(lines.length)} lines`, fileName);
    } catch (err) {
      toast.fromError('Could not download the logs', err);
    } finally {
      setDownloading(false);
    }
  };

  const loadEarlier = async (): Promise<void> => {
    setLoadingEarlier(true);
    try {
      const n = await session.loadEarlier(typeof prefs.tail === 'number' ? Math.max(prefs.tail, 100) : 1000);
      if (n === 0) toast.info('No earlier lines');
      else if (!filtering) {
        prependAdjust.current = n;
        setFollowing(false);
      }
    } catch (err) {
      toast.fromError('Could not load earlier lines', err);
    } finally {
      setLoadingEarlier(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
      e.preventDefault();
      searchInput.current?.focus();
      searchInput.current?.select();
    }
  };
  const onListKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'End') {
      e.preventDefault();
      jumpToEnd();
    } else if (e.key === 'Home') {
      e.preventDefault();
      setFollowing(false);
      scrollToRow(0, 'start');
    }
  };
  const searchInput = useRef<HTMLInputElement>(null);

  // ---- layout numbers ----
  const longest = Math.min(buffer.maxLength, RENDER_CAP + 60);
  const nameCh = showNames ? Math.min(24, Math.max(...labels.map((n) => n.length))) + 2 : 0;
  const innerWidth = prefs.wrap ? '100%' : `calc(${longest + nameCh + (prefs.timestamps ? TS_CH : 0) + 2}ch + 24px)`;
  const statuses = snap.sources;
  const loading = statuses.some((s) => s.phase === 'loading') && buffer.length === 0;
  const status = statusText(statuses, names, session.follows, engineReady);
  const live = status === 'Live';
  const dropped = session.dropped;
  const newSincePause = following ? 0 : Math.max(0, session.received - receivedAtPause.current);
  const canEarlier = !filtering && buffer.length > 0 && buffer.length < buffer.cap && !!buffer.first()?.ts;

  return (
    <section className="logs" aria-label={label} onKeyDown={onKeyDown}>
      <div className="logs-toolbar" role="toolbar" aria-label="Log tools">
        <div className="logs-search">
          <div className={`logs-search-box${compiled.ok ? '' : ' is-invalid'}`}>
            <Search size={14} aria-hidden="true" />
            <input
              ref={searchInput}
              type="search"
              className="logs-search-input"
              placeholder="Search logs"
              aria-label="Search logs"
              aria-invalid={!compiled.ok}
              aria-describedby={compiled.ok ? undefined : 'logs-search-error'}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setCurrentAbs(undefined);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (e.shiftKey) prev();
                  else next();
                } else if (e.key === 'Escape' && query) {
                  e.preventDefault();
                  setQuery('');
                }
              }}
            />
            <IconButton
              size="sm"
              label="Match case"
              icon={CaseSensitive}
              aria-pressed={caseSensitive}
              className={caseSensitive ? 'is-on' : ''}
              onClick={() => setCaseSensitive((v) => !v)}
            />
            <IconButton
              size="sm"
              label="Regular expression"
              icon={Regex}
              aria-pressed={regex}
              className={regex ? 'is-on' : ''}
              onClick={() => setRegex((v) => !v)}
            />
          </div>
          {!compiled.ok ? (
            <span id="logs-search-error" className="logs-search-error" role="alert">
              Invalid regex: {compiled.error}
            </span>
          ) : (
            re && (
              <span className="logs-count tabular" role="status" aria-label="Matches">
                {matchCount === 0
                  ? 'No matches'
                  : `${currentValid ? formatLineCount(currentIdx + 1) : '–'} of ${formatLineCount(matchCount)}`}
              </span>
            )
          )}
          <IconButton label="Previous match" icon={ChevronUp} disabled={matchCount === 0} onClick={prev} />
          <IconButton label="Next match" icon={ChevronDown} disabled={matchCount === 0} onClick={next} />
          <IconButton
            label="Only matching lines"
            icon={ListFilter}
            aria-pressed={onlyMatching}
            className={onlyMatching ? 'is-on' : ''}
            onClick={() => setOnlyMatching((v) => !v)}
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
            className={showRange || range.since || range.until ? 'is-on' : ''}
            onClick={() => setShowRange((v) => !v)}
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
            onClick={() => void copy()}
          />
          <IconButton
            label="Download logs"
            title="Download the whole log as a text file"
            icon={Download}
            disabled={downloading}
            onClick={() => void download()}
          />
          <IconButton
            label="Clear"
            title="Clear the view (keeps following)"
            icon={Eraser}
            onClick={() => session.clear()}
          />
          {onOpenFull && <IconButton label="Open in full view" icon={Maximize2} onClick={onOpenFull} />}
        </div>
      </div>
      {showRange && <RangeBar range={range} onApply={setRange} onClose={() => setShowRange(false)} />}

      <div className="logs-body">
        <div
          ref={scrollRef}
          className={`logs-scroll${prefs.wrap ? ' is-wrap' : ''}`}
          role="log"
          aria-live="off"
          aria-label="Log lines"
          tabIndex={0}
          style={showNames ? ({ '--src-width': `${nameCh - 1}ch` } as CSSProperties) : undefined}
          onScroll={onScroll}
          onWheel={(e) => {
            if (e.deltaY < 0 && following && (scrollRef.current?.scrollTop ?? 0) > 0) setFollowing(false);
          }}
          onKeyDown={onListKey}
        >
          <div className="logs-inner" style={{ height: totalSize, width: innerWidth }}>
            {items.map((v) => {
              const entry = entryAt(v.index);
              if (!entry) return null;
              const abs = absAt(v.index);
              return (
                <LogRow
                  key={v.key}
                  entry={entry}
                  index={v.index}
                  style={
                    prefs.wrap
                      ? { transform: `translateY(${v.start}px)` }
                      : { transform: `translateY(${v.start}px)`, height: ROW_H }
                  }
                  timestamps={prefs.timestamps}
                  name={showNames ? (labels[entry.src] ?? '') : undefined}
                  title={showNames ? names[entry.src] : undefined}
                  colour={colours[entry.src] ?? entry.src}
                  re={re}
                  current={currentValid && abs === currentAbs}
                  measure={prefs.wrap ? wrapVirtualizer.measureElement : undefined}
                  onShowFull={setFullLine}
                />
              );
            })}
          </div>
          {count === 0 && (
            <div className="logs-empty">
              {loading ? (
                <Spinner label="Loading logs" />
              ) : (
                <EmptyState
                  icon={ScrollText}
                  title={filtering ? 'No matching lines' : 'No log lines'}
                  hint={
                    filtering
                      ? 'Nothing on screen matches the search.'
                      : session.follows
                        ? 'New lines appear here as the container writes them.'
                        : 'Nothing was logged in this time range.'
                  }
                />
              )}
            </div>
          )}
        </div>
        {!following && (
          <button type="button" className="btn btn-sm logs-jump" onClick={jumpToEnd}>
            <ArrowDownToLine size={13} aria-hidden="true" />
            Jump to end
            {newSincePause > 0 && <span className="logs-jump-new tabular">{formatLineCount(newSincePause)} new</span>}
          </button>
        )}
      </div>

      <footer className="logs-status">
        <span className={`logs-state${live ? ' is-live' : ''}`}>
          <span className="logs-dot" aria-hidden="true" />
          {live ? (following ? 'Following' : 'Paused (scrolled up)') : status}
        </span>
        <span className="tabular">
          {formatLineCount(buffer.length)} line{buffer.length === 1 ? '' : 's'}
        </span>
        {dropped > 0 && (
          <span
            className="logs-dropped tabular"
            title={`Only the newest ${formatLineCount(buffer.cap)} lines are kept`}
          >
            {formatLineCount(dropped)} older lines dropped
          </span>
        )}
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={!canEarlier || loadingEarlier}
          onClick={() => void loadEarlier()}
        >
          <History size={13} aria-hidden="true" />
          {loadingEarlier ? 'Loading…' : 'Load earlier'}
        </button>
        <span className="logs-spacer" />
        <span className="logs-received tabular">
          Received <output aria-label="Lines received">{formatLineCount(session.received)}</output>
        </span>
        {downloading && <Spinner size={12} label="Preparing download" />}
      </footer>

      <Dialog
        open={fullLine !== undefined}
        title="Full line"
        width={900}
        onClose={() => setFullLine(undefined)}
        description={
          fullLine
            ? `${formatLineCount(stripAnsi(fullLine.text).length)} characters${fullLine.ts ? ` · ${fullLine.ts}` : ''}`
            : undefined
        }
        footer={
          <>
            <button
              type="button"
              className="btn"
              onClick={() => {
                if (!fullLine) return;
                void copyTextOrThrow(stripAnsi(fullLine.text)).then(
                  () => toast.success('Copied the line'),
                  (err: unknown) => toast.fromError('Could not copy', err),
                );
              }}
            >
              <Copy size={13} aria-hidden="true" /> Copy
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setFullLine(undefined)}>
              Close
            </button>
          </>
        }
      >
        <textarea
          className="logs-full"
          readOnly
          aria-label="Line text"
          value={fullLine ? stripAnsi(fullLine.text) : ''}
        />
      </Dialog>
    </section>
  );
}

function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function RangeBar({
  range,
  onApply,
  onClose,
}: {
  range: { since?: string; until?: string };
  onApply: (r: { since?: string; until?: string }) => void;
  onClose: () => void;
}) {
  const [since, setSince] = useState(toLocalInput(range.since));
  const [until, setUntil] = useState(toLocalInput(range.until));
  const s = fromLocalInput(since);
  const u = fromLocalInput(until);
  const invalid = s !== undefined && u !== undefined && s >= u;
  const apply = (): void => {
    const r: { since?: string; until?: string } = {};
    if (s) r.since = s;
    if (u) r.until = u;
    onApply(r);
  };
  return (
    <form
      className="logs-range"
      aria-label="Time range"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) apply();
      }}
    >
      <label>
        Since
        <input
          className="input"
          type="datetime-local"
          step="1"
          value={since}
          onChange={(e) => setSince(e.target.value)}
        />
      </label>
      <label>
        Until
        <input
          className="input"
          type="datetime-local"
          step="1"
          value={until}
          onChange={(e) => setUntil(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-sm btn-primary" disabled={invalid}>
        Apply
      </button>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => {
          setSince('');
          setUntil('');
          onApply({});
        }}
      >
        Reset
      </button>
      <span className={invalid ? 'logs-search-error' : 'logs-hint'} role={invalid ? 'alert' : undefined}>
        {invalid ? '“Since” must be before “Until”.' : 'Leave “Until” empty to keep following new lines.'}
      </span>
      <span className="logs-spacer" />
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
        Close
      </button>
    </form>
  );
}
