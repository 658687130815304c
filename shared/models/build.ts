/**
 * Pure rules of `docker build` inputs, shared by the contract (zod refinements) and the build form
 * (messages next to the field). No zod here: the renderer imports this module.
 */

// The reference grammar of distribution/reference (what the docker CLI accepts for `-t`).
const ALPHA_NUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHA_NUMERIC}(?:${SEPARATOR}${ALPHA_NUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
/** Longest repository name (domain + path) the engine accepts. */
export const MAX_REPOSITORY_LENGTH = 255;

/** Why `ref` is not a valid `-t` reference, or undefined when it is. Messages follow the docker CLI's. */
export function imageTagError(ref: string): string | undefined {
  const value = ref.trim();
  if (value === '') return 'Enter a name such as myapp:1.0';
  if (value !== ref) return 'Remove the spaces around the name';
  if (/\s/.test(value)) return 'A name cannot contain spaces';
  if (value.includes('@')) return 'A build tag cannot hold a digest (@sha256:…)';
  // The tag is after the last ':' that follows the last '/' (a ':' before it is a registry port).
  const slash = value.lastIndexOf('/');
  const colon = value.lastIndexOf(':');
  const hasTag = colon > slash;
  const name = hasTag ? value.slice(0, colon) : value;
  const tag = hasTag ? value.slice(colon + 1) : undefined;
  if (tag !== undefined && !TAG_RE.test(tag)) {
    return tag === ''
      ? 'The tag after ":" is empty'
      : 'A tag has up to 128 letters, digits, "_", "." or "-" and cannot start with "." or "-"';
  }
  if (name === '') return 'The repository name is empty';
  let path = name;
  const first = name.indexOf('/');
  if (first !== -1) {
    const head = name.slice(0, first);
    // Like the CLI: the first part is a registry when it has a '.' or ':' or is localhost.
    if (head.includes('.') || head.includes(':') || head === 'localhost') {
      if (!DOMAIN_RE.test(head)) return `"${head}" is not a valid registry address`;
      path = name.slice(first + 1);
    }
  }
  if (path !== path.toLowerCase()) return 'The repository name must be lowercase';
  if (!PATH_RE.test(path)) {
    return 'Use lowercase letters, digits and separators (".", "_", "-", "/") between them';
  }
  if (name.length > MAX_REPOSITORY_LENGTH)
    return `The repository name is longer than ${MAX_REPOSITORY_LENGTH} characters`;
  return undefined;
}

/** A build-arg or label key: what `--build-arg KEY=value` accepts (no "=", no spaces). */
export function keyError(key: string, what = 'name'): string | undefined {
  if (key === '') return `Enter a ${what}`;
  if (/[=\s]/.test(key)) return `A ${what} cannot contain "=" or spaces`;
  if (key.length > 256) return `A ${what} has at most 256 characters`;
  return undefined;
}

/** A build stage name (`FROM … AS <name>`): what the classic builder matches with `--target`. */
export function targetError(target: string): string | undefined {
  if (target === '') return undefined;
  if (!/^[a-zA-Z][a-zA-Z0-9_.-]*$/.test(target)) {
    return 'A stage name starts with a letter and has only letters, digits, "_", "." or "-"';
  }
  if (target.length > 128) return 'A stage name has at most 128 characters';
  return undefined;
}
