/** Seeds every seeded cache test runs across; a failure message names the seed that failed. */
export const SEEDS = [1, 2, 3, 4, 5] as const;
