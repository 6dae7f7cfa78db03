import { BroadsheetError } from '../../../shared/errors.js';
import { fieldErrorsFrom } from '../respond.js';
import type { FieldErrors } from '../views/form.js';

/**
 * Errors of account changes for the form: the owner rules (only owners touch owners, the last
 * owner stays, nobody deactivates themself) name no field, so they are shown beside `field`.
 * A missing permission (`FORBIDDEN`) still gets the 403 page.
 */
export function accountErrors(error: unknown, field: string): { errors: FieldErrors; status: number } {
  if (error instanceof BroadsheetError && error.kind === 'forbidden' && error.code !== 'FORBIDDEN') return { errors: { [field]: error.userMessage }, status: 403 };
  const result = fieldErrorsFrom(error);
  return result.errors.form ? { errors: { [field]: result.errors.form }, status: result.status } : result;
}
