import { ArrowLeft } from 'lucide-react';
import { href } from '../lib/router';

/** A detail page's way back: an arrow button and the "Section /" breadcrumb before its title. */
export function BackCrumbs({ path, section }: { path: string; section: string }) {
  const label = `Back to ${section.toLowerCase()}`;
  return (
    <>
      <a className="icon-btn" href={href(path)} aria-label={label} title={label}>
        <ArrowLeft size={15} aria-hidden="true" />
      </a>
      <nav aria-label="Breadcrumb" className="crumbs">
        <a href={href(path)}>{section}</a>
        <span aria-hidden="true">/</span>
      </nav>
    </>
  );
}
