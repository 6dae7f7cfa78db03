/** [value, label] pairs for a select. */
export type Options = readonly (readonly [string, string])[];

/** What the article screens offer to pick from. */
export interface ArticleChoices {
  /** Every section, parents before children, labelled with their path ("World › Europe"). */
  sections: Options;
  sources: Options;
  /** Staff who write articles. */
  authors: Options;
}

/**
 * The editor's fields as typed, shown again unchanged when something is wrong. Names match the
 * service's input fields, so its errors land beside the right field.
 */
export interface ArticleFormValues {
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  sectionId: string;
  /** Comma-separated names. */
  tags: string;
  sourceId: string;
  originalUrl: string;
  /** Only on forms of those who may choose the author; absent, the author stays. */
  authorId?: string;
  /** `datetime-local` in the site's time zone, for scheduling. */
  publishedAt: string;
  /** The version the form was opened at, for the stale-edit check. */
  version: string;
}
