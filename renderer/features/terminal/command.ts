/**
 * Splits a command line into argv the way a POSIX shell would for simple words: whitespace
 * separates, single quotes are literal, double quotes allow \" \\ \$ \`, a backslash escapes the
 * next character outside quotes. No expansion, pipes or redirections (those need `sh -c '...'`).
 * Returns an error message for unbalanced quotes.
 */
export function splitCommand(line: string): { argv: string[] } | { error: string } {
  const argv: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { error: 'Unclosed single quote' };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const c = line[i]!;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
          cur += line[i + 1];
          i += 2;
        } else {
          cur += c;
          i++;
        }
      }
      if (!closed) return { error: 'Unclosed double quote' };
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 < line.length) cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) argv.push(cur);
  return { argv };
}

/** A short title for a terminal tab. */
export function sessionTitle(
  spec: { mode: 'exec' | 'attach'; cmd?: readonly string[] | undefined },
  n: number,
): string {
  if (spec.mode === 'attach') return `Attach ${n}`;
  if (!spec.cmd || spec.cmd.length === 0) return `Shell ${n}`;
  const base = spec.cmd[0]!.split('/').pop() || spec.cmd[0]!;
  return `${base.slice(0, 16)} ${n}`;
}

/** The line printed in the terminal when a session ends. */
export function endMessage(reason: 'exited' | 'container-stopped' | 'detached', exitCode: number | null): string {
  switch (reason) {
    case 'container-stopped':
      return exitCode === null ? 'Container stopped' : `Container stopped (exit code ${exitCode})`;
    case 'detached':
      return 'Detached from the container (it keeps running)';
    default:
      return exitCode === null ? 'Process exited' : `Process exited with code ${exitCode}`;
  }
}
