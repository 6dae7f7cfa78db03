import type { SourceRule } from '../content/index.js';
import type { FeedItem } from './feed-types.js';

/**
 * The section an item is filed under: the first rule that matches (a category equal to the
 * rule's value, or the value as a whole word of the title, both case-insensitive), else the
 * source's default section, else `fallbackSectionId` (the site's first section).
 */
export function sectionForItem(
  source: { rules: SourceRule[]; defaultSectionId: number | null },
  item: Pick<FeedItem, 'categories' | 'title'>,
  fallbackSectionId: number | undefined,
): number | undefined {
  const categories = new Set(item.categories.map((c) => c.trim().toLowerCase()));
  for (const rule of source.rules) {
    const value = rule.value.trim().toLowerCase();
    if (rule.field === 'category' && categories.has(value)) return rule.sectionId;
    if (rule.field === 'keyword' && containsWord(item.title.toLowerCase(), value)) return rule.sectionId;
  }
  return source.defaultSectionId ?? fallbackSectionId;
}

function containsWord(text: string, word: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(word, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + word.length] ?? '';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = at + 1;
  }
}
