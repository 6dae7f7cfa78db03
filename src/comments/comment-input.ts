import { z } from 'zod';
import type { CommentId } from './comment.js';

export const COMMENT_MIN_CHARACTERS = 2;
export const COMMENT_MAX_CHARACTERS = 5000;
// Grapheme counting lets "👍🏽" count as one character, but a single grapheme can carry any number
// of combining marks; this bound on UTF-16 units caps what one comment can store.
const COMMENT_MAX_CODE_UNITS = 20_000;
const NAME_MAX_CHARACTERS = 100;
const EMAIL_MAX_LENGTH = 254;
const URL_MAX_LENGTH = 2000;

/** A submitted comment after validation: strings trimmed, email lowercased, URL normalised. */
export interface CommentInput {
  content: string;
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  parentId?: CommentId;
}

/** One message per field, named as the form fields are: content, authorName, authorEmail, authorUrl, parentId. */
export interface FieldError {
  field: keyof CommentInput;
  message: string;
}

export type CommentInputResult = { ok: true; value: CommentInput } | { ok: false; errors: FieldError[] };

export interface ValidateCommentInputOptions {
  /** A guest has no session: name and email are then required. */
  guest: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters as a reader counts them (grapheme clusters), not UTF-16 units. */
export function countCharacters(text: string): number {
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const content = z
  .string({ error: 'Please write a comment.' })
  .refine((s) => s.length <= COMMENT_MAX_CODE_UNITS && countCharacters(s) <= COMMENT_MAX_CHARACTERS, {
    error: `Your comment is too long: at most ${COMMENT_MAX_CHARACTERS.toLocaleString('en')} characters.`,
    abort: true,
  })
  .refine((s) => countCharacters(s) >= COMMENT_MIN_CHARACTERS, {
    error: `Your comment is too short: at least ${COMMENT_MIN_CHARACTERS} characters.`,
  });

const name = z
  .string({ error: 'Please enter your name.' })
  .refine((s) => countCharacters(s) <= NAME_MAX_CHARACTERS, {
    error: `Your name is too long: at most ${NAME_MAX_CHARACTERS} characters.`,
  });

const email = z
  .string({ error: 'Please enter your email address.' })
  .max(EMAIL_MAX_LENGTH, { error: 'That email address is too long.' })
  .pipe(z.email({ error: 'Please enter a valid email address, like name@example.com.' }))
  .transform((s) => s.toLowerCase());

const website = z
  .string()
  .max(URL_MAX_LENGTH, { error: 'That website address is too long.' })
  .refine(isHttpUrl, { error: 'The website must be a web address starting with http:// or https://.' })
  .transform((s) => new URL(s).href);

const parentId = z.coerce
  .number({ error: 'The comment you replied to was not found.' })
  .int({ error: 'The comment you replied to was not found.' })
  .positive({ error: 'The comment you replied to was not found.' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'The comment you replied to was not found.' });

const guestSchema = z.object({
  content,
  authorName: name,
  authorEmail: email,
  authorUrl: website.optional(),
  parentId: parentId.optional(),
});

const memberSchema = guestSchema.extend({ authorName: name.optional(), authorEmail: email.optional() });

const FIELDS = ['content', 'authorName', 'authorEmail', 'authorUrl', 'parentId'] as const;

// Form posts send every field; an empty box means "not given", not "given as empty".
function normalise(raw: unknown): Record<string, unknown> {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = typeof source[field] === 'string' ? (source[field] as string).trim() : source[field];
    if (value !== '' && value !== undefined && value !== null) out[field] = value;
  }
  return out;
}

/**
 * Validates a submission from a form or the JSON API. Unknown fields are dropped. Content must
 * be 2–5,000 characters after trimming; guests must give a name and a valid email; a website,
 * if given, must be http(s). Returns at most one error per field, in form order, so a form can
 * show each beside its field. Whether `parentId` exists on this Article is the service's check.
 */
export function validateCommentInput(raw: unknown, options: ValidateCommentInputOptions): CommentInputResult {
  const schema = options.guest ? guestSchema : memberSchema;
  const result = schema.safeParse(normalise(raw));
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldError[] = [];
  for (const field of FIELDS) {
    const issue = result.error.issues.find((i) => i.path[0] === field);
    if (issue) errors.push({ field, message: issue.message });
  }
  return { ok: false, errors };
}
