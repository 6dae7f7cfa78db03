/**
 * In-process notification that published content changed, so caches can drop what they hold.
 * Services call `notify`; the page cache subscribes. Several processes on PostgreSQL relay it
 * through LISTEN/NOTIFY (see db/ and web/plugins/page-cache.ts).
 */
export interface ChangeNotifier {
  notify(reason: string): void;
  subscribe(listener: (reason: string) => void): () => void;
}

export function createChangeNotifier(): ChangeNotifier {
  const listeners = new Set<(reason: string) => void>();
  return {
    notify(reason) {
      for (const listener of listeners) listener(reason);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
