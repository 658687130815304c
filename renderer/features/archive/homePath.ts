import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { api } from '../../api';
import { joinHostPath } from '../../presentation/paths';

/**
 * A host path field's value that starts as `fileName` in the host user's home folder (empty until
 * that is known, or if listing fails); what the user typed first wins.
 */
export function useHomePath(fileName: string): [string, Dispatch<SetStateAction<string>>] {
  const [path, setPath] = useState('');
  useEffect(() => {
    let live = true;
    api.invoke('host.list', {}).then(
      (l) => {
        if (live) setPath((cur) => cur || joinHostPath(l.home, fileName, l.sep));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per dialog
  }, []);
  return [path, setPath];
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
