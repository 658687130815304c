import { z } from 'zod';
import { invoke } from '../contract-kit';
import { RunSpecSchema } from '../run-spec-schema';

/**
 * Channels for creating and running containers (the Run dialog). Spread into the one contract by shared/contract.ts.
 *
 * Errors carry `details.fields: Record<field, message>` (field addresses as in run-spec.ts) when they belong
 * to a field: INVALID_ARGUMENT for a spec that fails validateRunSpec, NOT_FOUND on `image` (or the missing
 * network / volumes-from container), and the engine's own message on `ports` when starting failed because a
 * host port is taken. A container whose start failed is removed again, so a failed run leaves nothing behind.
 */
export const runContract = {
  'containers.create': invoke(
    z.object({ spec: RunSpecSchema, start: z.boolean().default(true) }),
    z.object({ id: z.string(), name: z.string(), warnings: z.array(z.string()) }),
  ),
} as const;
