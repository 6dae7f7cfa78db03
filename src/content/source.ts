import { z } from 'zod';
import { InvalidError } from '../shared/errors.js';
import type { SourceRef } from './article.js';

/** Source types and the pure rules about them. */

/** Files an item under `sectionId` when one of its categories equals `value`, or its title contains it as a word. */
export const sourceRuleSchema = z.object({
  field: z.enum(['category', 'keyword']),
  value: z.string().trim().min(1).max(200),
  sectionId: z.number().int().positive(),
});
export type SourceRule = z.infer<typeof sourceRuleSchema>;

export const DEFAULT_POLL_INTERVAL_SECONDS = 600;

export interface Source extends SourceRef {
  feedUrl: string | null;
  defaultSectionId: number | null;
  policy: 'review' | 'publish';
  rules: SourceRule[];
  pollIntervalSeconds: number;
  isEnabled: boolean;
  /** Its feed may be on a private or loopback address (an intranet wire). */
  isLocal: boolean;
}

export interface SourceSettings {
  feedUrl?: string | null;
  homepage?: string | null;
  defaultSectionId?: number | null;
  policy?: 'review' | 'publish';
  attributionTemplate?: string;
  rules?: SourceRule[];
  pollIntervalSeconds?: number;
  isEnabled?: boolean;
  isLocal?: boolean;
}

/** A source's stored rules; a malformed document counts as none. */
export function parseSourceRules(json: string): SourceRule[] {
  try {
    const parsed = z.array(sourceRuleSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}


/** Rules as the admin edits them, one a line: `category: Sport -> sport` or `keyword: election -> world/politics`. */
export function formatSourceRuleLines(rules: SourceRule[], pathOf: (sectionId: number) => string | undefined): string {
  return rules.map((r) => `${r.field}: ${r.value} -> ${pathOf(r.sectionId) ?? `#${r.sectionId}`}`).join('\n');
}

/** Reads rule lines (blank lines skipped); an error names the line at fault. */
export function parseSourceRuleLines(text: string, sectionIdAt: (path: string) => number | undefined): SourceRule[] {
  const rules: SourceRule[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const fail = (message: string) => new InvalidError('SOURCE_RULE_INVALID', `Line ${index + 1}: ${message}`, { details: { field: 'rules' } });
    const match = /^(category|keyword)\s*:\s*(.+?)\s*->\s*(\S+)$/i.exec(line);
    if (!match) throw fail('write "category: VALUE -> SECTION" or "keyword: WORD -> SECTION"');
    const path = match[3].replace(/^\/+|\/+$/g, '');
    const sectionId = sectionIdAt(path);
    if (sectionId === undefined) throw fail(`there is no section at "${path}" (use its slug path, such as world/europe)`);
    if (match[2].length > 200) throw fail('the value must be at most 200 characters');
    rules.push({ field: match[1].toLowerCase() as SourceRule['field'], value: match[2], sectionId });
  }
  return rules;
}
