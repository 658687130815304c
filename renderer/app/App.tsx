import { useEffect, useState } from 'react';
import { api } from '../api';
import type { EngineStatus } from '../../shared/models';

/** Placeholder shell; replaced by the real app shell. */
export function App() {
  const [status, setStatus] = useState<EngineStatus | undefined>();
  useEffect(() => api.subscribe('engine.watch', {}, { onData: setStatus }), []);
  return <main>Berth — engine: {status?.state ?? '…'}</main>;
}
