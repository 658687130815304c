import { useEffect, useMemo, useState } from 'react';
import type { EngineStatus } from '../../shared/models';
import { engineSlowText } from '../presentation/engine';

/**
 * The slow-engine banner's text, counting the seconds the engine has not answered (a local one-second
 * ticker while it hangs, so the count moves without any message from the server); undefined when not slow.
 */
export function useSlowBanner(slow: EngineStatus['slow']): string | undefined {
  // When the engine started hanging, on this page's clock: the server says how long, as of sending.
  const since = useMemo(() => (slow ? Date.now() - slow.forMs : 0), [slow]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!slow) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [slow]);
  return slow ? engineSlowText(slow, now - since) : undefined;
}
