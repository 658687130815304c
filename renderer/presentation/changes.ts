import { parseImageRef } from '../../shared/image-ref';

/** Pure helpers for commit/import forms. */

const INSTRUCTIONS = /^(CMD|ENTRYPOINT|ENV|EXPOSE|LABEL|ONBUILD|STOPSIGNAL|USER|VOLUME|WORKDIR|HEALTHCHECK)\s+\S/i;

/** One Dockerfile instruction per non-empty line; the first line that is not one allowed is reported. */
export function parseChanges(text: string): { ok: true; changes: string[] } | { ok: false; reason: string } {
  const changes = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, c] of changes.entries()) {
    if (!INSTRUCTIONS.test(c)) {
      return {
        ok: false,
        reason: `Line ${i + 1} (“${c.length > 40 ? `${c.slice(0, 40)}…` : c}”) is not CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR or HEALTHCHECK followed by its value`,
      };
    }
  }
  return { ok: true, changes };
}

/** An optional repo:tag field: undefined when empty (engine makes an untagged image), else the check's reason. */
export function refError(value: string, required = false): string | undefined {
  if (!value.trim()) return required ? 'Enter a repository, e.g. myapp:1.0' : undefined;
  const r = parseImageRef(value);
  return r.ok ? undefined : r.reason;
}
