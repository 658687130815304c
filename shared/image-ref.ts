import { parseTagTarget } from './reference';

/**
 * `name[:tag]` image references for commit and import (no digests: the engine makes the digest),
 * checked by the one reference parser (shared/reference.ts, distribution/reference rules), with the
 * tag defaulting to "latest". No zod here: the renderer uses it for inline validation.
 */

export interface ParsedRef {
  /** Repository as the docker CLI prints it, e.g. "busybox", "localhost:5000/team/app". */
  repository: string;
  tag: string;
}

/** Parses `repo[:tag]`; returns the parser's reason when it is not a valid reference. */
export function parseImageRef(input: string): { ok: true; ref: ParsedRef } | { ok: false; reason: string } {
  const s = input.trim();
  if (s === '') return { ok: false, reason: 'Enter a repository, e.g. myapp:1.0' };
  const r = parseTagTarget(s);
  if (!r.ok)
    return {
      ok: false,
      reason: /invalid reference format/i.test(r.error)
        ? `${r.error}: use lower-case letters, digits and single ".", "_" or "-" between them, then an optional :tag`
        : r.error,
    };
  return { ok: true, ref: { repository: r.ref.familiarName, tag: r.ref.tag ?? 'latest' } };
}

/** True for an absolute host path (POSIX, or Windows drive / UNC). */
export function isAbsoluteHostPath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}
