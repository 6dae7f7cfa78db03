import { BroadsheetError } from '../shared/errors.js';

/** Exit codes: 0 success, 1 a failure the message explains, 2 a usage error (bad flags). */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/**
 * Runs a command's action: an expected error becomes one line on stderr naming what was wrong
 * and exit code 1; an unexpected one prints its stack, since it is a bug.
 */
export async function runAction(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof BroadsheetError) {
      process.stderr.write(`broadsheet: ${error.userMessage}\n`);
    } else {
      process.stderr.write(`broadsheet: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
    }
    process.exitCode = exitCodes.failure;
  }
}
