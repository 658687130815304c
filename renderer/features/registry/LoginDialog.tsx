import { useState } from 'react';
import type { BerthError } from '../../../shared/errors';
import { registryLabel, validateRegistryAddress } from '../../../shared/reference';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/Toasts';
import { api } from '../../api';

/**
 * Log in to a registry: the engine verifies the credentials (POST /auth), main stores them where the
 * docker CLI would. `reason` says why it opened (e.g. a pull that needed credentials).
 */
export function LoginDialog({
  registry: initialRegistry,
  reason,
  onDone,
  onCancel,
}: {
  registry: string;
  reason?: string | undefined;
  onDone: (registry: string) => void;
  onCancel: () => void;
}) {
  const fixed = initialRegistry !== '';
  const [registry, setRegistry] = useState(initialRegistry);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [touched, setTouched] = useState(false);
  const registryError = validateRegistryAddress(registry);
  const canSubmit = !busy && !registryError && username !== '' && password !== '';

  const submit = async (): Promise<void> => {
    setTouched(true);
    if (!canSubmit) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await api.invoke('registry.login', { registry, username, password });
      setPassword('');
      onDone(r.registry);
    } catch (e) {
      const err = e as BerthError;
      setError(
        err.code === 'UNAUTHORIZED'
          ? `The registry refused these credentials: ${err.message}`
          : `Could not log in: ${errorMessage(e)}`,
      );
      setBusy(false);
    }
  };

  const title = fixed ? `Log in to ${registryLabel(initialRegistry)}` : 'Log in to a registry';
  return (
    <Dialog
      open
      title={title}
      description={reason}
      onClose={onCancel}
      dismissable={!busy}
      width={420}
      footer={
        <>
          <span className="dialog-footer-spacer" />
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="rg-login-form" className="btn btn-primary" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </>
      }
    >
      <form
        id="rg-login-form"
        className="rg-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="rg-field">
          <span className="rg-label">Registry</span>
          <input
            className="input"
            value={registry}
            placeholder="Docker Hub (leave empty) or registry.example.com"
            onChange={(e) => setRegistry(e.target.value)}
            aria-invalid={touched && registryError ? true : undefined}
            readOnly={fixed}
            autoFocus={!fixed}
          />
          {touched && registryError && <span className="rg-field-error">{registryError}</span>}
        </label>
        <label className="rg-field">
          <span className="rg-label">Username</span>
          <input
            className="input"
            value={username}
            autoComplete="username"
            onChange={(e) => setUsername(e.target.value)}
            autoFocus={fixed}
            aria-invalid={touched && username === '' ? true : undefined}
          />
          {touched && username === '' && <span className="rg-field-error">Enter a user name</span>}
        </label>
        <label className="rg-field">
          <span className="rg-label">Password or access token</span>
          <input
            className="input"
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={touched && password === '' ? true : undefined}
          />
          {touched && password === '' && <span className="rg-field-error">Enter the password or a token</span>}
        </label>
        <p className="rg-hint">
          Stored like <span className="mono">docker login</span> does: in your credential helper when one is configured,
          else in ~/.docker/config.json.
        </p>
        {error && (
          <div className="inline-error" role="alert">
            {error}
          </div>
        )}
      </form>
    </Dialog>
  );
}
