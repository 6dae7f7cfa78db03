/** Stable error codes for ingest; the web and CLI layers map their `kind`, never the code. */
export const IngestErrorCode = {
  fetchRefused: 'INGEST_FETCH_REFUSED',
  fetchInvalidUrl: 'INGEST_FETCH_INVALID_URL',
  fetchTimeout: 'INGEST_FETCH_TIMEOUT',
  fetchTooLarge: 'INGEST_FETCH_TOO_LARGE',
  fetchTooManyRedirects: 'INGEST_FETCH_TOO_MANY_REDIRECTS',
  fetchHttpStatus: 'INGEST_FETCH_HTTP_STATUS',
  fetchNetwork: 'INGEST_FETCH_NETWORK',
  feedEntitiesRefused: 'INGEST_FEED_ENTITIES_REFUSED',
  feedNotAFeed: 'INGEST_FEED_NOT_A_FEED',
  feedUnreadable: 'INGEST_FEED_UNREADABLE',
} as const;

export type IngestErrorCode = (typeof IngestErrorCode)[keyof typeof IngestErrorCode];
