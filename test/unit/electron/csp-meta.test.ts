import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HtmlTagDescriptor } from 'vite';
import { describe, expect, it } from 'vitest';
import { metaContentSecurityPolicy } from '../../../electron/app/csp-meta';
import { CONTENT_SECURITY_POLICY } from '../../../electron/app/static-files';
import { cspMetaPlugin } from '../../../renderer/vite.config';

const file = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));
const directives = (policy: string): string[] =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);

/** The CSP meta tags of an HTML document, attribute entities decoded. */
function metaPolicies(html: string): string[] {
  const tags = html.match(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi) ?? [];
  return tags.map((t) => (/content="([^"]*)"/.exec(t)?.[1] ?? '').replaceAll('&#39;', "'").replaceAll('&quot;', '"'));
}

describe('meta CSP', () => {
  it('is the header policy without the directives a meta tag cannot carry', () => {
    const meta = metaContentSecurityPolicy();
    expect(directives(meta)).toEqual(
      directives(CONTENT_SECURITY_POLICY).filter((d) => !d.startsWith('frame-ancestors')),
    );
    expect(meta).toContain("connect-src 'self'");
    expect(meta).not.toMatch(/ws:|wss:/);
    expect(metaContentSecurityPolicy("default-src 'none'; sandbox; report-uri /r; frame-ancestors 'none'")).toBe(
      "default-src 'none'",
    );
  });

  it('is written into index.html by the Vite plugin, and not by hand in the source', () => {
    const source = readFileSync(file('renderer/index.html'), 'utf8');
    expect(metaPolicies(source)).toEqual([]);
    // The plugin's hook ignores its context and arguments; it only returns the tag.
    const hook = cspMetaPlugin().transformIndexHtml as (html: string) => HtmlTagDescriptor[];
    const tags = hook(source);
    expect(tags).toEqual([
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ]);
  });

  const built = file('dist/renderer/index.html');
  it.skipIf(!existsSync(built))('the built index.html carries exactly that one policy, before any script', () => {
    const html = readFileSync(built, 'utf8');
    expect(metaPolicies(html)).toEqual([metaContentSecurityPolicy()]);
    expect(html.search(/http-equiv="Content-Security-Policy"/)).toBeLessThan(html.search(/<script/));
  });
});
