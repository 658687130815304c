import { HistoryDialog } from './HistoryDialog';
import { RegistriesDialog } from './RegistriesDialog';
import { useRegistryDialogs } from './store';
import { TagDialog } from './TagDialog';
import { TransferDialog } from './TransferDialog';
import './registry.css';

/** Renders whichever registry dialog is open; mounted once by the Images view. */
export function RegistryDialogs() {
  const open = useRegistryDialogs((s) => s.open);
  const close = useRegistryDialogs((s) => s.close);
  if (!open) return null;
  switch (open.kind) {
    case 'pull':
      return <TransferDialog verb="Pull" onClose={close} />;
    case 'push':
      return <TransferDialog key={open.ref} verb="Push" initialRef={open.ref} onClose={close} />;
    case 'tag':
      return <TagDialog source={open.source} label={open.label} onClose={close} />;
    case 'history':
      return <HistoryDialog id={open.id} label={open.label} onClose={close} />;
    case 'registries':
      return <RegistriesDialog onClose={close} />;
  }
}
