import type { ReactNode } from 'react';

/** A file mode as `ls` prints it: srw-rw----, -rwxr-xr-x, drwx------ … */
const MODE = /([-bcdlps][-r][-w][-xsS][-r][-w][-xsS][-r][-w][-xtT])/g;

/**
 * An error or reason sentence whose file modes never break across lines: a browser may break after
 * any hyphen, which turned "srw-------" into "srw----" and "---".
 */
export function ReasonText({ text }: { text: string }): ReactNode {
  const parts = text.split(MODE);
  if (parts.length === 1) return text;
  return parts.map((p, i) =>
    i % 2 === 1 ? (
      <span key={i} className="nowrap">
        {p}
      </span>
    ) : (
      p
    ),
  );
}
