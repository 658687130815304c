import { Copy } from 'lucide-react';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { IconButton } from '../../components/IconButton';
import { toast } from '../../stores/toasts';
import { copyText } from '../../lib/clipboard';

/**
 * Read-only text (a compose file, `config`'s YAML) in monospace with line numbers, scrollable, with a
 * copy button; `markLine` (1-based) is highlighted and scrolled into view (a YAML error's line).
 */
export function CodeView({ label, text, markLine }: { label: string; text: string; markLine?: number | undefined }) {
  const lines = useMemo(() => text.replace(/\n$/, '').split('\n'), [text]);
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (!markLine) return;
    const el = ref.current?.querySelector<HTMLElement>('.stack-code-line.is-marked');
    el?.scrollIntoView({ block: 'center' });
  }, [markLine, text]);
  return (
    <div className="stack-code">
      <IconButton
        size="sm"
        className="stack-code-copy"
        label={`Copy ${label}`}
        icon={Copy}
        onClick={() => void copyText(text).then((ok) => ok && toast.success('Copied', label))}
      />
      <div ref={ref} className="stack-code-scroll mono" role="region" aria-label={label} tabIndex={0}>
        {lines.map((line, i) => (
          <div
            key={i}
            className={`stack-code-line${markLine === i + 1 ? ' is-marked' : ''}`}
            aria-current={markLine === i + 1 ? 'true' : undefined}
          >
            <span className="stack-code-ln" aria-hidden="true">
              {i + 1}
            </span>
            <span className="stack-code-text">{line || ' '}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
