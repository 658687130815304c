import { CONTENT_SECURITY_POLICY } from './static-files';

/**
 * The renderer's `<meta http-equiv="Content-Security-Policy">`, derived from the one header policy so
 * the two cannot drift. The meta tag is what protects the page where no header is sent (a dev server,
 * a file opened by hand). Browsers ignore `frame-ancestors`, `report-uri` and `sandbox` in a meta tag
 * (CSP3 §3.3) and log a warning for each, so they are left out here; the header still carries them.
 */
const META_IGNORED_DIRECTIVES = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

export function metaContentSecurityPolicy(policy: string = CONTENT_SECURITY_POLICY): string {
  return policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0 && !META_IGNORED_DIRECTIVES.has(d.split(/\s+/)[0]?.toLowerCase() ?? ''))
    .join('; ');
}
