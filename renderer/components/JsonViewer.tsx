/**
 * Collapsible JSON tree with expand/collapse all, a search box that highlights matches (with a count
 * and next/previous), and a Copy button (navigator.clipboard with a textarea fallback).
 *
 *   <JsonViewer value={inspect.raw} label="Container inspect" defaultExpandDepth={1} />
 *
 * Search matches keys and values, case-insensitive; Enter / Shift+Enter in the box jump between
 * matches. Parents of matches open automatically while searching.
 *
 * With `redact`, the viewer shows, searches and copies the redacted value until "Reveal secrets" is
 * pressed, so a masked secret cannot leak through the search box or the clipboard either.
 */
import {
  Check,
  ChevronDown,
  ChevronRight,
  ChevronsDownUp,
  ChevronsUpDown,
  Copy,
  Eye,
  EyeOff,
  Search,
} from 'lucide-react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { toast } from '../stores/toasts';
import { copyText } from '../lib/clipboard';

type JsonLike = null | boolean | number | string | JsonLike[] | { [k: string]: JsonLike };

export interface JsonViewerProps {
  value: unknown;
  label?: string;
  /** Levels open at first (root = 0). Default 1. */
  defaultExpandDepth?: number;
  /** Masks secrets in the value (e.g. redactEnvInJson); `count` > 0 shows the reveal control. */
  redact?: (value: unknown) => { value: unknown; count: number };
}

const ROOT = '$';

function isContainer(v: unknown): v is JsonLike[] | { [k: string]: JsonLike } {
  return typeof v === 'object' && v !== null;
}

function entriesOf(v: JsonLike[] | { [k: string]: JsonLike }): Array<[string, JsonLike]> {
  return Array.isArray(v) ? v.map((x, i) => [String(i), x]) : Object.entries(v);
}

function childPath(parent: string, key: string): string {
  return `${parent}\u0000${key}`;
}

function primitiveText(v: JsonLike): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function countOccurrences(text: string, q: string): number {
  if (!q) return 0;
  let n = 0;
  let i = text.toLowerCase().indexOf(q);
  while (i >= 0) {
    n++;
    i = text.toLowerCase().indexOf(q, i + q.length);
  }
  return n;
}

/** Paths of all containers (for expand all) and the containers that hold matches (to force open). */
function analyse(root: unknown, q: string): { containers: string[]; matchParents: Set<string>; total: number } {
  const containers: string[] = [];
  const matchParents = new Set<string>();
  let total = 0;
  const walk = (v: unknown, path: string, ancestors: string[]): void => {
    if (!isContainer(v)) return;
    containers.push(path);
    for (const [k, child] of entriesOf(v)) {
      const p = childPath(path, k);
      let hits = Array.isArray(v) ? 0 : countOccurrences(k, q);
      if (!isContainer(child)) hits += countOccurrences(primitiveText(child), q);
      if (hits > 0) {
        total += hits;
        matchParents.add(path);
        ancestors.forEach((a) => matchParents.add(a));
      }
      walk(child, p, [...ancestors, path]);
    }
  };
  walk(root, ROOT, []);
  return { containers, matchParents, total };
}

export function JsonViewer({ value: raw, label = 'JSON', defaultExpandDepth = 1, redact }: JsonViewerProps) {
  const [revealed, setRevealed] = useState(false);
  const redacted = useMemo(() => (redact ? redact(raw) : { value: raw, count: 0 }), [raw, redact]);
  // Everything below (tree, search, copy) sees only this value.
  const value = revealed ? raw : redacted.value;
  const [expanded, setExpanded] = useState<Set<string>>(() => {
    const s = new Set<string>([ROOT]);
    const walk = (v: unknown, path: string, depth: number): void => {
      if (!isContainer(v) || depth >= defaultExpandDepth) return;
      s.add(path);
      for (const [k, child] of entriesOf(v)) walk(child, childPath(path, k), depth + 1);
    };
    walk(value, ROOT, 0);
    return s;
  });
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [copied, setCopied] = useState(false);
  const bodyRef = useRef<HTMLDivElement>(null);
  const q = query.trim().toLowerCase();

  const { containers, matchParents, total } = useMemo(() => analyse(value, q), [value, q]);
  useEffect(() => setCurrent(0), [q]);

  useEffect(() => {
    if (!q || total === 0) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(`mark[data-match="${current}"]`);
    el?.scrollIntoView({ block: 'center' });
  }, [current, q, total]);

  const isOpen = (path: string): boolean => expanded.has(path) || (q !== '' && matchParents.has(path));
  const toggle = (path: string): void => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  };

  // Render pass: a plain recursive function so match numbering follows document order.
  let matchNo = 0;
  const highlight = (text: string): ReactNode => {
    if (!q) return text;
    const lower = text.toLowerCase();
    const parts: ReactNode[] = [];
    let from = 0;
    let i = lower.indexOf(q);
    while (i >= 0) {
      if (i > from) parts.push(text.slice(from, i));
      const n = matchNo++;
      parts.push(
        <mark key={i} data-match={n} className={n === current ? 'is-current' : undefined}>
          {text.slice(i, i + q.length)}
        </mark>,
      );
      from = i + q.length;
      i = lower.indexOf(q, from);
    }
    if (from < text.length) parts.push(text.slice(from));
    return parts;
  };

  const renderValue = (v: JsonLike): ReactNode => {
    if (typeof v === 'string') return <span className="jv-string">"{highlight(v)}"</span>;
    if (typeof v === 'number') return <span className="jv-number">{highlight(String(v))}</span>;
    if (typeof v === 'boolean') return <span className="jv-bool">{highlight(String(v))}</span>;
    return <span className="jv-null">{highlight('null')}</span>;
  };

  const renderNode = (
    key: string | undefined,
    v: JsonLike,
    path: string,
    depth: number,
    isIndex: boolean,
    last: boolean,
  ): ReactNode => {
    const keyNode =
      key === undefined ? null : isIndex ? (
        <span className="jv-index">{key}: </span>
      ) : (
        <span className="jv-key">
          "{highlight(key)}"<span className="jv-punct">: </span>
        </span>
      );
    const comma = last ? null : <span className="jv-punct">,</span>;
    const indent = { paddingLeft: depth * 16 + 36 };
    if (!isContainer(v)) {
      return (
        <div key={path} className="jv-line" style={indent}>
          {keyNode}
          {renderValue(v)}
          {comma}
        </div>
      );
    }
    const entries = entriesOf(v);
    const arr = Array.isArray(v);
    const [openB, closeB] = arr ? ['[', ']'] : ['{', '}'];
    const open = isOpen(path);
    const name = key ?? label;
    if (entries.length === 0) {
      return (
        <div key={path} className="jv-line" style={indent}>
          {keyNode}
          <span className="jv-punct">
            {openB}
            {closeB}
          </span>
          {comma}
        </div>
      );
    }
    const toggleBtn = (
      <button
        type="button"
        className="jv-toggle"
        aria-expanded={open}
        aria-label={`${open ? 'Collapse' : 'Expand'} ${name}`}
        onClick={() => toggle(path)}
        style={{ left: depth * 16 + 17 }}
      >
        {open ? <ChevronDown size={12} aria-hidden="true" /> : <ChevronRight size={12} aria-hidden="true" />}
      </button>
    );
    if (!open) {
      return (
        <div key={path} className="jv-line" style={indent}>
          {toggleBtn}
          {keyNode}
          <button type="button" className="jv-collapsed" onClick={() => toggle(path)} tabIndex={-1}>
            {openB}…{closeB}
          </button>
          <span className="jv-count">
            {entries.length} {arr ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}
          </span>
          {comma}
        </div>
      );
    }
    return (
      <div key={path} className="jv-group">
        <div className="jv-line" style={indent}>
          {toggleBtn}
          {keyNode}
          <span className="jv-punct">{openB}</span>
        </div>
        {entries.map(([k, child], i) =>
          renderNode(k, child, childPath(path, k), depth + 1, arr, i === entries.length - 1),
        )}
        <div className="jv-line" style={indent}>
          <span className="jv-punct">{closeB}</span>
          {comma}
        </div>
      </div>
    );
  };

  const tree = renderNode(undefined, value as JsonLike, ROOT, 0, false, true);

  const step = (delta: number): void => {
    if (total === 0) return;
    setCurrent((c) => (c + delta + total) % total);
  };

  return (
    <div className="jv" role="region" aria-label={label}>
      <div className="jv-toolbar">
        <div className="filter-box jv-search">
          <Search size={14} aria-hidden="true" className="filter-icon" />
          <input
            type="search"
            className="input filter-input"
            aria-label={`Search ${label}`}
            placeholder="Search keys and values…"
            value={query}
            spellCheck={false}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                step(e.shiftKey ? -1 : 1);
              } else if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              }
            }}
          />
        </div>
        <span className="jv-matches tabular" role="status" aria-live="polite">
          {q
            ? total === 0
              ? 'No matches'
              : `${Math.min(current + 1, total)} of ${total} ${total === 1 ? 'match' : 'matches'}`
            : null}
        </span>
        {q && total > 1 && (
          <>
            <button type="button" className="btn btn-sm" onClick={() => step(-1)} aria-label="Previous match">
              ↑
            </button>
            <button type="button" className="btn btn-sm" onClick={() => step(1)} aria-label="Next match">
              ↓
            </button>
          </>
        )}
        <span className="jv-spacer" />
        {redacted.count > 0 && (
          <button
            type="button"
            className="btn btn-sm btn-ghost"
            aria-pressed={revealed}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? <EyeOff size={13} aria-hidden="true" /> : <Eye size={13} aria-hidden="true" />}
            {revealed ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        )}
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setExpanded(new Set(containers))}>
          <ChevronsUpDown size={13} aria-hidden="true" />
          Expand all
        </button>
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => setExpanded(new Set([ROOT]))}>
          <ChevronsDownUp size={13} aria-hidden="true" />
          Collapse all
        </button>
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            void copyText(JSON.stringify(value, null, 2)).then((ok) => {
              if (ok) {
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              } else toast.error('Could not copy', 'The browser refused access to the clipboard.');
            });
          }}
        >
          {copied ? <Check size={13} aria-hidden="true" /> : <Copy size={13} aria-hidden="true" />}
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <div className="jv-body mono" ref={bodyRef}>
        {tree}
      </div>
    </div>
  );
}
