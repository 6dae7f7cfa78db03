import { describe, expect, it } from 'vitest';
import type { StoredCommentRow } from '../../src/comments/comment-repository.js';
import { withArticles } from '../../src/comments/with-articles.js';
import type { ContentServices } from '../../src/content/index.js';
import { NotFoundError } from '../../src/shared/errors.js';

function row(id: number, articleId: number): StoredCommentRow {
  return {
    id,
    article_id: articleId,
    parent_id: null,
    user_id: null,
    author_name: 'Ann',
    author_url: null,
    content_html: '<p>Hi</p>',
    status: 'pending',
    created_at: '2026-09-01T08:00:00.000Z',
    author_email: 'ann@example.com',
    content: 'Hi',
    previous_status: null,
    spam_score: null,
    spam_reasons: '[]',
    flags: '[]',
    ip: null,
    user_agent: null,
    referrer: null,
    moderated_at: null,
    moderated_by: null,
  };
}

/** A content service whose byId knows article 1 only, counting calls per id. */
function contentWithArticleOne(calls: number[], failure?: Error) {
  const byId = async (id: number) => {
    calls.push(id);
    if (failure) throw failure;
    if (id !== 1) throw new NotFoundError('ARTICLE_NOT_FOUND', 'No such article');
    return { id: 1, slug: 'harbour-report', title: 'Harbour report', section: { path: 'world' } };
  };
  return { articles: { byId } } as unknown as ContentServices;
}

describe('withArticles', () => {
  it('looks each distinct article up once and adds its slug, title and path', async () => {
    const calls: number[] = [];
    const comments = await withArticles({ content: contentWithArticleOne(calls) }, [row(1, 1), row(2, 1), row(3, 1)]);
    expect(calls).toEqual([1]);
    expect(comments.map((c) => c.article)).toEqual(Array(3).fill({ id: 1, slug: 'harbour-report', title: 'Harbour report' }));
    expect(comments[0].articlePath).toBe('/world/harbour-report');
  });

  it('keeps a comment whose article cannot be found, with a placeholder and no path', async () => {
    const comments = await withArticles({ content: contentWithArticleOne([]) }, [row(1, 7)]);
    expect(comments[0].article).toEqual({ id: 7, slug: '', title: '(article 7 not found)' });
    expect(comments[0].articlePath).toBeNull();
  });

  it('passes on failures other than a missing article', async () => {
    await expect(withArticles({ content: contentWithArticleOne([], new Error('database down')) }, [row(1, 1)])).rejects.toThrow('database down');
  });

  it('asks nothing for no comments', async () => {
    const calls: number[] = [];
    expect(await withArticles({ content: contentWithArticleOne(calls) }, [])).toEqual([]);
    expect(calls).toEqual([]);
  });
});
