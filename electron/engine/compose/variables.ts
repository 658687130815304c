import type { ComposeVariable } from '../../../shared/contracts/stacks';

/**
 * The variables a compose file interpolates, read from its raw text the way compose's interpolation
 * does: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `${VAR:+alt}`,
 * `${VAR+alt}` and `$VAR`, with `$$` an escaped dollar. A default may itself use a variable
 * (`${A:-${B}}`, v2). Whole-line YAML comments are skipped. Pure.
 */

export interface VariableUse {
  name: string;
  defaultValue?: string;
  required: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Index of the `}` closing the `${` whose body starts at `from`, counting nested `${…}`; -1 if none. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '$') i++;
    else if (c === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

function scanLine(line: string, out: VariableUse[]): void {
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '$') continue;
    const next = line[i + 1];
    if (next === '$') {
      i++;
      continue;
    }
    if (next === '{') {
      const end = closingBrace(line, i + 2);
      if (end < 0) return;
      const body = line.slice(i + 2, end);
      const name = NAME.exec(body)?.[0];
      if (name) {
        const rest = body.slice(name.length);
        const op = /^(:?[-?+])/.exec(rest)?.[1];
        const arg = op ? rest.slice(op.length) : '';
        const use: VariableUse = { name, required: op === ':?' || op === '?' };
        if (op === ':-' || op === '-') use.defaultValue = arg;
        out.push(use);
        // Variables used inside a default / alternative / message are interpolated too.
        if (op && arg.includes('$')) scanLine(arg, out);
      }
      i = end;
      continue;
    }
    const name = NAME.exec(line.slice(i + 1))?.[0];
    if (name) {
      out.push({ name, required: false });
      i += name.length;
    }
  }
}

/** Every use, in order of appearance (a name may appear more than once). */
export function scanVariables(text: string): VariableUse[] {
  const out: VariableUse[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue;
    scanLine(line, out);
  }
  return out;
}

/**
 * The variables of several files, one entry per name (in order of first use), with the value compose
 * will see: the environment it inherits wins over the env file, as in both CLIs.
 */
export function resolveVariables(
  files: ReadonlyArray<{ path: string; text: string }>,
  env: NodeJS.ProcessEnv,
  envFile: Readonly<Record<string, string>>,
): ComposeVariable[] {
  const byName = new Map<string, ComposeVariable>();
  for (const f of files) {
    for (const use of scanVariables(f.text)) {
      let v = byName.get(use.name);
      if (!v) {
        const fromEnv = env[use.name];
        const fromFile = envFile[use.name];
        v = { name: use.name, required: false, source: 'unset', files: [] };
        if (fromEnv !== undefined) {
          v.value = fromEnv;
          v.source = 'environment';
        } else if (fromFile !== undefined) {
          v.value = fromFile;
          v.source = 'env-file';
        }
        byName.set(use.name, v);
      }
      if (use.required) v.required = true;
      if (use.defaultValue !== undefined && v.defaultValue === undefined) v.defaultValue = use.defaultValue;
      if (!v.files.includes(f.path)) v.files.push(f.path);
    }
  }
  return [...byName.values()];
}
