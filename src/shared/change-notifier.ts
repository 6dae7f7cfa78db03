/**
 * Notification that published content changed, so caches can drop what they hold. Services
 * call `notify` with a reason; caches subscribe. With several processes on PostgreSQL a relay
 * (db/change-relay.ts) forwards each local notification to the others, which `deliver` it to
 * their own subscribers only, so nothing echoes back and forth.
 *
 * Reasons in use: `content` (articles, sections, sources, tags), `settings` (site settings,
 * always followed by `content`), `comments` (comments on any number of articles),
 * `comments:<articleId>` (see commentsChanged), `comment-settings`, and from the relay
 * `relay-reconnected` / `unknown`. A subscriber that does not recognise a reason must treat it
 * as "anything may have changed".
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

/**
 * The reason announcing that the comments readers see on one Article changed (a comment
 * approved, edited, unapproved or deleted), so caches drop that Article's comments only.
 */
export function commentsChanged(articleId: number): string {
  return `comments:${articleId}`;
}

/** The Article named by a commentsChanged reason; undefined for any other reason. */
export function articleOfCommentsChange(reason: string): number | undefined {
  if (!reason.startsWith('comments:')) return undefined;
  const id = Number(reason.slice('comments:'.length));
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Reasons that change what readers see of comments only, never of articles, sections or settings. */
export function isCommentsOnlyChange(reason: string): boolean {
  return reason === 'comments' || reason === 'comment-settings' || articleOfCommentsChange(reason) !== undefined;
}
