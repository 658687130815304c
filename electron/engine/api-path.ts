import type Dockerode from 'dockerode';

/**
 * Engine API paths built from names and ids. dockerode and docker-modem paste names into paths as
 * they are (`'/containers/' + id + '/json'`), so every name goes through here first: a `?`, `#`, `%` or
 * space in a name is then part of the name, never the start of a query. The contract's schemas
 * (shared/engine-names.ts) already refuse what the engine would not accept; this is the second wall.
 * Docker decodes percent-escapes before routing; Podman routes the encoded path and unescapes each
 * variable (pkg/api/handlers/utils GetVar), so both read the name back exactly.
 */

/** One path segment: everything but unreserved characters escaped, `/` included. */
export function pathSegment(name: string): string {
  return encodeURIComponent(name);
}

/**
 * An image name or id. The engine's image routes take the rest of the path as the name
 * (`/images/{name:.*}/json`), so `/` stays, and so do `:` and `@` (legal in a path segment, RFC 3986
 * pchar): a valid reference such as `127.0.0.1:5000/a/b:t` or `name@sha256:…` is sent exactly as
 * before, to any engine version; anything else in a part is escaped.
 */
export function imagePath(name: string): string {
  return name
    .split('/')
    .map((part) => encodeURIComponent(part).replace(/%3A/g, ':').replace(/%40/g, '@'))
    .join('/');
}

/** A container by id or name; the leading `/` the engine lists names with is dropped (`//` would be redirected). */
export function containerPath(idOrName: string): string {
  return pathSegment(idOrName.replace(/^\//, ''));
}

export function containerOf(docker: Dockerode, idOrName: string): Dockerode.Container {
  return docker.getContainer(containerPath(idOrName));
}

export function imageOf(docker: Dockerode, name: string): Dockerode.Image {
  return docker.getImage(imagePath(name));
}

export function volumeOf(docker: Dockerode, name: string): Dockerode.Volume {
  return docker.getVolume(pathSegment(name));
}

export function networkOf(docker: Dockerode, idOrName: string): Dockerode.Network {
  return docker.getNetwork(pathSegment(idOrName));
}
