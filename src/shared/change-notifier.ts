/**
 * Notification that published content changed, so caches can drop what they hold. Services
 * call `notify`; the page cache subscribes. With several processes on PostgreSQL a relay
 * (db/change-relay.ts) forwards each local notification to the others, which `deliver` it to
 * their own subscribers only, so nothing echoes back and forth.
 */
export interface ChangeNotifier {
  notify(reason: string): void;
  subscribe(listener: (reason: string) => void): () => void;
  /** Hands local notifications to another process; returns a function that stops it. */
  relayTo(send: (reason: string) => void): () => void;
  /** A notification from another process: tells local subscribers, relays nothing. */
  deliver(reason: string): void;
}

export function createChangeNotifier(): ChangeNotifier {
  const listeners = new Set<(reason: string) => void>();
  const relays = new Set<(reason: string) => void>();
  const deliver = (reason: string) => {
    for (const listener of listeners) listener(reason);
  };
  return {
    notify(reason) {
      deliver(reason);
      for (const send of relays) send(reason);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    relayTo(send) {
      relays.add(send);
      return () => relays.delete(send);
    },
    deliver,
  };
}
