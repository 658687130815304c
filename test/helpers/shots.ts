import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where e2e tests put their screenshots: BERTH_SHOTS_DIR, else test-results/screenshots (ignored by
 * git). Created on import, so a test can write to it at once.
 */
export const SHOTS = process.env.BERTH_SHOTS_DIR || join(process.cwd(), 'test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });
