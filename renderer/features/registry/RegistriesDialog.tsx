import { LogOut } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { RegistryCredential } from '../../../shared/contracts/registry';
import { registryLabel } from '../../../shared/reference';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { errorMessage, toast } from '../../components/Toasts';
import { api } from '../../api';
import { LoginDialog } from './LoginDialog';

/** Registries with stored credentials (user names only), log in to another, log out. */
export function RegistriesDialog({ onClose }: { onClose: () => void }) {
  const [list, setList] = useState<RegistryCredential[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [login, setLogin] = useState(false);
  const [logout, setLogout] = useState<RegistryCredential | undefined>();
  const [busy, setBusy] = useState(false);
  const [logoutError, setLogoutError] = useState<string | undefined>();

  const load = useCallback(() => {
    api.invoke('registry.list', {}).then(
      (l) => {
        setList(l);
        setError(undefined);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, []);
  useEffect(load, [load]);

  const doLogout = async (c: RegistryCredential): Promise<void> => {
    setBusy(true);
    try {
      await api.invoke('registry.logout', { registry: c.registry });
      toast.success(`Logged out of ${registryLabel(c.registry)}`);
      setLogout(undefined);
      setLogoutError(undefined);
      load();
    } catch (e) {
      setLogoutError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Dialog
        open
        title="Registries"
        description="Credentials Berth and the docker CLI share for pulling and pushing."
        onClose={onClose}
        width={560}
        footer={
          <>
            <button type="button" className="btn btn-primary" onClick={() => setLogin(true)}>
              Log in to a registry…
            </button>
            <span className="dialog-footer-spacer" />
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          </>
        }
      >
        {error && (
          <div className="inline-error" role="alert">
            Could not read the credentials: {error}
          </div>
        )}
        {!list && !error && <Spinner label="Loading registries" />}
        {list && list.length === 0 && (
          <p className="rg-empty">Not logged in to any registry. Public images pull without credentials.</p>
        )}
        {list && list.length > 0 && (
          <ul className="rg-registries" aria-label="Logged-in registries">
            {list.map((c) => (
              <li key={c.registry} className="rg-registry" aria-label={registryLabel(c.registry)}>
                <div className="rg-registry-text">
                  <span className="rg-registry-name">{registryLabel(c.registry)}</span>
                  <span className="rg-muted">
                    {c.username ? `as ${c.username}` : 'token'} ·{' '}
                    {c.store === 'config.json' ? 'config.json' : `helper ${c.store}`}
                  </span>
                </div>
                <button
                  type="button"
                  className="btn btn-sm"
                  onClick={() => setLogout(c)}
                  aria-label={`Log out of ${registryLabel(c.registry)}`}
                >
                  <LogOut size={13} aria-hidden="true" />
                  Log out
                </button>
              </li>
            ))}
          </ul>
        )}
      </Dialog>
      {login && (
        <LoginDialog
          registry=""
          onCancel={() => setLogin(false)}
          onDone={(r) => {
            setLogin(false);
            toast.success(`Logged in to ${registryLabel(r)}`);
            load();
          }}
        />
      )}
      <ConfirmDialog
        open={logout !== undefined}
        title={`Log out of ${logout ? registryLabel(logout.registry) : ''}?`}
        message={
          logout
            ? `The stored credentials${logout.username ? ` of ${logout.username}` : ''} are erased from ${logout.store === 'config.json' ? 'config.json' : `the ${logout.store} credential helper`}. The docker CLI is logged out too.`
            : ''
        }
        confirmLabel="Log out"
        busy={busy}
        error={logoutError}
        onConfirm={() => logout && void doLogout(logout)}
        onCancel={() => {
          setLogout(undefined);
          setLogoutError(undefined);
        }}
      />
    </>
  );
}
