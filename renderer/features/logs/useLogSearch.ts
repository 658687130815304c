import { useMemo, useRef, useState } from 'react';
import { SearchIndex, compileQuery } from '../../presentation/log-search';
import type { LogBuffer } from '../../presentation/logs';

/**
 * The logs viewer's search: query, regex / match-case / only-matching toggles, an incremental index
 * of the buffer's matches (only new lines are scanned when `version` changes) and the current match,
 * kept by absolute line position so it stays put while lines stream in.
 */
export function useLogSearch(buffer: LogBuffer, version: number) {
  const [query, setQuery] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [onlyMatching, setOnlyMatching] = useState(false);
  const compiled = useMemo(() => compileQuery({ text: query, regex, caseSensitive }), [query, regex, caseSensitive]);
  const re = compiled.ok ? compiled.re : undefined;
  const indexRef = useRef<SearchIndex>(new SearchIndex());
  const indexState = useMemo(() => {
    indexRef.current.setQuery(re);
    return { re };
  }, [re]);
  // Brings the index up to date (incremental: only new lines are scanned).
  const matchCount = useMemo(() => {
    indexRef.current.update(buffer);
    return indexRef.current.count;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- version is the buffer's change signal
  }, [version, indexState, buffer]);
  const filtering = onlyMatching && re !== undefined;
  const [currentAbs, setCurrentAbs] = useState<number | undefined>();
  const index = indexRef.current;
  const currentIdx = currentAbs === undefined || re === undefined ? -1 : index.indexAtOrAfter(currentAbs);
  const currentValid = currentIdx >= 0 && currentIdx < matchCount && index.matchAbs(currentIdx) === currentAbs;
  return {
    query,
    setQuery,
    regex,
    setRegex,
    caseSensitive,
    setCaseSensitive,
    onlyMatching,
    setOnlyMatching,
    compiled,
    re,
    index,
    matchCount,
    filtering,
    currentAbs,
    setCurrentAbs,
    currentIdx,
    currentValid,
  };
}

export type LogSearch = ReturnType<typeof useLogSearch>;
