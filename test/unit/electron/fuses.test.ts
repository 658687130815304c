import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants';
import { PlatformPackager, type Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The packaged binary cannot be built or run here, so this drives electron-builder's own fuse step
 * (PlatformPackager.doAddElectronFuses: our config → @electron/fuses flipFuses) on a stand-in binary
 * that carries the fuse sentinel and wire, then reads the wire back with @electron/fuses.
 */

const projectDir = fileURLToPath(new URL('../../../', import.meta.url));

/** Electron's shipped defaults: RunAsNode, NodeOptions, inspect and file:// extras on, the rest off. */
const SHIPPED: FuseState[] = [
  FuseState.ENABLE, // RunAsNode
  FuseState.DISABLE, // EnableCookieEncryption
  FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
  FuseState.ENABLE, // EnableNodeCliInspectArguments
  FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
  FuseState.DISABLE, // OnlyLoadAppFromAsar
  FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
  FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
];

function fakeElectronBinary(): Buffer {
  const wire = Buffer.from([1 /* wire version */, SHIPPED.length, ...SHIPPED]);
  return Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL, 'latin1'), wire, Buffer.alloc(4096, 0xcc)]);
}

interface FuseStep {
  config: Configuration;
  appInfo: { productFilename: string };
  doAddElectronFuses(context: { appOutDir: string; electronPlatformName: string }): Promise<void>;
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function loadConfig(): Promise<Configuration> {
  const config = await getConfig(projectDir, 'electron-builder.yml', null);
  // electron-builder's schema check: a misspelt key would be refused at `npm run dist`.
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

describe('Electron fuses at packaging', () => {
  it('electron-builder.yml flips the fuses issue 9 asks for in the packaged binary', async () => {
    const config = await loadConfig();
    dir = await mkdtemp(join(tmpdir(), 'berth-fuses-'));
    const binary = join(dir, 'Berth.exe');
    await writeFile(binary, fakeElectronBinary());

    // electron-builder's own fuse step, run with our config on a Windows layout (<productFilename>.exe).
    const proto = PlatformPackager.prototype as unknown as FuseStep;
    // Own properties shadow the prototype's getters for what the step reads.
    const step = Object.create(proto, {
      config: { value: config },
      appInfo: { value: { productFilename: 'Berth' } },
    }) as FuseStep;
    await step.doAddElectronFuses({ appOutDir: dir, electronPlatformName: 'win32' });

    const wire = await getCurrentFuseWire(binary);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    // Left as shipped.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);

    // Only the wire changed: the rest of the binary is byte for byte the same.
    const before = fakeElectronBinary();
    const after = await readFile(binary);
    const wireStart = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart));
    expect(after.subarray(wireStart + SHIPPED.length)).toEqual(before.subarray(wireStart + SHIPPED.length));
  }, 30_000); // loads electron-builder and writes a fake binary: slow on a loaded 2-core machine

  it('packages into an asar with its integrity hash, which OnlyLoadAppFromAsar and the integrity fuse need', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    // electron-builder writes the asar hash the integrity fuse checks (Info.plist / the .exe's resources) unless told not to.
    expect(config.disableAsarIntegrity ?? false).toBe(false);
  });
});
