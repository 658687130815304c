import type Docker from 'dockerode';
import type { Page } from 'playwright-core';
import { Readable } from 'node:stream';
import { pack } from 'tar-stream';
import { BENCH_LABEL } from '../lib/fixtures';
import { mapPool } from '../lib/pool';
import { formatMs, max, median, min } from '../lib/stats';
import type { Measure } from '../types';
import { backToContainers, openApp } from './logs-common';

const IMAGES = 1000;
const VOLUMES = 500;
/** Bench images are `berth-bench-df/i<n>:v1` and volumes `berth-bench-df-v<n>`, all labelled berth.bench=1. */
const IMAGE_REPO_PREFIX = 'berth-bench-df/i';
const VOLUME_PREFIX = 'berth-bench-df-v';
const READY_TIMEOUT_MS = 120_000;
const RATIO_TARGET = 1.5;

/** A one-file tar whose content is unique, so every imported image is a distinct image (and layer). */
async function tinyTar(content: string): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'bench-id' }, content);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** `docker import` through the API, with the bench label; resolves when the engine has the image. */
async function importImage(engine: Docker, i: number): Promise<void> {
  const tar = await tinyTar(`berth bench image ${i} ${process.pid}\n`);
  const stream = await engine.importImage(Readable.from([tar]), {
    repo: `${IMAGE_REPO_PREFIX}${String(i).padStart(4, '0')}`,
    tag: 'v1',
    changes: `LABEL ${BENCH_LABEL}=1`,
  });
  await new Promise<void>((resolve, reject) =>
    engine.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())),
  );
}

async function benchImages(engine: Docker): Promise<string[]> {
  const images = await engine.listImages({ filters: JSON.stringify({ label: [`${BENCH_LABEL}=1`] }) });
  return images.filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith(IMAGE_REPO_PREFIX))).map((i) => i.Id);
}

async function benchVolumes(engine: Docker): Promise<string[]> {
  const { Volumes } = await engine.listVolumes({ filters: JSON.stringify({ label: [`${BENCH_LABEL}=1`] }) });
  return (Volumes ?? []).map((v) => v.Name).filter((n) => n.startsWith(VOLUME_PREFIX));
}

/** Removes this measure's images and volumes (and only those: label and name prefix both match). */
async function removeFixtures(engine: Docker, signal?: AbortSignal): Promise<{ images: number; volumes: number }> {
  const [images, volumes] = await Promise.all([benchImages(engine), benchVolumes(engine)]);
  await mapPool(images, 8, (id) => engine.getImage(id).remove({ force: true }), signal);
  await mapPool(volumes, 8, (name) => engine.getVolume(name).remove(), signal);
  return { images: images.length, volumes: volumes.length };
}

interface Sample {
  ms: number;
  images: number;
}

/**
 * In the running app: `action` opens the System page or presses Refresh; done when the disk-use table
 * shows figures computed after the start, with at least `minImages` images, and that frame is painted.
 */
async function timeDiskUse(page: Page, action: 'open' | 'refresh', minImages: number): Promise<Sample> {
  return page.evaluate(
    ({ action, minImages, timeoutMs }) =>
      new Promise<Sample>((resolve, reject) => {
        const startAt = Date.now();
        const timer = setTimeout(() => {
          obs.disconnect();
          reject(new Error(`disk use did not show ${minImages}+ images within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        const check = (): void => {
          const sec = document.querySelector('section[aria-label="Disk use"]');
          const at = Number(sec?.getAttribute('data-computed-at') ?? '0');
          if (!sec || sec.getAttribute('aria-busy') !== 'false' || at < startAt) return;
          const cell = sec.querySelector('tr[aria-label="Images"] [data-col="total"]');
          const images = Number((cell?.textContent ?? '').replace(/,/g, ''));
          if (!(images >= minImages)) return;
          obs.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => resolve({ ms: Date.now() - startAt, images }));
        };
        const obs = new MutationObserver(check);
        obs.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        if (action === 'open') window.location.hash = '#/system';
        else {
          const btn = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Refresh');
          if (!btn) reject(new Error('no Refresh button'));
          btn?.click();
        }
      }),
    { action, minImages, timeoutMs: READY_TIMEOUT_MS },
  );
}

/**
 * 1,000 distinct images (tiny tars imported in parallel) and 500 volumes: `docker system df` wall time
 * vs Berth from opening the System page (and from pressing Refresh) to the disk-use figures painted.
 */
export const systemDfMeasure: Measure = {
  name: 'system-df',
  description: '1,000 images + 500 volumes: `docker system df` vs the System page showing disk use (open, Refresh)',
  async run(ctx) {
    const left = await removeFixtures(ctx.engine);
    if (left.images || left.volumes) ctx.log(`removed leftovers: ${left.images} images, ${left.volumes} volumes`);
    const t0 = Date.now();
    try {
      await mapPool(
        Array.from({ length: IMAGES }, (_, i) => i),
        8,
        (i) => importImage(ctx.engine, i),
        ctx.signal,
      );
      await mapPool(
        Array.from({ length: VOLUMES }, (_, i) => i),
        16,
        (i) => ctx.engine.createVolume({ Name: `${VOLUME_PREFIX}${i}`, Labels: { [BENCH_LABEL]: '1' } }),
        ctx.signal,
      );
      ctx.log(`imported ${IMAGES} images and created ${VOLUMES} volumes in ${formatMs(Date.now() - t0)}`);
      const totalImages = (await ctx.engine.listImages()).length;

      // CLI and page samples interleaved, so both see the same engine and machine load.
      await ctx.cli(['system', 'df']);
      const page = await openApp(ctx);
      const cliMs: number[] = [];
      const opens: number[] = [];
      const refreshes: number[] = [];
      try {
        for (let i = 0; i <= ctx.options.repeats && !ctx.signal.aborted; i++) {
          const c = (await ctx.cli(['system', 'df'])).ms;
          const s = await timeDiskUse(page, 'open', IMAGES);
          const r = await timeDiskUse(page, 'refresh', IMAGES);
          await backToContainers(page, READY_TIMEOUT_MS);
          if (i === 0) {
            ctx.log(`warm-up: open ${formatMs(s.ms)} (${s.images} images), refresh ${formatMs(r.ms)}`);
            continue;
          }
          ctx.log(`round ${i}: docker system df ${formatMs(c)}, open ${formatMs(s.ms)}, refresh ${formatMs(r.ms)}`);
          cliMs.push(c);
          opens.push(s.ms);
          refreshes.push(r.ms);
        }
      } finally {
        await page.close();
      }
      const cli = median(cliMs);
      const open = median(opens);
      const refresh = median(refreshes);
      return {
        rows: [
          {
            measure: `${totalImages.toLocaleString('en-US')} images, ${VOLUMES} volumes: open System in the running app → disk use painted (median of ${opens.length})`,
            berth: formatMs(open),
            cli: formatMs(cli),
            target: `${(open / cli).toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
            pass: open / cli <= RATIO_TARGET,
          },
          {
            measure: `The same figures recomputed: Refresh → disk use painted (median of ${refreshes.length})`,
            berth: formatMs(refresh),
            cli: formatMs(cli),
            target: `${(refresh / cli).toFixed(2)}× CLI (≤ ${RATIO_TARGET}×)`,
            pass: refresh / cli <= RATIO_TARGET,
          },
        ],
        samples: { berthOpenMs: opens, berthRefreshMs: refreshes, cliMs, images: totalImages, volumes: VOLUMES },
        notes: [
          `System page open range ${formatMs(min(opens))}–${formatMs(max(opens))}, Refresh ${formatMs(min(refreshes))}–${formatMs(max(refreshes))}, ` +
            `\`docker system df\` ${formatMs(min(cliMs))}–${formatMs(max(cliMs))}; samples interleaved after a warm-up round. Images are distinct (a tiny tar imported per image), so df counts each.`,
        ],
      };
    } finally {
      const removed = await removeFixtures(ctx.engine);
      ctx.log(`removed ${removed.images} bench images and ${removed.volumes} bench volumes`);
    }
  },
};
