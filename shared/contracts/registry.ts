/** Channels for pull, push, tag, registry login/logout, image history. Spread into the one contract by shared/contract.ts. */
export const registryContract = {} as const;
