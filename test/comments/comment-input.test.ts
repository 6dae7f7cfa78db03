import { describe, expect, it } from 'vitest';
import { countCharacters, validateCommentInput } from '../../src/comments/comment-input.js';

const guest = { guest: true };
const valid = { content: 'A fair point.', authorName: 'Ana', authorEmail: 'Ana@Example.COM' };

function errorsOf(raw: unknown, options = guest) {
  const result = validateCommentInput(raw, options);
  return result.ok ? [] : result.errors;
}

describe('validateCommentInput', () => {
  it('accepts a valid guest comment, trimming and lowercasing the email', () => {
    expect(validateCommentInput({ ...valid, content: '  A fair point.  \n' }, guest)).toEqual({
      ok: true,
      value: { content: 'A fair point.', authorName: 'Ana', authorEmail: 'ana@example.com' },
    });
  });

  it('refuses 1 character and accepts 2, after trimming', () => {
    expect(errorsOf({ ...valid, content: '  a  ' })).toEqual([{ field: 'content', message: expect.stringContaining('too short') }]);
    expect(errorsOf({ ...valid, content: 'ab' })).toEqual([]);
  });

  it('accepts 5,000 characters and refuses 5,001', () => {
    expect(errorsOf({ ...valid, content: 'x'.repeat(5000) })).toEqual([]);
    expect(errorsOf({ ...valid, content: 'x'.repeat(5001) })).toEqual([{ field: 'content', message: expect.stringContaining('too long') }]);
  });

  it('counts an emoji as one character, not its UTF-16 units', () => {
    expect(countCharacters('👍🏽')).toBe(1);
    expect(countCharacters('👨‍👩‍👧')).toBe(1);
    expect(errorsOf({ ...valid, content: '😀'.repeat(5000) })).toEqual([]);
    expect(errorsOf({ ...valid, content: `${'x'.repeat(4999)}👍🏽` })).toEqual([]);
    expect(errorsOf({ ...valid, content: '😀'.repeat(5001) })).toHaveLength(1);
    // One emoji is two UTF-16 units but one character, so it is too short on its own.
    expect(errorsOf({ ...valid, content: '😀' })).toHaveLength(1);
    expect(errorsOf({ ...valid, content: '😀😀' })).toEqual([]);
  });

  it('caps storage for text stacked with combining marks', () => {
    const zalgo = `a${'\u0301'.repeat(25_000)}bc`;
    expect(errorsOf({ ...valid, content: zalgo })).toEqual([{ field: 'content', message: expect.stringContaining('too long') }]);
  });

  it('requires name and email from guests, one error per field, in form order', () => {
    expect(errorsOf({ content: '', authorName: ' ', authorEmail: '' })).toEqual([
      { field: 'content', message: 'Please write a comment.' },
      { field: 'authorName', message: 'Please enter your name.' },
      { field: 'authorEmail', message: 'Please enter your email address.' },
    ]);
  });

  it('does not require name and email from signed-in Commenters', () => {
    expect(validateCommentInput({ content: 'Hello there' }, { guest: false })).toEqual({ ok: true, value: { content: 'Hello there' } });
  });

  it.each(['not-an-email', 'a@', '@b.com', 'a b@c.com', `${'a'.repeat(250)}@b.com`])('refuses the email %s', (authorEmail) => {
    expect(errorsOf({ ...valid, authorEmail }).map((e) => e.field)).toEqual(['authorEmail']);
  });

  it('accepts an http(s) website, normalised, and drops an empty one', () => {
    const result = validateCommentInput({ ...valid, authorUrl: 'https://Example.com' }, guest);
    expect(result.ok && result.value.authorUrl).toBe('https://example.com/');
    const empty = validateCommentInput({ ...valid, authorUrl: '  ' }, guest);
    expect(empty.ok && 'authorUrl' in empty.value).toBe(false);
  });

  it.each(['javascript:alert(1)', 'ftp://example.com', 'example.com', 'data:text/html,hi', 'http://'])(
    'refuses the website %s with a field error',
    (authorUrl) => {
      expect(errorsOf({ ...valid, authorUrl })).toEqual([{ field: 'authorUrl', message: expect.stringContaining('http://') }]);
    },
  );

  it('coerces a form parentId and refuses a non-id', () => {
    const result = validateCommentInput({ ...valid, parentId: '42' }, guest);
    expect(result.ok && result.value.parentId).toBe(42);
    for (const parentId of ['abc', '0', '-3', '1.5', 2 ** 60]) {
      expect(errorsOf({ ...valid, parentId }).map((e) => e.field)).toEqual(['parentId']);
    }
  });

  it('drops unknown fields and survives non-object input', () => {
    const result = validateCommentInput({ ...valid, status: 'approved', isAdmin: true }, guest);
    expect(result.ok && Object.keys(result.value).sort()).toEqual(['authorEmail', 'authorName', 'content']);
    expect(errorsOf(null).map((e) => e.field)).toEqual(['content', 'authorName', 'authorEmail']);
    expect(errorsOf({ ...valid, content: 42 }).map((e) => e.field)).toEqual(['content']);
  });

  it('refuses a name over 100 characters', () => {
    expect(errorsOf({ ...valid, authorName: 'n'.repeat(101) }).map((e) => e.field)).toEqual(['authorName']);
  });
});
