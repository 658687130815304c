/**
 * Quiet loading indicator. `label` is announced to screen readers.
 *
 *   <Spinner label="Loading containers" />
 *   <Spinner size={12} />   // inline, e.g. in a busy row
 */
export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  return (
    <span
      className="spinner"
      style={{ width: size, height: size }}
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
