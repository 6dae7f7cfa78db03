import { type ChangeNotifier, isCommentsOnlyChange } from '../shared/change-notifier.js';
import type { Clock } from '../shared/clock.js';
import type { ArticleService, ListFilter } from './article-service.js';

/**
 * Published content as readers see it, kept in memory below the page cache (so it serves with
 * the page cache off too) until it may have changed. Nothing here expires by age: the cache
 * empties on every change notification except those about comments only (so an edit, a publish
 * or a settings change in any process shows on the next request), and when the next scheduled
 * publication time passes, since an article then goes live without any write.
 */
export interface ContentReadCache {
  /** `load()`'s value for `key`, kept while content stays current; concurrent misses share one load. */
  through<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * Whether values derived from content may be served from memory now. False while it is not
   * yet known when the next scheduled article goes live; once that time has passed (or the clock
   * went back before the last check), everything is emptied first.
   */
  isCurrent(): boolean;
  /** Called each time the cache empties, so caches of things derived from content follow it. */
  onClear(listener: () => void): () => void;
  readonly size: number;
}

export function createContentReadCache(deps: {
  changes: ChangeNotifier;
  clock: Clock;
  /** The first time after `now` at which an article goes live on its own. */
  nextScheduledAfter: (now: Date) => Promise<Date | null>;
  /** Whole articles are among the values, so this bounds memory: ≈ 2,000 × 10–30 kB. */
  maxEntries?: number;
}): ContentReadCache {
  const entries = new Map<string, Promise<unknown>>();
  const listeners = new Set<() => void>();
  const maxEntries = deps.maxEntries ?? 2000;
  // When the current contents stop being current: undefined until looked up, 'pending' while the
  // lookup runs (nothing is served then), null when nothing is scheduled.
  let staleAt: number | null | undefined | 'pending';
  let checkedAt = 0;
  let generation = 0;

  const clear = () => {
    entries.clear();
    staleAt = undefined;
    generation++;
    for (const listener of listeners) listener();
  };
  deps.changes.subscribe((reason) => {
    if (!isCommentsOnlyChange(reason)) clear();
  });

  const lookUpStaleAt = (now: number) => {
    staleAt = 'pending';
    checkedAt = now;
    const started = generation;
    deps.nextScheduledAfter(new Date(now)).then(
      (next) => {
        if (generation === started) staleAt = next ? next.getTime() : null;
      },
      () => {
        // Unknown: the next reader tries again; until then nothing is served from memory.
        if (generation === started) staleAt = undefined;
      },
    );
  };

  const cache: ContentReadCache = {
    isCurrent() {
      const now = deps.clock.now().getTime();
      if (staleAt === 'pending') return false;
      if (staleAt !== undefined && (now < checkedAt || (staleAt !== null && now >= staleAt))) clear();
      if (staleAt === undefined) {
        lookUpStaleAt(now);
        return false;
      }
      return true;
    },

    through<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (!cache.isCurrent()) return load();
      let entry = entries.get(key) as Promise<T> | undefined;
      if (!entry) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        // Frozen: every later reader gets this same object, so no caller may change it.
        const loaded: Promise<T> = load().then(deepFreeze);
        entry = loaded;
        entries.set(key, loaded);
        // A failure (the database down, a missing article) is not remembered.
        loaded.catch(() => {
          if (entries.get(key) === loaded) entries.delete(key);
        });
      }
      return entry;
    },

    onClear(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    get size() {
      return entries.size;
    },
  };
  return cache;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// Every field of the filter, so a field added to ListFilter later can never make two lists share a key.
const filterKey = (filter: ListFilter): string => JSON.stringify(filter);

/**
 * The article service with its public reads served through the cache: an article by slug (any
 * status; callers still check visibility against the current time), related articles and the
 * paginated and latest lists. Lists bounded by `since` are read afresh: their key would change
 * with the clock. Everything else, writes included, is the service itself.
 */
export function cacheArticleReads(articles: ArticleService, cache: ContentReadCache): ArticleService {
  return {
    ...articles,
    bySlug: (slug) => cache.through(`slug:${slug}`, () => articles.bySlug(slug)),
    related: (article, limit = 4) => cache.through(`related:${article.id}:${limit}`, () => articles.related(article, limit)),
    list: (filter, range) =>
      filter.since ? articles.list(filter, range) : cache.through(`list:${filterKey(filter)}:${range.offset}:${range.limit}`, () => articles.list(filter, range)),
    latest: (filter, limit) => (filter.since ? articles.latest(filter, limit) : cache.through(`latest:${filterKey(filter)}:${limit}`, () => articles.latest(filter, limit))),
  };
}
