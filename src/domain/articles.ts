/**
 * "a" or "an" before a phrase, by its sound: an employment sub-goal, an adult-interdependent
 * relationship, a union fee, an hour. Messages built from codes and labels read as sentences.
 */
const SOUNDS_LIKE_YOU_OR_WON = /^(uni|use|usu|uti|eu|one|once|ubiq|ur[aeio])/i;
const SILENT_H = /^(hour|honest|honou?r|heir)/i;

export function withArticle(phrase: string): string {
  const vowelSound = (/^[aeiou]/i.test(phrase) && !SOUNDS_LIKE_YOU_OR_WON.test(phrase)) || SILENT_H.test(phrase);
  return `${vowelSound ? 'an' : 'a'} ${phrase}`;
}

/** The same, for the start of a sentence. */
export function WithArticle(phrase: string): string {
  const text = withArticle(phrase);
  return text[0]!.toUpperCase() + text.slice(1);
}
