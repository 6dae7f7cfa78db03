import type { CommentSettings, CommentSettingsPatch } from '../../../../comments/index.js';

/**
 * The comment settings form, one entry per field. A field's name is its dotted path in the
 * settings (`moderation.lowThreshold`), which is also the path the service names in an error,
 * so each message lands beside its own field.
 */
export interface CommentField {
  name: string;
  label: string;
  kind: 'number' | 'optional-number' | 'text' | 'textarea' | 'lines' | 'select';
  options?: [string, string][];
  hint?: string;
  read(settings: CommentSettings): string | number | null | string[];
}

const blocklistAction: [string, string][] = [
  ['hold', 'Hold for a moderator'],
  ['reject', 'Reject at once'],
];

export const commentFieldGroups: { title: string; fields: CommentField[] }[] = [
  {
    title: 'Policy',
    fields: [
      { name: 'policy', label: 'Comments', kind: 'select', options: [['open', 'Open (each article decides)'], ['closed', 'Closed on every article']], read: (s) => s.policy },
      { name: 'closeAfterDays', label: 'Close comments after (days)', kind: 'optional-number', hint: 'Blank keeps them open.', read: (s) => s.closeAfterDays },
    ],
  },
  {
    title: 'Moderation',
    fields: [
      {
        name: 'moderation.mode',
        label: 'Mode',
        kind: 'select',
        options: [
          ['pre', 'Pre: hold every comment for a moderator'],
          ['post', 'Post: publish unless it looks like spam'],
          ['auto', 'Auto: the spam score decides'],
        ],
        read: (s) => s.moderation.mode,
      },
      { name: 'moderation.lowThreshold', label: 'Publish below spam score', kind: 'number', hint: 'From 0 to 1; used by the auto mode.', read: (s) => s.moderation.lowThreshold },
      { name: 'moderation.highThreshold', label: 'Spam at or above score', kind: 'number', hint: 'From 0 to 1; applies in every mode.', read: (s) => s.moderation.highThreshold },
      { name: 'moderation.knownCommenterApprovals', label: 'Approved comments that make a commenter known', kind: 'optional-number', hint: 'Known commenters skip the pre-moderation hold. Blank turns this off.', read: (s) => s.moderation.knownCommenterApprovals },
      { name: 'moderation.linkLimit', label: 'Hold comments with more links than', kind: 'number', read: (s) => s.moderation.linkLimit },
    ],
  },
  {
    title: 'Blocklists',
    fields: [
      { name: 'moderation.blocklists.words.entries', label: 'Blocked words and phrases', kind: 'lines', hint: 'One a line; whole words, any case.', read: (s) => s.moderation.blocklists.words.entries },
      { name: 'moderation.blocklists.words.action', label: 'A blocked word', kind: 'select', options: blocklistAction, read: (s) => s.moderation.blocklists.words.action },
      { name: 'moderation.blocklists.ips.entries', label: 'Blocked IP addresses', kind: 'lines', hint: 'One a line: an address such as 203.0.113.7 or a range such as 203.0.113.0/24.', read: (s) => s.moderation.blocklists.ips.entries },
      { name: 'moderation.blocklists.ips.action', label: 'A blocked address', kind: 'select', options: blocklistAction, read: (s) => s.moderation.blocklists.ips.action },
      { name: 'moderation.blocklists.emailDomains.entries', label: 'Blocked email domains', kind: 'lines', hint: 'One a line; a domain covers its subdomains.', read: (s) => s.moderation.blocklists.emailDomains.entries },
      { name: 'moderation.blocklists.emailDomains.action', label: 'A blocked email domain', kind: 'select', options: blocklistAction, read: (s) => s.moderation.blocklists.emailDomains.action },
    ],
  },
  {
    title: 'Privacy',
    fields: [
      { name: 'retentionDays', label: 'Erase IP address and browser after (days)', kind: 'number', read: (s) => s.retentionDays },
      { name: 'purgeAfterDays', label: 'Delete spam and trash after (days)', kind: 'number', read: (s) => s.purgeAfterDays },
      { name: 'privacyContact', label: 'Privacy contact', kind: 'text', hint: 'Who readers write to for a copy or erasure of their data.', read: (s) => s.privacyContact },
      {
        name: 'privacyText',
        label: 'Privacy page text',
        kind: 'textarea',
        hint: 'Plain text: a line starting “## ” is a heading, “- ” a list item. Blank uses the built-in text. {site}, {retentionDays}, {purgeAfterDays} and {contact} are filled in.',
        read: (s) => s.privacyText,
      },
    ],
  },
];

const allFields = commentFieldGroups.flatMap((g) => g.fields);

/** The form's values for the stored settings. */
export function commentFormValues(settings: CommentSettings): Record<string, string> {
  return Object.fromEntries(
    allFields.map((field) => {
      const value = field.read(settings);
      return [field.name, Array.isArray(value) ? value.join('\n') : value === null ? '' : String(value)];
    }),
  );
}

function fieldValue(field: CommentField, text: string): unknown {
  switch (field.kind) {
    case 'number':
      // Blank is not zero: it reaches the service as "not a number".
      return text.trim() === '' ? Number.NaN : Number(text);
    case 'optional-number':
      return text.trim() === '' ? null : Number(text);
    case 'lines':
      return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    default:
      return text;
  }
}

/** The submitted form as a settings patch; the service validates every value. */
export function commentPatchFrom(form: Record<string, string>): CommentSettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const field of allFields) {
    const keys = field.name.split('.');
    let node = patch;
    for (const key of keys.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = fieldValue(field, form[field.name] ?? '');
  }
  return patch as CommentSettingsPatch;
}
