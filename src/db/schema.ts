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
