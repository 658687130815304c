import type { ComposeVariable } from '../../../shared/contracts/stacks';

const SOURCE: Record<ComposeVariable['source'], string> = {
  environment: 'environment',
  'env-file': 'env file',
  unset: 'unset',
};

/**
 * The variables the compose files interpolate: value and where it comes from, the file's default; a
 * required one (`${X:?…}`) that nothing sets is an error at its row (the CLI would refuse to run).
 */
export function VariablesTable({ variables }: { variables: readonly ComposeVariable[] }) {
  if (variables.length === 0) return <p className="stack-pane-empty">The files interpolate no variables.</p>;
  return (
    <table className="stack-mini-table stack-vars" aria-label="Variables">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Source</th>
          <th scope="col">Default</th>
        </tr>
      </thead>
      <tbody>
        {variables.map((v) => {
          const missing = v.required && v.value === undefined;
          return (
            <tr
              key={v.name}
              aria-label={v.name}
              className={missing ? 'is-error' : undefined}
              aria-invalid={missing || undefined}
            >
              <td className="mono">{v.name}</td>
              <td className="mono">
                {v.value !== undefined ? (
                  v.value || <span className="cell-faint">(empty)</span>
                ) : missing ? (
                  <span className="field-error" role="alert">
                    Required, not set: the CLI will refuse to run
                  </span>
                ) : (
                  <span className="cell-faint">{v.defaultValue !== undefined ? 'default' : '(empty)'}</span>
                )}
              </td>
              <td className={v.source === 'unset' ? 'cell-faint' : undefined}>{SOURCE[v.source]}</td>
              <td className="mono">{v.defaultValue ?? <span className="cell-faint">—</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
