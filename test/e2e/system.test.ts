import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, type LaunchedChromium } from '../helpers/chromium';
import { cliDfRow } from '../helpers/cli-size';
import {
  createTracker,
  docker,
  dockerJson,
  dockerJsonLines,
  requireEngine,
  TEST_IMAGE,
  uniqueName,
} from '../helpers/engine';
import { startBerthWeb, type BerthWeb } from '../helpers/web';
import { SHOTS } from '../helpers/shots';

/**
 * System page in web mode on the private engine: engine facts and disk use as the CLI reports them,
 * and system prune through the dialog. Other tests share the engine, so every prune here unticks
 * everything ("Select none") and ticks only this file's own objects.
 */

const tracker = createTracker();
let web: BerthWeb;
let browser: LaunchedChromium;
let page: Page;

const exists = async (kind: 'container' | 'image' | 'network', id: string): Promise<boolean> =>
  (await docker([kind, 'inspect', id], { allowFail: true })).code === 0;

function diskUse(): Locator {
  return page.getByRole('region', { name: 'Disk use' });
}

async function openSystem(): Promise<void> {
  await page.getByRole('link', { name: /^System/ }).click();
  await diskUse().getByRole('table', { name: 'Disk use by kind' }).waitFor({ timeout: 60_000 });
}

async function refreshDiskUse(): Promise<void> {
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => diskUse().getAttribute('aria-busy'), { timeout: 60_000 }).toBe('false');
}

type CliRow = { TotalCount: string; Active: string; Size: string; Reclaimable: string };

/** The page's disk-use table in the CLI's text (sizes from the exact bytes each cell carries). */
async function pageDf(): Promise<Record<string, CliRow>> {
  const out: Record<string, CliRow> = {};
  for (const type of ['Images', 'Containers', 'Local Volumes', 'Build Cache']) {
    const r = diskUse().getByRole('row', { name: type, exact: true });
    const num = async (col: string) => Number(await r.locator(`[data-col="${col}"]`).getAttribute('data-bytes'));
    const text = async (col: string) =>
      ((await r.locator(`[data-col="${col}"]`).textContent()) ?? '').replace(/,/g, '');
    out[type] = cliDfRow(
      {
        total: Number(await text('total')),
        active: Number(await text('active')),
        size: await num('size'),
        reclaimable: await num('reclaimable'),
      },
      type !== 'Build Cache',
    );
  }
  return out;
}

async function cliDf(): Promise<Record<string, CliRow>> {
  const rows = await dockerJsonLines<CliRow & { Type: string }>(['system', 'df', '--format', '{{json .}}']);
  return Object.fromEntries(rows.map(({ Type, ...rest }) => [Type, rest]));
}

function pruneDialog(): Locator {
  return page.getByRole('dialog', { name: 'System prune' });
}

/** Opens the dialog, sets the kinds, previews, then unticks everything. */
async function previewNothingTicked(kinds: { images: 'None' | 'Dangling' | 'All unused' }): Promise<Locator> {
  await page.getByRole('button', { name: 'Prune…' }).click();
  const dlg = pruneDialog();
  await dlg.waitFor();
  await dlg.getByRole('checkbox', { name: 'Stopped containers', exact: true }).check();
  await dlg.getByRole('checkbox', { name: 'Unused networks', exact: true }).check();
  await dlg.getByRole('checkbox', { name: 'Build cache', exact: true }).uncheck();
  await dlg.getByRole('radiogroup', { name: 'Images to prune' }).getByRole('radio', { name: kinds.images }).click();
  await dlg.getByRole('button', { name: 'Preview', exact: true }).click();
  await dlg.getByRole('table', { name: 'Objects that will be deleted' }).waitFor({ timeout: 60_000 });
  await dlg.getByRole('button', { name: 'Select none' }).click();
  await expect.poll(() => dlg.getByRole('button', { name: /^Delete/ }).isDisabled()).toBe(true);
  return dlg;
}

beforeAll(async () => {
  requireEngine();
  web = await startBerthWeb();
  browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
  page = await browser.context.newPage();
  await page.goto(web.url);
  await openSystem();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await tracker.cleanup();
});

describe('system page', () => {
  test('engine facts match docker info and docker version', async () => {
    const cli = await dockerJson<{
      ServerVersion: string;
      KernelVersion: string;
      Architecture: string;
      NCPU: number;
      Driver: string;
      CgroupDriver: string;
      OSType: string;
    }>(['info', '--format', '{{json .}}']);
    const api = (await docker(['version', '--format', '{{.Server.APIVersion}}'])).stdout.trim();
    // The value (dd) that follows a label (dt) in a card.
    const fact = (card: string, label: string) =>
      page
        .getByRole('region', { name: card })
        .getByRole('term')
        .filter({ hasText: new RegExp(`^${label}$`) })
        .locator('xpath=following-sibling::dd[1]');
    await fact('Engine', 'Version').waitFor();
    expect(await fact('Engine', 'Version').textContent()).toBe(cli.ServerVersion);
    expect(await fact('Engine', 'API').textContent()).toMatch(
      new RegExp(`^${api.replace('.', '\\.')}( \\(min [\\d.]+\\))?$`),
    );
    expect(await fact('Engine', 'Storage driver').textContent()).toBe(cli.Driver);
    expect(await fact('Host', 'Kernel').textContent()).toBe(cli.KernelVersion);
    expect(await fact('Host', 'Architecture').textContent()).toBe(cli.Architecture);
    expect(await fact('Host', 'CPUs').textContent()).toBe(String(cli.NCPU));
    expect(await fact('Host', 'OS type').textContent()).toBe(cli.OSType);
    expect(await fact('Isolation', 'Cgroup driver').textContent()).toBe(cli.CgroupDriver);
  });

  test('disk use has the same figures as docker system df, computed on Refresh', async () => {
    const vol = tracker.volume(uniqueName('sys-df-vol'));
    const ctr = tracker.container(uniqueName('sys-df-ctr'));
    await docker([
      'run',
      '--name',
      ctr,
      '-v',
      `${vol}:/data`,
      TEST_IMAGE,
      'sh',
      '-c',
      'dd if=/dev/zero of=/data/f bs=1k count=120 2>/dev/null; dd if=/dev/zero of=/f bs=1k count=80 2>/dev/null',
    ]);
    // Other tests change the engine meanwhile: require one page/CLI pair read back to back to agree.
    let last: { page: unknown; cli: unknown } = { page: undefined, cli: undefined };
    for (let attempt = 0; attempt < 5; attempt++) {
      await refreshDiskUse();
      const shown = await pageDf();
      const cli = await cliDf();
      last = { page: shown, cli };
      if (JSON.stringify(shown) === JSON.stringify(cli)) break;
    }
    expect(last.page).toEqual(last.cli);
    await page.screenshot({ path: `${SHOTS}/system.png` });
  });
});

describe('system prune', () => {
  test('removes exactly the ticked objects; an unticked one survives', async () => {
    const gone = tracker.container(uniqueName('sys-prune-gone'));
    await docker(['create', '--name', gone, TEST_IMAGE, 'true']);
    const net = tracker.network(uniqueName('sys-prune-net'));
    await docker(['network', 'create', net]);
    // A dangling image of our own, committed from a stopped container we keep (unticked).
    const base = tracker.container(uniqueName('sys-prune-base'));
    await docker(['run', '--name', base, TEST_IMAGE, 'sh', '-c', `echo ${base} > /marker`]);
    const image = tracker.image((await docker(['commit', base])).stdout.trim());
    const short = image.replace(/^sha256:/, '').slice(0, 12);

    const dlg = await previewNothingTicked({ images: 'Dangling' });
    const table = dlg.getByRole('table', { name: 'Objects that will be deleted' });
    expect(await table.getByRole('row', { name: `container ${base}` }).count()).toBe(1);
    await dlg.getByRole('checkbox', { name: `Delete container ${gone}` }).check();
    await dlg.getByRole('checkbox', { name: `Delete network ${net}` }).check();
    await dlg.getByRole('checkbox', { name: `Delete image ${short}` }).check();
    expect(await dlg.getByRole('checkbox', { name: `Delete container ${base}` }).isChecked()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/system-prune-preview.png` });
    await dlg.getByRole('button', { name: /^Delete 3 objects/ }).click();

    const result = dlg.getByRole('region', { name: 'Prune result' });
    await result.waitFor({ timeout: 60_000 });
    expect(await result.textContent()).toContain('3 objects removed');
    expect(await result.getByLabel('Space reclaimed').textContent()).toMatch(/reclaimed$/);
    await page.screenshot({ path: `${SHOTS}/system-prune-result.png` });
    await dlg.getByRole('button', { name: 'Close' }).last().click();
    await dlg.waitFor({ state: 'detached' });

    expect(await exists('container', gone)).toBe(false);
    expect(await exists('network', net)).toBe(false);
    expect(await exists('image', image)).toBe(false);
    expect(await exists('container', base)).toBe(true);
  });

  test('a container started between preview and confirm survives, reported as kept with the reason', async () => {
    const later = tracker.container(uniqueName('sys-prune-later'));
    await docker(['create', '--name', later, TEST_IMAGE, 'sleep', '300']);

    const dlg = await previewNothingTicked({ images: 'None' });
    await dlg.getByRole('checkbox', { name: `Delete container ${later}` }).check();
    await docker(['start', later]);
    await dlg.getByRole('button', { name: /^Delete 1 object/ }).click();

    const result = dlg.getByRole('region', { name: 'Prune result' });
    await result.waitFor({ timeout: 60_000 });
    const kept = result
      .getByRole('list', { name: 'Kept objects' })
      .getByRole('listitem', { name: `container ${later}` });
    expect(await kept.textContent()).toContain('CONFLICT');
    expect(await result.textContent()).toContain('0 objects removed');
    await dlg.getByRole('button', { name: 'Close' }).last().click();

    const state = (await docker(['inspect', '--format', '{{.State.Running}}', later])).stdout.trim();
    expect(state).toBe('true');
  });

  test('volumes are off by default, warned about when on; changing a kind drops the preview', async () => {
    await page.getByRole('button', { name: 'Prune…' }).click();
    const dlg = pruneDialog();
    await dlg.waitFor();
    const volumes = dlg.getByRole('radiogroup', { name: 'Volumes to prune' });
    expect(await volumes.getByRole('radio', { name: 'None' }).getAttribute('aria-checked')).toBe('true');
    expect(await dlg.getByRole('note', { name: 'Volume data warning' }).count()).toBe(0);
    await volumes.getByRole('radio', { name: 'Anonymous' }).click();
    const warning = dlg.getByRole('note', { name: 'Volume data warning' });
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain('Volume data is lost');
    await page.screenshot({ path: `${SHOTS}/system-prune-volumes.png` });

    await volumes.getByRole('radio', { name: 'None' }).click();
    await dlg.getByRole('button', { name: 'Preview', exact: true }).click();
    const table = dlg.getByRole('table', { name: 'Objects that will be deleted' });
    const nothing = dlg.getByText('Nothing to prune');
    await expect.poll(async () => (await table.count()) + (await nothing.count()), { timeout: 60_000 }).toBe(1);
    await dlg.getByRole('checkbox', { name: 'Stopped containers', exact: true }).click();
    expect(await table.count()).toBe(0);
    expect(await nothing.count()).toBe(0);
    expect(await dlg.getByRole('button', { name: /^Delete/ }).isDisabled()).toBe(true);
    await dlg.getByRole('button', { name: 'Cancel' }).click();
    await dlg.waitFor({ state: 'detached' });
  });
});
