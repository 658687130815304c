import type Dockerode from 'dockerode';

/**
 * Engine API paths built from names and ids. dockerode and docker-modem paste names into paths as
 * they are (`'/containers/' + id + '/json'`), so every name goes through here first: a `?`, `#`, `%` or
 * space in a name is then part of the name, never the start of a query. The contract's schemas
 * (shared/engine-names.ts) already refuse what the engine would not accept; this is the second wall.
 * The engine (and Podman's compat API, same routes) decodes percent-escapes in paths.
 */

/** One path segment: everything but unreserved characters escaped, `/` included. */
export function pathSegment(name: string): string {
  return encodeURIComponent(name);
}

/**
 * An image name or id. The engine's image routes take the rest of the path as the name
 * (`/images/{name:.*}/json`), so `/` stays readable and each part between is escaped.
 */
export function imagePath(name: string): string {
  return name.split('/').map(encodeURIComponent).join('/');
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
