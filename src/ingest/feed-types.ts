/** One entry of a feed, whatever its format. Text fields are plain text; `*Html` fields are sanitised. */
export interface FeedItem {
  /** The feed's own identifier for the item (guid, Atom id, JSON Feed id), else its URL. */
  guid: string;
  /** Absolute http(s) URL of the item's page. */
  url: string;
  /** Plain text with tags removed and entities decoded; empty when the feed gives none. */
  title: string;
  summaryHtml?: string;
  contentHtml?: string;
  author?: string;
  categories: string[];
  /** Absent when the feed gives no readable date: the caller supplies its fetch time. */
  publishedAt?: Date;
  updatedAt?: Date;
  imageUrl?: string;
}

export type FeedFormat = 'rss' | 'rdf' | 'atom' | 'json';

export interface SkippedItem {
  /** Position of the item in the document, from 0. */
  index: number;
  reason: string;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  /** The site's home page, when the feed names one. */
  link?: string;
  items: FeedItem[];
  skipped: SkippedItem[];
}

/** An item as read from the document, before it is checked and its HTML sanitised. */
export type RawItem = Partial<Pick<FeedItem, 'guid' | 'url' | 'title'>> &
  Omit<FeedItem, 'guid' | 'url' | 'title'> & {
    /** Base for relative URLs inside the HTML fields. */
    htmlBase?: string;
  };

/** A recognised feed before its items are finished and checked. */
export interface FeedParts {
  format: FeedFormat;
  title: string;
  link?: string;
  /** One entry per item; a function so one failing item cannot stop the others. */
  items: Array<() => RawItem>;
}
