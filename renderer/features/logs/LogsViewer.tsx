import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownToLine } from 'lucide-react';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type Key,
  type KeyboardEvent,
} from 'react';
import type { ContainerState } from '../../../shared/models';
import { formatLineCount, lineToText, type LogEntry } from '../../presentation/logs';
import { copyTextOrThrow } from '../../lib/clipboard';
import { toast } from '../../stores/toasts';
import { FullLineDialog } from './FullLineDialog';
import { LogRow, RENDER_CAP } from './LogRow';
import { RangeBar } from './LogsRangeBar';
import { LogsEmpty, LogsStatusBar, statusText } from './LogsStatusBar';
import { LogsToolbar } from './LogsToolbar';
import { loadPrefs, savePrefs, type LogPrefs } from './prefs';
import type { LogSource } from './session';
import { useLogDownload } from './useLogDownload';
import { useLogSearch } from './useLogSearch';
import { useLogSession } from './useLogSession';
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
  const { session, snap, engineReady } = useLogSession(sources, states, {
    tail: prefs.tail,
    since: range.since,
    until: range.until,
  });
  const buffer = session.buffer;
  const names = useMemo(() => sources.map((s) => s.name), [sources]);
  // Line prefixes and their colours (a compose service's replicas share one colour: see logSources.ts).
  const labels = useMemo(() => sources.map((s) => s.label ?? s.name), [sources]);
  const colours = useMemo(() => sources.map((s, i) => s.colour ?? i), [sources]);
  const showNames = sources.length > 1;
  const textOptions = { timestamps: prefs.timestamps, names: showNames ? labels : undefined };

  // ---- search ----
  const search = useLogSearch(buffer, snap.version);
  const { re, matchCount, filtering, currentAbs, setCurrentAbs, currentIdx, currentValid } = search;
  const searchIndex = search.index;

  // ---- rows ----
  const count = filtering ? matchCount : buffer.length;
  const entryAt = (i: number): LogEntry | undefined =>
    filtering ? buffer.atAbs(searchIndex.matchAbs(i) ?? -1) : buffer.at(i);
  const absAt = (i: number): number => (filtering ? (searchIndex.matchAbs(i) ?? -1) : buffer.firstAbs + i);

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
    const abs = searchIndex.matchAbs(idx);
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
  const [loadingEarlier, setLoadingEarlier] = useState(false);

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
        .map((l) => lineToText(l, textOptions))
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

  const { downloading, download } = useLogDownload(session, names, textOptions);

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
  const newSincePause = following ? 0 : Math.max(0, session.received - receivedAtPause.current);
  const canEarlier = !filtering && buffer.length > 0 && buffer.length < buffer.cap && !!buffer.first()?.ts;

  return (
    <section className="logs" aria-label={label} onKeyDown={onKeyDown}>
      <LogsToolbar
        search={search}
        searchInput={searchInput}
        onPrev={prev}
        onNext={next}
        prefs={prefs}
        setPrefs={setPrefs}
        showRange={showRange}
        rangeActive={Boolean(range.since || range.until)}
        onToggleRange={() => setShowRange((v) => !v)}
        onCopy={() => void copy()}
        onDownload={() => void download()}
        downloading={downloading}
        onClear={() => session.clear()}
        onOpenFull={onOpenFull}
      />
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
          {count === 0 && <LogsEmpty loading={loading} filtering={filtering} follows={session.follows} />}
        </div>
        {!following && (
          <button type="button" className="btn btn-sm logs-jump" onClick={jumpToEnd}>
            <ArrowDownToLine size={13} aria-hidden="true" />
            Jump to end
            {newSincePause > 0 && <span className="logs-jump-new tabular">{formatLineCount(newSincePause)} new</span>}
          </button>
        )}
      </div>

      <LogsStatusBar
        status={status}
        following={following}
        lines={buffer.length}
        cap={buffer.cap}
        dropped={session.dropped}
        canEarlier={canEarlier}
        loadingEarlier={loadingEarlier}
        onLoadEarlier={() => void loadEarlier()}
        received={session.received}
        downloading={downloading}
      />

      <FullLineDialog line={fullLine} onClose={() => setFullLine(undefined)} />
    </section>
  );
}
