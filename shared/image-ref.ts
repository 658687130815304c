/**
 * A strict check of `name[:tag]` image references for commit and import (no digests: the engine
 * makes the digest). It follows the distribution reference grammar: an optional registry host
 * (with port) then lower-case path components separated by "/", then an optional tag.
 * No zod here: the renderer uses it for inline validation.
 *
 * NOTE for the merge: the registry feature adds a full reference parser for pulls; this function
 * should then delegate to it.
 */

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export interface ParsedRef {
  /** Repository with registry host when given, e.g. "localhost:5000/team/app". */
  repository: string;
  tag: string;
}

/** Parses `repo[:tag]` (tag defaults to "latest"); returns a reason when it is not a valid reference. */
export function parseImageRef(input: string): { ok: true; ref: ParsedRef } | { ok: false; reason: string } {
  const s = input.trim();
  if (s === '') return { ok: false, reason: 'Enter a repository, e.g. myapp:1.0' };
  if (s.includes('@')) return { ok: false, reason: 'A digest (@sha256:…) cannot be given here; use a tag' };
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  let repository = s;
  let tag = 'latest';
  if (colon > slash) {
    repository = s.slice(0, colon);
    tag = s.slice(colon + 1);
    if (!TAG.test(tag)) {
      return { ok: false, reason: 'A tag is up to 128 letters, digits, "_", "." or "-", not starting with "." or "-"' };
    }
  }
  if (repository.length > 255) return { ok: false, reason: 'The repository name is longer than 255 characters' };
  const parts = repository.split('/');
  const first = parts[0] ?? '';
  // Like the engine: the first part is a registry host when it has a "." or ":" or is "localhost".
  const hasDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasDomain && !DOMAIN.test(first)) return { ok: false, reason: `"${first}" is not a valid registry host` };
  for (const p of hasDomain ? parts.slice(1) : parts) {
    if (!COMPONENT.test(p)) {
      return {
        ok: false,
        reason:
          p === ''
            ? 'The repository has an empty path component'
            : `"${p}" is not valid: use lower-case letters, digits and single ".", "_" or "-" between them`,
      };
    }
  }
  return { ok: true, ref: { repository, tag } };
}

/** True for an absolute host path (POSIX, or Windows drive / UNC). */
export function isAbsoluteHostPath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
