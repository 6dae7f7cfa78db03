export { type Attribution, type DetectAttributionOptions, detectAttribution } from './attribution.js';
export { type DecodedBody, decodeFeedBody } from './decode-feed-body.js';
export { IngestErrorCode } from './errors.js';
export { type ExtractedArticle, type ExtractionResult, type ExtractOptions, extractArticle } from './extract-article.js';
export type { FeedFormat, FeedItem, ParsedFeed, SkippedItem } from './feed-types.js';
export { type Fingerprint, fingerprintSimilarity, fingerprintText } from './fingerprint.js';
export {
  createNearDuplicateIndex,
  type LookupCost,
  NEAR_DUPLICATE_MIN_SIMILARITY,
  type NearDuplicateIndex,
  type NearDuplicateIndexOptions,
  type SimilarFingerprint,
} from './near-duplicates.js';
export { type ParseFeedOptions, parseFeed } from './parse-feed.js';
export {
  DEFAULT_USER_AGENT,
  type FetchValidator,
  type HostLookup,
  type ResolvedAddress,
  type SafeFetchOptions,
  type SafeFetchResult,
  safeFetch,
} from './safe-fetch.js';
export { type SuggestTagsOptions, suggestTags, type TagStyle, tagKey } from './tagging.js';
export type { ItemOutcome, NearDuplicatePolicy } from './file-story.js';
export {
  createIngestService,
  type FeedPreview,
  type IngestService,
  type IngestServiceDeps,
  type PreviewItem,
  type RunProgress,
  type RunSummary,
  type SourceStatus,
} from './ingest-service.js';
export { backoffMs, POLL_LEASE_MS, type PollCounts, type PollResult } from './poll-source.js';
export { sectionForItem } from './section-rules.js';
