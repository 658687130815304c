import { TriangleAlert, X } from 'lucide-react';
import { useState } from 'react';
import type { KeptAside } from '../../../shared/contracts/settings';
import { IconButton } from '../../components/IconButton';
import { useSettingsStore } from './store';

const WHY: Record<KeptAside['reason'], string> = {
  newer: 'Your settings file was written by a newer Berth',
  corrupt: 'Your settings file was corrupt',
  invalid: 'Some values in your settings file were not valid',
};

const AFTER: Record<KeptAside['reason'], string> = {
  newer: 'Defaults are in use.',
  corrupt: 'Defaults are in use.',
  invalid: 'Those values are back to their defaults; the others were kept.',
};

/** Files Berth could not use and kept aside since it started: what, where the file is now, what applies. */
export function KeptAsideNotice() {
  const aside = useSettingsStore((s) => s.state?.keptAside ?? []);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const shown = aside.filter((a) => !dismissed.has(a.path));
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((a) => (
        <div key={a.path} className="settings-aside" role="alert">
          <TriangleAlert size={15} aria-hidden="true" className="settings-aside-icon" />
          <div className="settings-aside-text">
            <strong>{WHY[a.reason]}</strong> ({a.detail}). It was kept as{' '}
            <span className="mono settings-aside-path">{a.path}</span>. {AFTER[a.reason]}
          </div>
          <IconButton label="Dismiss" icon={X} size="sm" onClick={() => setDismissed((d) => new Set([...d, a.path]))} />
        </div>
      ))}
    </>
  );
}
