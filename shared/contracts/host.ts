/** Channels for browsing the host file system for path pickers. Spread into the one contract by shared/contract.ts. */
export const hostContract = {} as const;
