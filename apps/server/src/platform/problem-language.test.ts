import { describe, expect, it } from 'vitest';
import { problemLanguageOf } from './problem-language';

describe('the language of a problem response', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['fr, en;q=0.5', 'en'],
    ['fr, de;q=0.5', 'id'],
    ['en;q=0.2, id;q=0.8', 'id'],
    ['en;q=0, id;q=0', 'id'],
    ['*', 'id'],
    ['en;q=abc', 'en'],
    [`${'xx,'.repeat(5000)}en`, 'id'],
  ])('Accept-Language %j speaks %s', (header, language) => {
    expect(problemLanguageOf(header)).toBe(language);
  });
});
