/** Channels for creating and running containers (the Run dialog). Spread into the one contract by shared/contract.ts. */
export const runContract = {} as const;
