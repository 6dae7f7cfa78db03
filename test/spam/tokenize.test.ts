import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/spam/features.js';
import { isDisguised, skeleton, tokenize } from '../../src/spam/tokenize.js';

describe('tokenize', () => {
  it('undoes leet spelling in the skeleton but leaves numbers alone', () => {
    expect(skeleton('v1agra')).toBe('viagra');
    expect(skeleton('ch3ck')).toBe('check');
    expect(skeleton('ch4nnel')).toBe('channel');
    expect(skeleton('fr33')).toBe('free');
    expect(skeleton('$ubscr!be')).toBe('subscribe');
    expect(skeleton('2014')).toBe('2014');
    expect(skeleton('soooooo')).toBe('soo');
    expect(skeleton('subscribe')).toBe('subscribe');
  });

  it('turns Cyrillic and Greek lookalikes in a Latin word into Latin letters, and leaves Cyrillic words alone', () => {
    expect(skeleton('vіagra')).toBe('viagra'); // Cyrillic і
    expect(skeleton('сhесk')).toBe('check'); // Cyrillic с and е
    expect(skeleton('frεε')).toBe('free'); // Greek ε
    expect(skeleton('сайт')).toBe('сайт');
    expect(skeleton('новини')).toBe('новини');
    expect(skeleton('αθήνα')).toBe('αθήνα');
    // Digits in a Cyrillic word are not leet for Latin letters.
    expect(skeleton('сайт1')).toBe('сайт1');
    expect(skeleton('н0вини')).toBe('н0вини');
    expect(skeleton('браво!браво')).toBe('бравобраво');
    expect(skeleton('zzz')).toBe('zz');
    expect(skeleton('café')).toBe('café');
    expect(skeleton('')).toBe('');
  });

  it('folds accents, full-width letters and invisible characters', () => {
    expect(tokenize('ｖｉａｇｒａ vïagra vi\u200bagra').words).toEqual(['viagra', 'viagra', 'viagra']);
  });

  it('joins spaced-out and dotted letters into one word', () => {
    const words = tokenize('get F R E E v.i.a.g.r.a now').words;
    expect(words).toContain('free');
    expect(words.map(skeleton)).toContain('viagra');
    expect(words).toContain('get');
  });

  it('finds links with and without a scheme, and e-mail addresses', () => {
    const t = tokenize('see http://bit.ly/AbC?x=1, www.Example.com/watch and murdev.com; mail me@spam.ru. e.g. not a link');
    expect(t.links.map((l) => l.host)).toEqual(['bit.ly', 'example.com', 'murdev.com', ]);
    expect(t.links[1].pathWords).toEqual(['watch']);
    expect(t.emailDomains).toEqual(['spam.ru']);
    expect(t.words).not.toContain('bit');
    expect(t.words).toContain('e.g');
  });

  it.each([
    ['ch3ck out my ch4nnel', 'leet'],
    ['сhеck out my сhаnnеl', 'Cyrillic lookalikes'],
  ])('gives "%s" (%s) the same word features as the plain spelling', (text) => {
    const plain = extractFeatures({ content: 'check out my channel' });
    const obfuscated = extractFeatures({ content: text });
    const shared = plain.indices.filter((i) => obfuscated.indices.includes(i));
    expect(shared.length / plain.indices.length).toBeGreaterThan(0.6);
    expect(obfuscated.reasons).toContain('obfuscated spelling');
  });

  it.each(["I'm sure they don't know", 'sooooo good', 'Tom’s article'])('does not call "%s" obfuscated: apostrophes and stretched letters are ordinary writing', (text) => {
    expect(extractFeatures({ content: text }).reasons).not.toContain('obfuscated spelling');
  });

  it('tells a disguise from a contraction', () => {
    expect(isDisguised("i'm", skeleton("i'm"))).toBe(false);
    expect(isDisguised('soooo', skeleton('soooo'))).toBe(false);
    expect(isDisguised('v.i.a.g.r.a', skeleton('v.i.a.g.r.a'))).toBe(true);
    expect(isDisguised('fr33', skeleton('fr33'))).toBe(true);
    expect(isDisguised("ch3ck'd", skeleton("ch3ck'd"))).toBe(true);
  });

  it.each(['1980s', '10km', '100m', '1st', '5g', 'mp3', 'e.g', '3.5'])('keeps "%s" as written: numbers with units and abbreviations are not leet', (word) => {
    expect(skeleton(word)).toBe(word);
    expect(extractFeatures({ content: `It was ${word} then` }).reasons).not.toContain('obfuscated spelling');
  });

  it('still undoes leet that looks like a number or an abbreviation', () => {
    expect(skeleton('fr33')).toBe('free');
    expect(skeleton('s3x')).toBe('sex');
    expect(skeleton('fre3')).toBe('free');
    expect(skeleton('s.e.x')).toBe('sex');
    expect(isDisguised('s.e.x', skeleton('s.e.x'))).toBe(true);
  });

  it('finds where sentences open, not at decimals, times or symbols inside words', () => {
    expect(tokenize('It costs 3.5 million. Really? Yes!\r\nNo: 2:19 v!agra').sentenceStarts).toEqual([0, 4, 5, 6, 7]);
    expect(tokenize('Great. l i k e this').words).toEqual(['great', 'like', 'this']);
    expect(tokenize('a b. Then c d e').words).toEqual(['a', 'b', 'then', 'cde']);
    expect(tokenize('Get F. R. E. E. iPhone').words).toEqual(['get', 'free', 'iphone']);
    // One stop between single letters ends a sentence; a chain of them spells a word.
    expect(tokenize('Thank u. L I K E this').words).toEqual(['thank', 'u', 'like', 'this']);
    expect(tokenize('Options:\na\nb\nc').words).toEqual(['options', 'a', 'b', 'c']);
    expect(tokenize('get f-r-e-e stuff').words).toEqual(['get', 'free', 'stuff']);
    expect(tokenize('').sentenceStarts).toEqual([]);
  });

  it('finds long addresses and hosts whole', () => {
    const local = 'x'.repeat(70);
    const t = tokenize(`mail ${local}@a.b.c.d.e.f.g.h.i.example.com or see a.b.c.d.e.f.g.h.i.example.com/x`);
    expect(t.emailDomains).toEqual(['a.b.c.d.e.f.g.h.i.example.com']);
    expect(t.links.map((l) => l.host)).toEqual(['a.b.c.d.e.f.g.h.i.example.com']);
    expect(t.words).toEqual(['mail', 'or', 'see']);
    expect(tokenize('check this out...example.com or -evil.example.org').links.map((l) => l.host)).toEqual(['example.com', 'evil.example.org']);
  });
});
