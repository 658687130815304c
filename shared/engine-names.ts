import { parseReference } from './reference';

/**
 * What the engine accepts as a container, volume, network or image name or id. These end up in
 * engine API paths (`/containers/{id}/json`), so anything else is refused before a request is made;
 * electron/engine/api-path.ts still encodes every segment. Pure: the renderer and the contract use it.
 */

/** The engine's rule for container and volume names (daemon/names: RestrictedNamePattern). */
const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
// C0 controls, DEL and C1 controls: never part of a name the engine would print.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const HEX_ID = /^(sha256:)?[a-f0-9]{1,64}$/;

export const NAME_MAX = 256;
export const REFERENCE_MAX = 1024;

function tooLong(s: string, max: number, what: string): string | undefined {
  return s.length > max ? `${what} has at most ${max} characters` : undefined;
}

/** A container name (optionally with the leading `/` the engine lists) or a full or short hex id. */
export function containerRefError(s: string): string | undefined {
  if (s === '') return 'Enter a container name or id';
  const long = tooLong(s, NAME_MAX, 'A container name');
  if (long) return long;
  if (!NAME.test(s.replace(/^\//, '')))
    return 'A container name may only contain letters, digits, "_", "." and "-", and starts with a letter or digit';
  return undefined;
}

/** A volume name (the local driver's rule; anonymous volumes have 64-hex names, which fit it). */
export function volumeNameError(s: string): string | undefined {
  if (s === '') return 'Enter a volume name';
  const long = tooLong(s, NAME_MAX, 'A volume name');
  if (long) return long;
  if (!NAME.test(s))
    return 'A volume name may only contain letters, digits, "_", "." and "-", and starts with a letter or digit';
  return undefined;
}

/**
 * A network name or id. The engine accepts nearly any name (spaces, `?`, `#`, `%`, `/`…), so only what
 * no path can carry is refused: control characters and `.`/`..` segments (HTTP path cleaning turns those
 * into another path). The rest is encoded.
 */
export function networkRefError(s: string): string | undefined {
  if (s === '') return 'Enter a network name or id';
  const long = tooLong(s, REFERENCE_MAX, 'A network name');
  if (long) return long;
  if (CONTROL.test(s)) return 'A network name cannot contain control characters';
  if (s.split('/').some((part) => part === '.' || part === '..' || part === ''))
    return 'A network name cannot be "." or "..", or have such a part or an empty one between "/"';
  return undefined;
}

/** An image id (`sha256:…`, full or short hex) or a reference by Docker's rules (`127.0.0.1:5000/a/b:t`, `name@sha256:…`). */
export function imageRefError(s: string): string | undefined {
  if (s === '') return 'Enter an image reference or id';
  const long = tooLong(s, REFERENCE_MAX, 'An image reference');
  if (long) return long;
  if (HEX_ID.test(s)) return undefined;
  // The parser trims; a name sent to the engine must already be exact.
  if (s !== s.trim() || CONTROL.test(s)) return 'An image reference cannot contain spaces or control characters';
  const r = parseReference(s);
  return r.ok ? undefined : `An image reference is [registry/]name[:tag|@digest], e.g. busybox:latest (${r.error})`;
}
