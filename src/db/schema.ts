import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Dates are ISO-8601 UTC strings (`toISOString()`), which sort and
 * compare correctly as text on both engines; booleans are 0/1 integers, since SQLite has no
 * boolean type. Each domain's repository is the only code that names its tables.
 */
export interface Database {
  site_setting: SiteSettingTable;
  section: SectionTable;
  app_user: AppUserTable;
  source: SourceTable;
  article: ArticleTable;
  tag: TagTable;
  article_tag: ArticleTagTable;
  audit_log: AuditLogTable;
  comment: CommentTable;
  source_poll_state: SourcePollStateTable;
  ingest_poll: IngestPollTable;
  ingest_item: IngestItemTable;
  article_attribution: ArticleAttributionTable;
  spam_model: SpamModelTable;
  spam_example: SpamExampleTable;
  akismet_key: AkismetKeyTable;
  akismet_key_day: AkismetKeyDayTable;
  user_session: UserSessionTable;
  login_failure: LoginFailureTable;
  user_token: UserTokenTable;
  article_revision: ArticleRevisionTable;
}

export interface SiteSettingTable {
  key: string;
  value: string;
}

export interface SectionTable {
  id: Generated<number>;
  slug: string;
  name: string;
  parent_id: number | null;
  position: number;
  description: string;
  created_at: string;
}

export interface AppUserTable {
  id: Generated<number>;
  email: string;
  name: string;
  slug: string;
  role: string;
  password_hash: string;
  bio: Generated<string>;
  is_active: Generated<number>;
  created_at: string;
}

export interface SourceTable {
  id: Generated<number>;
  slug: string;
  name: string;
  homepage: string | null;
  feed_url: string | null;
  default_section_id: number | null;
  policy: string;
  attribution_template: string;
  created_at: string;
  /** JSON array of { field: 'category' | 'keyword', value, sectionId }. */
  rules: Generated<string>;
  poll_interval_seconds: Generated<number>;
  is_enabled: Generated<number>;
  is_local: Generated<number>;
}

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  body_format: string;
  body_html: string;
  section_id: number;
  author_id: number | null;
  source_id: number | null;
  original_url: string | null;
  original_publisher: string | null;
  feed_guid: string | null;
  status: string;
  comments_enabled: number;
  fingerprint: string | null;
  version: Generated<number>;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  /** Set while an author's draft waits for an editor. */
  submitted_at: string | null;
}

export interface TagTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  details: string;
  created_at: string;
}

/** The site's spam model (one row, id 1); `model` is a base64 `serializeModel` buffer. */
export interface SpamModelTable {
  id: number;
  version: number;
  model: string;
  examples: number;
  updated_at: string;
}

export interface SpamExampleTable {
  id: Generated<number>;
  /** `moderator` | `api` | `import` */
  source: string;
  /** `spam` | `ham` */
  label: string;
  /** The SpamInput as JSON. */
  input: string;
  created_at: string;
  /** Keyed hash of the address the example was written under, for export and erase (see example-privacy.ts); NULL once anonymised. */
  author_key: string | null;
  /** 1 once the retention job erased the referrer (IP, user agent and the e-mail's local part are never stored). */
  context_erased: Generated<number>;
}

export interface AkismetKeyTable {
  id: Generated<number>;
  /** SHA-256 hex of the key; the key itself is shown once, when made. */
  key_hash: string;
  key_hint: string;
  site_url: string;
  /** Requests a minute. */
  rate_limit: number;
  created_at: string;
  revoked_at: string | null;
}

/** Per-key, per-UTC-day counters; get-stats sums them over its period. */
export interface AkismetKeyDayTable {
  key_id: number;
  day: string;
  checks: Generated<number>;
  spam: Generated<number>;
  ham: Generated<number>;
  missed_spam: Generated<number>;
  false_positives: Generated<number>;
}

/** Polling state of a source with a feed; `lease_until` marks a poll in progress. */
export interface SourcePollStateTable {
  source_id: number;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  next_poll_at: string;
  lease_until: string | null;
  error_count: Generated<number>;
  last_error: string | null;
}

/** One row per poll of a source: `ok`, `not-modified` or `failed`. */
export interface IngestPollTable {
  id: Generated<number>;
  source_id: number;
  started_at: string;
  duration_ms: number;
  status: string;
  item_count: Generated<number>;
  new_count: Generated<number>;
  updated_count: Generated<number>;
  duplicate_count: Generated<number>;
  failed_count: Generated<number>;
  error: string | null;
}

/** Every item seen from a source, and what became of it (`filed`, `linked`, `skipped`). */
export interface IngestItemTable {
  id: Generated<number>;
  source_id: number;
  guid: string;
  url: string;
  article_id: number | null;
  outcome: string;
  content_hash: string;
  /** The article's version after ingest last wrote it; another version means an editor changed it. */
  article_version: number | null;
  /** `none` | `done` | `pending` (feed text stored, page to be fetched again) | `gave-up`. */
  full_text: Generated<string>;
  full_text_attempts: Generated<number>;
  full_text_retry_at: string | null;
  first_seen_at: string;
  last_seen_at: string;
}

/** Further sources credited on an article that several sources reported (near-duplicates linked). */
export interface ArticleAttributionTable {
  article_id: number;
  source_id: number;
  original_url: string | null;
  original_publisher: string | null;
  created_at: string;
}

/** A reader comment; `status` is a CommentStatus; JSON arrays in `spam_reasons` and `flags`. */
export interface CommentTable {
  id: Generated<number>;
  article_id: number;
  /** The comment answered, as the Commenter chose it (threads.ts decides how deep it is shown). */
  parent_id: number | null;
  /** Set for staff comments. */
  user_id: number | null;
  author_name: string;
  /** Lowercased; '' once erased. Never shown publicly. */
  author_email: string;
  author_url: string | null;
  content: string;
  content_html: string;
  status: string;
  /** The status before trash or spam, for restore. */
  previous_status: string | null;
  spam_score: number | null;
  spam_reasons: Generated<string>;
  flags: Generated<string>;
  /** Erased by the retention job after the configured days. */
  ip: string | null;
  user_agent: string | null;
  referrer: string | null;
  duplicate_hash: string | null;
  created_at: string;
  moderated_at: string | null;
  moderated_by: number | null;
}

/** A staff sign-in; the cookie holds the token, this row its SHA-256 (hex). */
export interface UserSessionTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  /** Slides forward as the session is used. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

/** Failed sign-ins per `email:…` or `ip:…` key within the current window. */
export interface LoginFailureTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

/** A one-time link (`reset` or `invite`); the link holds the token, this row its SHA-256 (hex). */
export interface UserTokenTable {
  token_hash: string;
  user_id: number;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** An article as one version left it; `tags` is a JSON array of tag names. */
export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  body_format: string;
  section_id: number;
  source_id: number | null;
  original_url: string | null;
  status: string;
  published_at: string | null;
  tags: string;
  actor_id: number | null;
  created_at: string;
}
