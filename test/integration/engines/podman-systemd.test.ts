import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { findExecutable, pingSocket, PodmanService } from '../../../electron/engine/podman-service';
import { SettingsStore } from '../../../electron/settings/store';
import { waitFor } from '../../helpers/engine';
import { podmanSandboxEnv, podmanServicePids } from '../../helpers/podmanSandbox';

/**
 * "Start Podman" where systemd --user runs. This sandbox has no systemd, so `systemctl` is a stand-in
 * script at the boundary that does what the podman.socket unit would (start the real
 * `podman system service` on $XDG_RUNTIME_DIR/podman/podman.sock; stop it again) and logs its
 * arguments. Berth's side is real: the detection ($XDG_RUNTIME_DIR/systemd/private + systemctl), the
 * calls, the wait for the socket, the connect, and the stop on quit unless kept.
 */
const hasPodman = findExecutable('podman', process.env) !== undefined;

describe.skipIf(!hasPodman)('Start Podman through systemd --user', () => {
  // Short: a unix socket path must stay under 108 bytes.
  const D = mkdtempSync('/tmp/bps-');
  const log = join(D, 'systemctl.log');
  let env: NodeJS.ProcessEnv;
  let host = '';

  beforeAll(() => {
    const sandbox = podmanSandboxEnv(D);
    const xdg = sandbox.XDG_RUNTIME_DIR as string;
    host = `unix://${xdg}/podman/podman.sock`;
    mkdirSync(join(xdg, 'systemd'), { recursive: true });
    writeFileSync(join(xdg, 'systemd', 'private'), '');
    mkdirSync(join(D, 'bin'));
    const systemctl = join(D, 'bin', 'systemctl');
    writeFileSync(
      systemctl,
      `#!/bin/bash
echo "$*" >> "${log}"
[[ -n "$FAIL_SYSTEMCTL" ]] && { echo "Failed to connect to bus: No medium found" >&2; exit 1; }
run="$XDG_RUNTIME_DIR/podman"
case "$*" in
  "--user start podman.socket")
    mkdir -p "$run"
    setsid podman system service --time=0 "unix://$run/podman.sock" </dev/null >/dev/null 2>"$run/svc.log" &
    echo $! > "$run/svc.pid" ;;
  "--user stop podman.socket podman.service")
    kill "$(cat "$run/svc.pid")"; rm -f "$run/podman.sock" ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac
`,
    );
    chmodSync(systemctl, 0o755);
    env = { ...process.env, ...sandbox, PATH: `${join(D, 'bin')}:${process.env.PATH ?? ''}` };
  });

  afterAll(() => {
    for (const pid of podmanServicePids(host)) process.kill(pid, 'SIGKILL');
    rmSync(D, { recursive: true, force: true });
  });

  const service = (extra: NodeJS.ProcessEnv = {}) => {
    const connected: string[] = [];
    const svc = new PodmanService({
      settings: new SettingsStore(join(D, 'config')),
      configDir: join(D, 'config'),
      env: { ...env, ...extra },
      connect: async (h) => connected.push(h),
      readyTimeoutMs: 30_000,
    });
    return { svc, connected };
  };
  const calls = (): string[] => readFileSync(log, 'utf8').trim().split('\n');

  test('starts podman.socket, connects, and stops it when Berth quits', { timeout: 60_000 }, async () => {
    const { svc, connected } = service();
    expect((await svc.localTools()).systemd).toBe(true);
    const state = await svc.start(false);
    expect(state).toMatchObject({ state: 'running', mode: 'systemd', host });
    expect(connected).toEqual([host]);
    expect(calls()).toEqual(['--user start podman.socket']);
    expect(await pingSocket(host.slice('unix://'.length))).toBe(true);
    expect(podmanServicePids(host)).toHaveLength(1);

    await svc.shutdown();
    expect(calls()).toEqual(['--user start podman.socket', '--user stop podman.socket podman.service']);
    await waitFor(() => podmanServicePids(host).length === 0, { timeoutMs: 10_000, message: 'the service to stop' });
  });

  test('kept: Berth quits and the service stays', { timeout: 60_000 }, async () => {
    writeFileSync(log, '');
    const { svc } = service();
    await svc.start(true);
    await svc.shutdown();
    expect(calls()).toEqual(['--user start podman.socket']);
    expect(await pingSocket(host.slice('unix://'.length))).toBe(true);
  });

  test("systemctl's own refusal is the error", async () => {
    for (const pid of podmanServicePids(host)) process.kill(pid, 'SIGKILL');
    await waitFor(async () => !(await pingSocket(host.slice('unix://'.length))), { timeoutMs: 10_000 });
    const { svc, connected } = service({ FAIL_SYSTEMCTL: '1' });
    await expect(svc.start(false)).rejects.toThrow(
      'systemctl --user start podman.socket failed: Failed to connect to bus: No medium found',
    );
    expect(connected).toEqual([]);
  });
});
