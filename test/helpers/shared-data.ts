import { fileURLToPath } from 'node:url';

/**
 * A path in the workplace's shared data (`../shared/data` beside the repository, see its
 * README), wherever the repository is checked out.
 */
export function sharedData(path: string): string {
  return fileURLToPath(new URL(`../../../shared/data/${path}`, import.meta.url));
}
