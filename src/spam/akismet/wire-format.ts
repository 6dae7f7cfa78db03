/**
 * The Akismet wire format in: form fields → the classifier's `SpamInput` and the request's
 * flags. Field names are Akismet's (https://akismet.com/developers/). Unknown fields are
 * accepted and ignored, except the few low-cardinality ones that make useful features; the
 * rest (WordPress sends every `HTTP_*` and `POST_*` value, cookies included) is never stored.
 */
import type { SpamInput } from '../features.js';

export type AkismetFields = Readonly<Record<string, string>>;

/** Form body → flat fields; a repeated field keeps its first value. Undefined when not an object. */
export function toFields(body: unknown): Record<string, string> | undefined {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) return undefined;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') fields[name] = first;
    else if (typeof first === 'number' || typeof first === 'boolean') fields[name] = String(first);
  }
  return fields;
}

/** The key from the body (`api_key`, or legacy `key`); the Host label is the caller's fallback. */
export function keyFromFields(fields: AkismetFields): string | undefined {
  const key = (fields.api_key ?? fields.key ?? '').trim();
  return key || undefined;
}

const truthy = (value: string | undefined) => value !== undefined && !['', '0', 'false', 'no', 'off'].includes(value.trim().toLowerCase());
const text = (value: string | undefined) => {
  const t = value?.trim();
  return t ? t : undefined;
};

export interface CommentRequest {
  input: SpamInput;
  isTest: boolean;
  isAdministrator: boolean;
  /** A re-check of a comment already checked (edit, queue recheck): not counted again. */
  recheckReason?: string;
  /** Akismet's documented test triggers. */
  isTestSpam: boolean;
}

/** Comment fields → what to classify. `comment_content` may be missing: it is then empty. */
export function toCommentRequest(fields: AkismetFields): CommentRequest {
  const honeypotName = text(fields.honeypot_field_name);
  const extra: Record<string, string> = {};
  if (text(fields.blog_lang)) extra.blog_lang = (fields.blog_lang as string).trim().toLowerCase();
  const language = text(fields.HTTP_ACCEPT_LANGUAGE)?.split(/[,;]/)[0]?.trim().toLowerCase();
  if (language) extra.accept_language = language;
  if (text(fields.comment_parent) && fields.comment_parent !== '0') extra.reply = 'yes';
  const input: SpamInput = {
    content: fields.comment_content ?? '',
    authorName: text(fields.comment_author),
    authorEmail: text(fields.comment_author_email),
    authorUrl: text(fields.comment_author_url),
    ip: text(fields.user_ip),
    userAgent: fields.user_agent,
    referrer: fields.referrer ?? fields.referer,
    permalink: text(fields.permalink),
    commentType: text(fields.comment_type),
    honeypotFilled: honeypotName !== undefined && !!text(fields[honeypotName]),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
  for (const k of Object.keys(input) as Array<keyof SpamInput>) if (input[k] === undefined) delete input[k];
  return {
    input,
    isTest: truthy(fields.is_test),
    isAdministrator: text(fields.user_role)?.toLowerCase() === 'administrator',
    recheckReason: text(fields.recheck_reason),
    isTestSpam: input.authorName?.toLowerCase() === 'viagra-test-123' || input.authorEmail?.toLowerCase() === 'akismet-guaranteed-spam@example.com',
  };
}
