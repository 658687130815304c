import { z } from 'zod';
import type { RunSpec } from './run-spec';

/**
 * The zod schema of a Run dialog spec (the shape only; field rules are validateRunSpec's, which the
 * handler runs too). Separate from run-spec.ts so the renderer's Run dialog does not pull in zod.
 */
const Text = (max = 4096) => z.string().max(max);
const KeyValue = z.object({ key: Text(1024), value: Text(65536) });

export const RunSpecSchema = z.object({
  image: Text(1024),
  name: Text(256),
  command: Text(65536),
  commandForm: z.enum(['exec', 'shell']),
  entrypoint: Text(),
  env: z.array(KeyValue).max(1000),
  ports: z.array(Text(200)).max(200),
  expose: Text(),
  volumes: z
    .array(z.object({ kind: z.enum(['volume', 'bind']), source: Text(), target: Text(), readOnly: z.boolean() }))
    .max(200),
  volumesFrom: z.array(Text(300)).max(50),
  network: Text(256),
  aliases: Text(),
  restart: z.enum(['no', 'on-failure', 'always', 'unless-stopped']),
  maxRetries: Text(20),
  memory: Text(40),
  memorySwap: Text(40),
  cpus: Text(40),
  cpuShares: Text(40),
  pidsLimit: Text(40),
  workingDir: Text(),
  user: Text(256),
  hostname: Text(256),
  labels: z.array(KeyValue).max(1000),
  autoRemove: z.boolean(),
  tty: z.boolean(),
  interactive: z.boolean(),
  privileged: z.boolean(),
  capAdd: Text(),
  capDrop: Text(),
}) satisfies z.ZodType<RunSpec>;
