/** Exit codes: 0 every test passed, 1 a test failed, 2 anything else went wrong (usage, compile, limits, network). */
export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

/** An error the learner reads as is (no stack): bad input, missing files, server answers. Exit 2. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
