import { describe, expect, it } from 'vitest';
import type { AdminArticle } from '../../src/content/index.js';
import { articleChanges, readArticleForm } from '../../src/web/admin/routes/articles/article-form.js';
import { fromWallTime, toWallTime } from '../../src/web/admin/routes/articles/wall-time.js';

describe('datetime-local in the site time zone', () => {
  it('reads wall time in winter, summer and UTC', () => {
    expect(fromWallTime('2026-11-24T17:40', 'Europe/Sofia')).toEqual(new Date('2026-11-24T15:40:00Z'));
    expect(fromWallTime('2026-07-01T09:00', 'Europe/Sofia')).toEqual(new Date('2026-07-01T06:00:00Z'));
    expect(fromWallTime('2026-07-01T09:00:30', 'America/New_York')).toEqual(new Date('2026-07-01T13:00:30Z'));
    expect(fromWallTime('2026-11-24T17:40', 'UTC')).toEqual(new Date('2026-11-24T17:40:00Z'));
  });

  it('gives a time on either side of a daylight-saving jump, never nonsense', () => {
    // 03:30 does not exist in Sofia on 29 March 2026: clocks go from 03:00 to 04:00.
    const skipped = fromWallTime('2026-03-29T03:30', 'Europe/Sofia')?.getTime();
    expect([new Date('2026-03-29T00:30:00Z').getTime(), new Date('2026-03-29T01:30:00Z').getTime()]).toContain(skipped);
  });

  it('refuses what is no date and time', () => {
    for (const value of ['', 'soon', '2026-02-30T10:00', '2026-11-24T24:00', '2026-11-24T10:60', '2026-13-01T10:00', '1969-12-31T23:59', '2026-11-24 10:00', '+02026-11-24T10:00']) {
      expect(fromWallTime(value, 'Europe/Sofia'), value).toBeNull();
    }
  });

  it('writes an instant back as the same wall time', () => {
    const at = new Date('2026-11-25T07:30:00Z');
    expect(toWallTime(at, 'Europe/Sofia')).toBe('2026-11-25T09:30');
    expect(fromWallTime(toWallTime(at, 'Asia/Kolkata'), 'Asia/Kolkata')).toEqual(at);
  });
});

describe('the editor form', () => {
  const typed = (fields: Record<string, string>) => readArticleForm({ title: 'T', body: 'B', sectionId: '3', tags: ' a, ,b ,', sourceId: '', originalUrl: ' ', version: '4', ...fields });
  const changesOf = (fields: Record<string, string>, current: Partial<AdminArticle> | null = null) => {
    const { values, intent } = typed(fields);
    return articleChanges(values, intent, 'Europe/Sofia', current as AdminArticle | null);
  };

  it('maps fields to service input, leaving ids that are no ids for the service to refuse', () => {
    expect(changesOf({})).toEqual({
      changes: { title: 'T', slug: '', excerpt: '', body: 'B', sectionId: 3, sourceId: null, originalUrl: null, tags: ['a', 'b'] },
    });
    const odd = changesOf({ sectionId: '3; drop table', sourceId: '1e3', authorId: '' });
    expect(odd).toMatchObject({ changes: { sectionId: Number.NaN, sourceId: Number.NaN, authorId: null } });
  });

  it('turns each button into what it asks for', () => {
    expect(typed({ intent: 'nonsense' }).intent).toBe('save');
    expect(changesOf({ intent: 'submit' })).toMatchObject({ changes: { submitted: true } });
    expect(changesOf({ intent: 'publish' }, { status: 'scheduled' })).toMatchObject({ changes: { status: 'published', publishedAt: null } });
    expect('publishedAt' in (changesOf({ intent: 'publish' }, { status: 'published' }) as { changes: object }).changes).toBe(false);
    expect(changesOf({ intent: 'unpublish' })).toMatchObject({ changes: { status: 'draft', publishedAt: null } });
    expect(changesOf({ intent: 'schedule', publishedAt: '2026-11-25T09:30' })).toMatchObject({ changes: { status: 'scheduled', publishedAt: new Date('2026-11-25T07:30:00Z') } });
    expect(changesOf({ intent: 'schedule', publishedAt: 'tomorrow' })).toEqual({ errors: { publishedAt: 'Choose a date and time (Europe/Sofia) to publish at.' } });
  });
});
