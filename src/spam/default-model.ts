/**
 * The model shipped with the package, built by `npm run train:default` from the YouTube and
 * SMS spam collections. The URL resolves from both src/spam/ and the compiled dist/spam/.
 */
import { readFile } from 'node:fs/promises';
import { UnavailableError } from '../shared/errors.js';
import type { SpamModel } from './model.js';
import { deserializeModel } from './serialize.js';

export const DEFAULT_MODEL_URL = new URL('../../models/spam-default.bin', import.meta.url);

/** Loads a fresh copy of the shipped model (callers may mutate it by learning). */
export async function loadDefaultModel(): Promise<SpamModel> {
  let buffer: Buffer;
  try {
    buffer = await readFile(DEFAULT_MODEL_URL);
  } catch (cause) {
    throw new UnavailableError('SPAM_DEFAULT_MODEL_MISSING', 'the default spam model is missing; run npm run train:default', {
      cause,
      details: { path: DEFAULT_MODEL_URL.pathname },
    });
  }
  return deserializeModel(buffer);
}
