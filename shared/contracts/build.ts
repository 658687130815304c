/** Channels for docker build from a context folder. Spread into the one contract by shared/contract.ts. */
export const buildContract = {} as const;
