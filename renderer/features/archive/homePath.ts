import { useEffect, useState } from 'react';
import { api } from '../../api';
import { joinHostPath } from '../../presentation/paths';

/** A file name in the host user's home folder as a starting value (empty until known, or if listing fails). */
export function useHomeFile(fileName: string | undefined, onReady: (path: string) => void): void {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done || fileName === undefined) return;
    let live = true;
    api.invoke('host.list', {}).then(
      (l) => {
        if (!live) return;
        setDone(true);
        onReady(joinHostPath(l.home, fileName, l.sep));
      },
      () => setDone(true),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog
  }, []);
}

/** A safe file name from an image reference or container name: "busybox:latest" → "busybox-latest". */
export function fileNameFor(name: string): string {
  return (
    name
      .replace(/^sha256:/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'archive'
  );
}
