import { describe, expect, it } from 'vitest';
import { duplicateCommentHash, normaliseForDuplicate } from '../../src/comments/duplicate.js';
import { duplicateCommentError } from '../../src/comments/errors.js';

const base = { authorEmail: 'ana@example.com', articleId: 7, content: 'Great article, thanks!' };

describe('duplicateCommentHash', () => {
  it('is a stable hex SHA-256', () => {
    expect(duplicateCommentHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(duplicateCommentHash(base)).toBe(duplicateCommentHash({ ...base }));
  });

  it('ignores email case, text case and whitespace differences', () => {
    const same = { authorEmail: ' ANA@Example.com ', articleId: 7, content: '  GREAT   article,\n\tthanks! ' };
    expect(duplicateCommentHash(same)).toBe(duplicateCommentHash(base));
    expect(normaliseForDuplicate('Straße ＡＢＣ')).toBe(normaliseForDuplicate('STRASSE abc'));
  });

  it('differs for another author, another Article or other words', () => {
    const hash = duplicateCommentHash(base);
    expect(duplicateCommentHash({ ...base, authorEmail: 'bo@example.com' })).not.toBe(hash);
    expect(duplicateCommentHash({ ...base, articleId: 8 })).not.toBe(hash);
    expect(duplicateCommentHash({ ...base, content: 'Great article, thanks!!' })).not.toBe(hash);
  });

  it('cannot be collided by moving text across field boundaries', () => {
    const a = duplicateCommentHash({ authorEmail: 'a@b.c', articleId: 1, content: '2 x' });
    const b = duplicateCommentHash({ authorEmail: 'a@b.c', articleId: 12, content: 'x' });
    expect(a).not.toBe(b);
  });

  it('comes with the 409 error the service answers with', () => {
    const error = duplicateCommentError({ articleId: 7 });
    expect([error.kind, error.code, error.userMessage]).toEqual(['conflict', 'COMMENT_DUPLICATE', 'Duplicate comment detected']);
  });
});
