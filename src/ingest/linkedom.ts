import { createRequire } from 'node:module';
import type * as Linkedom from 'linkedom';

let loaded: typeof Linkedom | undefined;

/**
 * linkedom (~25 MB resident), loaded at first use so a site that does not ingest never pays for
 * it. Loaded synchronously (its CommonJS build) because feed parsing, which needs it for
 * `htmlToText`, is synchronous; article extraction shares the same instance.
 */
export function linkedom(): typeof Linkedom {
  if (!loaded) {
    try {
      loaded = createRequire(import.meta.url)('linkedom') as typeof Linkedom;
    } catch (error) {
      throw new Error(`HTML parsing needs the "linkedom" package, which could not be loaded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  return loaded;
}
