import { describe, expect, it } from 'vitest';
import { WithArticle, withArticle } from './articles.ts';

describe('the article before a phrase', () => {
  it.each([
    ['employment', 'an employment'],
    ['adult-interdependent', 'an adult-interdependent'],
    ['training', 'a training'],
    ['job-search', 'a job-search'],
    ['union fee', 'a union fee'],
    ['hour', 'an hour'],
    ['Occupational skills training', 'an Occupational skills training'],
  ])('follows the sound of %s', (phrase, expected) => {
    expect(withArticle(phrase)).toBe(expected);
  });

  it('starts a sentence with a capital', () => {
    expect(WithArticle('english-language-learning')).toBe('An english-language-learning');
  });
});
