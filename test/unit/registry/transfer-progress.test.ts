import { describe, expect, test } from 'vitest';
import { layerFraction, layerPhase, TransferState } from '../../../shared/transfer-progress';

describe('layerPhase', () => {
  test('maps the engine status lines of pull and push', () => {
    expect(layerPhase('Pulling fs layer')).toBe('waiting');
    expect(layerPhase('Downloading')).toBe('downloading');
    expect(layerPhase('Verifying Checksum')).toBe('verifying');
    expect(layerPhase('Download complete')).toBe('downloaded');
    expect(layerPhase('Extracting')).toBe('extracting');
    expect(layerPhase('Pull complete')).toBe('complete');
    expect(layerPhase('Already exists')).toBe('exists');
    expect(layerPhase('Preparing')).toBe('preparing');
    expect(layerPhase('Pushing')).toBe('pushing');
    expect(layerPhase('Pushed')).toBe('pushed');
    expect(layerPhase('Layer already exists')).toBe('exists');
    expect(layerPhase('Mounted from library/busybox')).toBe('mounted');
    expect(layerPhase('Pulling from library/busybox')).toBeUndefined();
  });
});

describe('TransferState', () => {
  test('a pull: layers, bytes and the overall figure move forward to 100 %', () => {
    const s = new TransferState();
    s.apply({ status: 'Pulling from library/app', id: 'latest' });
    expect(s.status).toBe('Pulling from library/app');
    expect(s.snapshotLayers()).toEqual([]);
    s.apply({ status: 'Pulling fs layer', id: 'aaa' });
    s.apply({ status: 'Pulling fs layer', id: 'bbb' });
    s.apply({ status: 'Downloading', id: 'aaa', progressDetail: { current: 500, total: 1000 } });
    s.apply({ status: 'Downloading', id: 'bbb', progressDetail: { current: 0, total: 3000 } });
    let o = s.overall();
    expect(o.totalBytes).toBe(4000);
    expect(o.currentBytes).toBe(500);
    // aaa is half downloaded (40 % of its weight 1000), bbb at 0 of 3000: 400 / 4000.
    expect(o.percent).toBe(10);
    expect(o.layersDone).toBe(0);
    expect(o.layersTotal).toBe(2);

    s.apply({ status: 'Download complete', id: 'aaa' });
    s.apply({ status: 'Extracting', id: 'aaa', progressDetail: { current: 1000, total: 2000 } });
    o = s.overall();
    // Extract totals are not download sizes: aaa keeps its 1000-byte weight at 80 % + 10 %.
    expect(o.totalBytes).toBe(4000);
    expect(o.percent).toBe(22.5);
    s.apply({ status: 'Pull complete', id: 'aaa' });
    s.apply({ status: 'Downloading', id: 'bbb', progressDetail: { current: 3000, total: 3000 } });
    s.apply({ status: 'Pull complete', id: 'bbb' });
    s.apply({ status: 'Digest: sha256:' + 'c'.repeat(64) });
    s.apply({ status: 'Status: Downloaded newer image for app:latest' });
    o = s.overall();
    expect(o).toEqual({ percent: 100, currentBytes: 4000, totalBytes: 4000, layersDone: 2, layersTotal: 2 });
    expect(s.digest).toBe('sha256:' + 'c'.repeat(64));
    expect(s.status).toBe('Downloaded newer image for app:latest');
  });

  test('a finished layer never moves back; layers already there weigh nothing, unknown sizes the average', () => {
    const s = new TransferState();
    s.apply({ status: 'Already exists', id: 'x' });
    s.apply({ status: 'Waiting', id: 'x' });
    expect(s.snapshotLayers()[0]?.phase).toBe('exists');
    // Only layers already there: done by count.
    expect(s.overall().percent).toBe(100);
    s.apply({ status: 'Downloading', id: 'y', progressDetail: { current: 50, total: 100 } });
    s.apply({ status: 'Waiting', id: 'z' });
    // x weighs 0; y (100 bytes, 40 %) and z (unknown: the average, 100, 0 %) → 40 / 200.
    expect(s.overall().percent).toBe(20);
    expect(s.overall().layersDone).toBe(1);
  });

  test('a push: aux digest, "Layer already exists", error lines', () => {
    const s = new TransferState();
    s.apply({ status: 'Preparing', id: 'l1' });
    s.apply({ status: 'Pushing', id: 'l1', progressDetail: { current: 10, total: 40 } });
    expect(s.overall().percent).toBe(25);
    s.apply({ status: 'Layer already exists', id: 'l1' });
    s.apply({ status: '1: digest: sha256:' + 'd'.repeat(64) + ' size: 527' });
    s.apply({ aux: { Tag: '1', Digest: 'sha256:' + 'e'.repeat(64), Size: 527 } });
    expect(s.digest).toBe('sha256:' + 'e'.repeat(64));
    expect(s.error).toBeUndefined();
    s.apply({ errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' });
    expect(s.error).toEqual({ message: 'no basic auth credentials' });
  });

  test('layerFraction per phase', () => {
    expect(layerFraction({ id: 'a', phase: 'waiting', status: 'Waiting' })).toBe(0);
    expect(layerFraction({ id: 'a', phase: 'downloading', status: 'Downloading', current: 50, total: 100 })).toBe(0.4);
    expect(layerFraction({ id: 'a', phase: 'downloaded', status: 'Download complete' })).toBe(0.8);
    expect(layerFraction({ id: 'a', phase: 'complete', status: 'Pull complete' })).toBe(1);
    expect(layerFraction({ id: 'a', phase: 'pushing', status: 'Pushing', current: 3, total: 4 })).toBe(0.75);
  });
});
