import type { CommentSettings } from './comment-settings.js';

/**
 * The built-in /privacy text. Every claim must stay true of the code: what submitComment
 * stores, what retention.ts erases and when (also in the spam filter's examples, see
 * src/spam/example-privacy.ts), what commenter-data.ts exports and erases, and the one cookie
 * the web layer sets. Placeholders in braces are filled from the settings.
 */
export const defaultPrivacyText = `## What we store when you comment
When you leave a comment on {site}, we store what you typed into the form: your comment, your name, your email address and, if you gave one, your website. With it we store the time you sent it, your IP address, your browser's user agent string and the page you came from (the referrer).

## Why
Your name, your website and your comment are shown with your comment. Your email address is never shown: we use it to recognise a returning commenter (whose earlier comments were approved), to stop the same comment being posted twice, and to find your comments if you ask for them. The IP address, user agent and referrer help us fight spam and abuse and limit how many comments one address can send.

## Spam filtering stays on this server
Every comment is checked for spam by software running on this site's own server. No comment data leaves the server for spam checks: nothing is sent to any other company or service.

## How long we keep it
- IP address, user agent and referrer: erased automatically {retentionDays} days after the comment was sent.
- Comments marked as spam or moved to the trash: deleted for good {purgeAfterDays} days after that happened.
- Comments a moderator marks as spam or not spam: also kept, with their text, name and website, as examples this site's own spam filter learns from. Their IP address, user agent and the part of the email address before the @ are never kept with them (only a one-way code made from the address, so that a request from you finds them); their referrer is erased {retentionDays} days after the moderator's decision.
- Other comments, with your name, email address and website: kept while the article is online, unless you ask us to erase them.

## Getting your data, or having it erased
You can ask for a copy of everything stored about your comments, or for it to be erased. Write to {contact} from the email address you commented with. We can anonymise your comments (the text stays, your name becomes "Anonymous", and your email address, website, IP address and user agent are dropped) or delete them entirely. Export and erase requests cover the spam filter's examples of your comments too.

## Cookies
If your comment waits for moderation, we set one cookie, bs_pending, so that you alone can see your comment until it is approved. It holds only the comment numbers, is signed so it cannot be altered, and expires after 7 days.`;

/** The privacy text with `{site}`, `{retentionDays}`, `{purgeAfterDays}` and `{contact}` filled in. */
export function privacyText(settings: CommentSettings, siteTitle: string): string {
  const template = settings.privacyText.trim() === '' ? defaultPrivacyText : settings.privacyText;
  const values: Record<string, string> = {
    site: siteTitle,
    retentionDays: String(settings.retentionDays),
    purgeAfterDays: String(settings.purgeAfterDays),
    contact: settings.privacyContact || "the site's editors",
  };
  return template.replace(/\{(site|retentionDays|purgeAfterDays|contact)\}/g, (_, key: string) => values[key]);
}
