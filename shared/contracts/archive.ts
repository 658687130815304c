/** Channels for save, load, import, export, commit and prune. Spread into the one contract by shared/contract.ts. */
export const archiveContract = {} as const;
