import { stripVTControlCharacters } from 'node:util';
import type { ServiceError } from '../../../shared/contracts/stacks';

/**
 * What went wrong, read from a compose run's output: the failures it names per service, and its own
 * last error (for a file that does not parse, with the line). Pure; tested on outputs recorded from
 * docker-compose 1.29 (test/fixtures/compose/outputs/) and on v2's formats as its source prints them.
 *
 * v1 (docker-compose 1.x) writes:
 *   ERROR: for web  Cannot start service web: driver failed … port is already allocated
 *   ERROR: for proj_web_1  Cannot start service web: …          (the same, by container name)
 *   ERROR: Service 'web' failed to build : The command '/bin/sh -c exit 3' returned a non-zero code: 3
 *   Pulling store (nosuch/image:latest)...  then  ERROR: pull access denied for nosuch/image, …
 *   ERROR: yaml.parser.ParserError: while parsing …\n  in "./docker-compose.yml", line 3, column 12
 * v2 (docker compose) writes progress events, `<id> <status> <details>` (plain) or `✘ <id>  Error` (tty):
 *   " Container proj-web-1 Error response from daemon: …", " Image nosuch Error pull access denied …",
 *   "✘ web Error  pull access denied …", "target web: failed to solve: …",
 * and ends with the error cobra prints: "Error response from daemon: …", "service \"web\" refers to
 * undefined network backend: invalid compose project", "yaml: line 4: did not find expected key".
 */

export interface OutputContext {
  /** The project's name: maps container names (proj_web_1, proj-web-1) to their service. */
  project?: string;
  /** The services of the project, when known (from `config`): names that are not one are dropped. */
  services?: readonly string[];
  /** image → services that use it (v2's "Image <ref> Error" events name the image, not the service). */
  images?: Readonly<Record<string, readonly string[]>>;
}

export interface OutputErrors {
  serviceErrors: ServiceError[];
  /** The CLI's own last error, without its "ERROR: " prefix; undefined when it printed none. */
  message?: string;
}

/** Text as the terminal would show it: escapes removed, a line redrawn with \r counted once. */
export function outputLines(text: string): string[] {
  return stripVTControlCharacters(text)
    .split(/\r?\n/)
    .map((l) => {
      const parts = l.split('\r').filter((p) => p.trim() !== '');
      return (parts[parts.length - 1] ?? '').trimEnd();
    });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "proj_web_1" (v1) / "proj-web-1" (v2) → "web"; a bare service name stays as it is. */
export function serviceOfName(name: string, project?: string): string {
  if (project) {
    const m = new RegExp(`^${escapeRe(project)}[_-](.+)[_-]\\d+$`).exec(name);
    if (m?.[1]) return m[1];
  }
  return name;
}

const V1_ERROR = /^ERROR: ?(.*)$/;
const V1_FOR = /^ERROR: for (\S+)\s+(.*)$/;
const V1_BUILD = /^(?:ERROR: )?Service '([^']+)' failed to build\s*:?\s*(.*)$/;
/** Interpolation and validation errors name the service: `… in service "web": …`. */
const V1_IN_SERVICE = /\bin service "([^"]+)"/;
const V1_PULLING = /^Pulling (\S+) \(/;
const V1_CREATING = /^(?:Creating|Recreating|Starting) (\S+)\s+\.\.\./;
const V2_EVENT = /^\s*(?:[✘✔⠿!] )?(Container|Image|Service|Network|Volume)? ?(\S+)\s+(Error|Warning)\s*(.*)$/;
const V2_SERVICE = /^service "([^"]+)"\s+(.*)$/;
const V2_TARGET = /^target ([^:\s]+): (.*)$/;
/** Lines cobra / the docker CLI plugin end a failed v2 run with. */
const V2_FINAL =
  /^(Error response from daemon: |Error: |error |service "|yaml: |parsing |validating |failed to |target )/i;

class Collector {
  readonly errors = new Map<string, string>();
  constructor(private readonly ctx: OutputContext) {}

  add(who: string, message: string, kind: 'service' | 'container' | 'image' = 'service'): void {
    const text = message.trim();
    if (!text) return;
    const services = kind === 'image' ? [...(this.ctx.images?.[who] ?? [])] : [serviceOfName(who, this.ctx.project)];
    for (const service of services) {
      if (this.ctx.services && !this.ctx.services.includes(service)) continue;
      // v1 names a failure twice (by container, then by service); the first, fuller one is kept.
      if (!this.errors.has(service)) this.errors.set(service, text);
    }
  }

  list(): ServiceError[] {
    return [...this.errors].map(([service, message]) => ({ service, message }));
  }
}

/** Lines after an ERROR: line that belong to it (a YAML error's "in …, line N, column M"). */
function continuation(lines: string[], from: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() === '' || V1_ERROR.test(l) || V1_PULLING.test(l) || V1_CREATING.test(l)) break;
    out.push(l.trim());
  }
  return out;
}

export function parseComposeOutput(text: string, ctx: OutputContext = {}): OutputErrors {
  const lines = outputLines(text);
  const found = new Collector(ctx);
  let message: string | undefined;
  let lastFinal: string | undefined;
  let pulling: string | undefined;

  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed) return;
    const pull = V1_PULLING.exec(trimmed);
    if (pull?.[1]) pulling = pull[1];

    const build = V1_BUILD.exec(trimmed);
    if (build?.[1]) {
      // v1 with the docker CLI builder says only "Build failed": the builder's reason is the line before.
      const said = (build[2] ?? '').trim();
      const before =
        i > 0
          ? lines
              .slice(0, i)
              .reverse()
              .find((l) => l.trim() !== '')
              ?.trim()
          : undefined;
      found.add(build[1], /^build failed$/i.test(said) && before ? `${said}: ${before}` : said);
    }

    const v1 = V1_ERROR.exec(trimmed);
    if (v1) {
      const forWho = V1_FOR.exec(trimmed);
      if (forWho?.[1]) {
        found.add(forWho[1], forWho[2] ?? '', 'container');
        return;
      }
      const first = v1[1] ?? '';
      // v1 repeats a pull error's text on the next line, unprefixed.
      const more = continuation(lines, i + 1).filter((l) => l !== first.trim());
      const body = [first, ...more].filter(Boolean).join('\n');
      message = body;
      const inService = V1_IN_SERVICE.exec(body);
      if (inService?.[1]) found.add(inService[1], body);
      if (
        /pull access denied|manifest (?:for .* )?(?:not found|unknown)|not found: manifest|repository does not exist/i.test(
          body,
        ) &&
        pulling
      ) {
        found.add(pulling, body);
      }
      return;
    }

    const ev = V2_EVENT.exec(line);
    if (ev?.[2] && ev[3] === 'Error') {
      // The tty display ends a line with its duration ("0.1s"): not part of the reason.
      const tty = /^\s*[✘✔⠿!] /.test(line);
      const detail = (tty ? (ev[4] ?? '').replace(/\s*\d+(?:\.\d+)?s$/, '') : (ev[4] ?? '')).trim();
      const kind = ev[1] === 'Image' ? 'image' : ev[1] === 'Container' ? 'container' : 'service';
      // createContainer puts the daemon's error in the status text: "Error response from daemon: …".
      found.add(ev[2], detail.startsWith('response from daemon') ? `Error ${detail}` : detail || 'Error', kind);
      return;
    }
    const svc = V2_SERVICE.exec(trimmed);
    if (svc?.[1]) found.add(svc[1], trimmed);
    const target = V2_TARGET.exec(trimmed);
    if (target?.[1]) found.add(target[1], target[2] ?? '');
    if (V2_FINAL.test(trimmed)) lastFinal = trimmed;
  });

  const last = message ?? lastFinal;
  // v2's tty progress marks a container "Error" and leaves the reason to the final line.
  for (const [service, text] of found.errors) if (text === 'Error' && last) found.errors.set(service, last);
  const result: OutputErrors = { serviceErrors: found.list() };
  if (last) result.message = last;
  return result;
}
