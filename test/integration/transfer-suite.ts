import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createTracker, requireEngine, type Tracker } from '../helpers/engine';
import { createStack, type Stack } from './handlers/harness';

/** What a transfer test file shares: its tracker, the handler stack and a host folder (both set in beforeAll). */
export interface TransferSuite {
  readonly tracker: Tracker;
  readonly stack: Stack;
  readonly dir: string;
}

/**
 * Registers the usual beforeAll/afterAll of a test file that moves files between host and engine:
 * requires the engine, opens a handler stack and a temporary host folder `<prefix>XXXXXX`; afterwards
 * closes the stack, removes the folder, cleans the tracker, then runs `afterCleanup` if given.
 */
export function useTransferSuite(prefix: string, afterCleanup?: () => Promise<void>): TransferSuite {
  const tracker = createTracker();
  let stack: Stack | undefined;
  let dir: string | undefined;
  beforeAll(() => {
    requireEngine();
    stack = createStack();
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    stack?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    await tracker.cleanup();
    await afterCleanup?.();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is used before beforeAll`);
    return value;
  };
  return {
    tracker,
    get stack() {
      return ready(stack, 'stack');
    },
    get dir() {
      return ready(dir, 'folder');
    },
  };
}
