import { z } from 'zod';
import type { Db } from '../db/dialect.js';
import { InvalidError } from '../shared/errors.js';
import { createSectionRepository } from './section-repository.js';
import { type SourceSettings, sourceRuleSchema } from './source.js';

/** Checks of a source's name and settings; each error names the form field at fault. */

function invalid(field: string, message: string): InvalidError {
  return new InvalidError('SOURCE_INVALID', message, { details: { field } });
}

export function checkSourceName(raw: string): string {
  const name = raw.trim();
  if (!name) throw invalid('name', 'A source needs a name');
  if (name.length > 120) throw invalid('name', 'The name must be at most 120 characters');
  return name;
}

/** Blank means none; anything else must be an absolute http(s) address. */
function checkUrl(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  if (!trimmed) return null;
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || trimmed.length > 2000) {
    throw invalid(field, 'Enter a full web address starting with http:// or https://');
  }
  return trimmed;
}

function checkInterval(seconds: number | undefined): void {
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 60 || seconds > 7 * 86_400)) {
    throw new InvalidError('SOURCE_INTERVAL_INVALID', 'The poll interval must be a whole number of seconds from 60 (1 minute) to 604800 (a week)', {
      details: { field: 'pollIntervalSeconds' },
    });
  }
}

/** The settings given, trimmed and checked against the sections that exist. */
export async function checkSourceSettings(db: Db, settings: SourceSettings): Promise<SourceSettings> {
  const feedUrl = checkUrl('feedUrl', settings.feedUrl);
  const homepage = checkUrl('homepage', settings.homepage);
  if (settings.policy !== undefined && settings.policy !== 'review' && settings.policy !== 'publish') {
    throw invalid('policy', 'The policy must be review or publish');
  }
  const attributionTemplate = settings.attributionTemplate?.trim();
  if (attributionTemplate !== undefined && attributionTemplate.length > 200) throw invalid('attributionTemplate', 'The attribution must be at most 200 characters');
  checkInterval(settings.pollIntervalSeconds);
  const rules = settings.rules === undefined ? undefined : z.array(sourceRuleSchema).safeParse(settings.rules);
  if (rules && !rules.success) throw invalid('rules', 'Each rule needs a category or keyword of up to 200 characters and a section');
  const defaultSectionId = settings.defaultSectionId;
  if ((defaultSectionId !== undefined && defaultSectionId !== null) || rules?.data?.length) {
    const sectionIds = new Set((await createSectionRepository(db).listAll()).map((s) => s.id));
    if (defaultSectionId !== undefined && defaultSectionId !== null && !sectionIds.has(defaultSectionId)) throw invalid('defaultSectionId', 'That section does not exist');
    if (rules?.data?.some((r) => !sectionIds.has(r.sectionId))) throw invalid('rules', 'A rule names a section that does not exist');
  }
  return { ...settings, feedUrl, homepage, attributionTemplate, rules: rules?.data };
}
