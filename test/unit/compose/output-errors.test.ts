import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { outputLines, parseComposeOutput, serviceOfName } from '../../../electron/engine/compose/output-errors';

/**
 * v1: outputs recorded from docker-compose 1.29.2 (`--ansi always`, stdout and stderr together) on
 * the private engine, with the fixtures in test/fixtures/compose/ (project names berth-t-rec…).
 */
const outputs = join(__dirname, '../../fixtures/compose/outputs');
const recorded = (name: string): string => readFileSync(join(outputs, name), 'utf8');

describe('v1 outputs (recorded)', () => {
  test('a successful up names no failure', () => {
    expect(parseComposeOutput(recorded('v1-up-chapter.txt'), { project: 'berth-t-rec29385' })).toEqual({
      serviceErrors: [],
    });
    expect(parseComposeOutput(recorded('v1-scale-0.txt')).serviceErrors).toEqual([]);
  });

  test('a port already taken: the service, with the engine’s reason, once', () => {
    const r = parseComposeOutput(recorded('v1-up-port-taken.txt'), { project: 'berth-t-rec25750' });
    expect(r.serviceErrors).toHaveLength(1);
    expect(r.serviceErrors[0]?.service).toBe('web');
    expect(r.serviceErrors[0]?.message).toMatch(
      /^Cannot start service web: driver failed .*bind: address already in use$/,
    );
    expect(r.message).toBe('Encountered errors while bringing up the project.');
  });

  test('a missing image: the service being pulled, with the registry’s answer', () => {
    const r = parseComposeOutput(recorded('v1-up-missing-image.txt'));
    expect(r.serviceErrors).toEqual([
      {
        service: 'ghost',
        message:
          'manifest for 127.0.0.1:5000/berth-t-missing/ghost:never not found: manifest unknown: manifest unknown',
      },
    ]);
    expect(r.message).toMatch(/^manifest for .* not found/);
  });

  test('a file that does not parse: the whole YAML error, with its lines', () => {
    const r = parseComposeOutput(recorded('v1-up-bad-yaml.txt'));
    expect(r.serviceErrors).toEqual([]);
    expect(r.message).toBe(
      [
        'yaml.parser.ParserError: while parsing a flow sequence',
        'in "./faults/bad-yaml.yml", line 4, column 12',
        "expected ',' or ']', but got '<scalar>'",
        'in "./faults/bad-yaml.yml", line 5, column 3',
      ].join('\n'),
    );
  });

  test('a failed build: the service, with the builder’s reason instead of a bare "Build failed"', () => {
    const r = parseComposeOutput(recorded('v1-up-build-fails.txt'));
    expect(r.serviceErrors).toEqual([
      {
        service: 'broken',
        message: `Build failed: The command '/bin/sh -c echo "about to fail" && exit 3' returned a non-zero code: 3`,
      },
    ]);
    expect(r.message).toBe("Service 'broken' failed to build : Build failed");
  });

  test('a required variable unset: the service that needs it', () => {
    const r = parseComposeOutput(recorded('v1-up-required-variable.txt'));
    expect(r.serviceErrors.map((e) => e.service)).toEqual(['web']);
    expect(r.message).toMatch(
      /^Missing mandatory value for "ports" option .*: set BERTH_T_PORT to a port that is taken$/,
    );
  });

  test('pull errors per service, the repeated line counted once', () => {
    const r = parseComposeOutput(recorded('v1-pull-chapter.txt'));
    expect(r.serviceErrors.map((e) => e.service)).toEqual(['store', 'worker']);
    expect(r.serviceErrors[0]?.message).toMatch(/^Get "https:\/\/registry-1\.docker\.io\/v2\/": dial tcp/);
    expect(r.message?.split('\n')).toHaveLength(1);
  });
});

/**
 * v2 cannot be installed here: these lines are built from compose v2's source (github.com/docker/compose,
 * cmd/display/plain.go prints `fmt.Fprintln(out, "", e.ID, e.Text, e.Details)`; pkg/compose/progress.go
 * errorEvent has Text "Error" and the reason in Details; convergence.go createContainer puts err.Error()
 * in Text; tty.go marks an errored line with "✘"), and its e2e tests' messages (pkg/e2e/pull_test.go).
 */
describe('v2 outputs (from compose’s source)', () => {
  test('plain progress: a container error with the daemon’s reason, mapped to its service', () => {
    const out = [
      ' Network shop_default Creating',
      ' Network shop_default Created',
      ' Container shop-side-1 Creating',
      ' Container shop-web-1 Creating',
      ' Container shop-side-1 Created',
      ' Container shop-web-1 Created',
      ' Container shop-side-1 Starting',
      ' Container shop-web-1 Starting',
      ' Container shop-side-1 Started',
      ' Container shop-web-1 Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (0f1e): Bind for 0.0.0.0:8080 failed: port is already allocated',
      'Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (0f1e): Bind for 0.0.0.0:8080 failed: port is already allocated',
    ].join('\n');
    const r = parseComposeOutput(out, { project: 'shop' });
    expect(r.serviceErrors).toEqual([
      {
        service: 'web',
        message:
          'Error response from daemon: driver failed programming external connectivity on endpoint shop-web-1 (0f1e): Bind for 0.0.0.0:8080 failed: port is already allocated',
      },
    ]);
    expect(r.message).toMatch(/^Error response from daemon: .*port is already allocated$/);
  });

  test('an image that cannot be pulled: mapped to the services using it', () => {
    const out = [
      ' Image does_not_exists Pulling',
      " Image does_not_exists Error pull access denied for does_not_exists, repository does not exist or may require 'docker login'",
      "Error response from daemon: pull access denied for does_not_exists, repository does not exist or may require 'docker login'",
    ].join('\n');
    const r = parseComposeOutput(out, { project: 'shop', images: { does_not_exists: ['ghost'] } });
    expect(r.serviceErrors).toEqual([
      {
        service: 'ghost',
        message: "pull access denied for does_not_exists, repository does not exist or may require 'docker login'",
      },
    ]);
    expect(r.message).toMatch(/^Error response from daemon: pull access denied/);
  });

  test('tty progress: "✘ … Error" takes the final line’s reason', () => {
    const out =
      '\x1b[31m ✘\x1b[0m Container shop-web-1  \x1b[31mError\x1b[0m   0.1s\nError response from daemon: boom\n';
    const r = parseComposeOutput(out, { project: 'shop' });
    expect(r.serviceErrors).toEqual([{ service: 'web', message: 'Error response from daemon: boom' }]);
  });

  test('a model error naming a service, and a YAML error with its line', () => {
    const model = parseComposeOutput('service "web" refers to undefined network backend: invalid compose project\n');
    expect(model.serviceErrors).toEqual([
      { service: 'web', message: 'service "web" refers to undefined network backend: invalid compose project' },
    ]);
    expect(model.message).toBe('service "web" refers to undefined network backend: invalid compose project');
    const yaml = parseComposeOutput("yaml: line 4: did not find expected ',' or ']'\n");
    expect(yaml).toEqual({ serviceErrors: [], message: "yaml: line 4: did not find expected ',' or ']'" });
  });

  test('a failed build (bake) names its target', () => {
    const r = parseComposeOutput(
      'target broken: failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3\n',
    );
    expect(r.serviceErrors).toEqual([
      {
        service: 'broken',
        message: 'failed to solve: process "/bin/sh -c exit 3" did not complete successfully: exit code: 3',
      },
    ]);
  });
});

describe('helpers', () => {
  test('container names to services, v1 and v2 styles', () => {
    expect(serviceOfName('shop_web_1', 'shop')).toBe('web');
    expect(serviceOfName('shop-api-server-12', 'shop')).toBe('api-server');
    expect(serviceOfName('web', 'shop')).toBe('web');
    expect(serviceOfName('other_web_1', 'shop')).toBe('other_web_1');
  });

  test('lines as a terminal shows them: escapes out, a \\r-redrawn line once', () => {
    expect(outputLines('a\x1b[1A\x1b[2K\rb ... \x1b[32mdone\x1b[0m\r\nc')).toEqual(['b ... done', 'c']);
  });
});
