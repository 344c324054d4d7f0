/**
 * No developer text in what a person reads (issue 13): the sentences the server sends (a refusal's
 * or problem's detail and rule, a problem's title, a task's title and detail, a validation message)
 * name fields and files in words. This reads every server source file with the TypeScript parser and
 * checks the literal text of those messages (not the values put into them) for a field path
 * ("evidence.0.amount"), a programmer's name ("phoneOrEmail") or a file name ("scenarios.md").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from '../../test/support/source-files.ts';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Properties whose text a person reads. */
const MESSAGE_PROPERTIES = new Set(['detail', 'rule', 'title', 'message', 'reason']);
/** Message texts sent to a person (the CLI's and the store's texts are for operators). */
const LAYERS = ['domain', 'policy', 'app', 'http'];

const DEVELOPER_TEXT: readonly [string, RegExp][] = [
  ['a field path', /\b[a-z][A-Za-z]*\.\d+(?:\.[a-z][A-Za-z]*)?\b/],
  ['a programmer’s name', /\b[a-z]+[A-Z][A-Za-z]*\b/],
  ['a file name', /\b[\w-]+\.(?:md|ts|tsx|js|json|sql)\b/],
];

type Token =
  | { readonly kind: 'text'; readonly parts: readonly string[]; readonly at: number }
  | { readonly kind: 'punct'; readonly char: string; readonly at: number }
  | { readonly kind: 'word'; readonly word: string; readonly at: number };

const REGEX_BEFORE = /[(,=:[!&|?{};]$/;

/**
 * A small TypeScript lexer, enough to find string texts: comments are skipped, a template's text
 * includes the texts of the strings inside its `${}` (a ternary's two wordings), regex literals are
 * passed over.
 */
function lex(code: string, from = 0, until?: string): { tokens: Token[]; end: number } {
  const tokens: Token[] = [];
  let i = from;
  let depth = 0;
  let last = '';
  while (i < code.length) {
    const c = code[i]!;
    if (until && c === '}' && depth === 0) return { tokens, end: i };
    if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i) === -1 ? code.length : code.indexOf('\n', i);
    else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i + 2) + 2;
    else if (c === '/' && (REGEX_BEFORE.test(last) || /\breturn$/.test(last))) {
      let j = i + 1;
      let inClass = false;
      while (j < code.length && (code[j] !== '/' || inClass)) {
        if (code[j] === '\\') j++;
        else if (code[j] === '[') inClass = true;
        else if (code[j] === ']') inClass = false;
        j++;
      }
      i = j + 1;
      last = 'x';
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < code.length && code[j] !== c) {
        if (code[j] === '\\') j++;
        text += code[j];
        j++;
      }
      tokens.push({ kind: 'text', parts: [text], at: i });
      i = j + 1;
      last = 'x';
    } else if (c === '`') {
      const parts: string[] = [];
      let text = '';
      let j = i + 1;
      while (j < code.length && code[j] !== '`') {
        if (code[j] === '\\') {
          text += code[j + 1];
          j += 2;
        } else if (code[j] === '$' && code[j + 1] === '{') {
          parts.push(text);
          text = '';
          const inner = lex(code, j + 2, '}');
          for (const t of inner.tokens) if (t.kind === 'text') parts.push(...t.parts);
          j = inner.end + 1;
        } else text += code[j++];
      }
      parts.push(text);
      tokens.push({ kind: 'text', parts, at: i });
      i = j + 1;
      last = 'x';
    } else if (/[A-Za-z_$]/.test(c)) {
      const word = /^[\w$]+/.exec(code.slice(i, i + 80))![0];
      tokens.push({ kind: 'word', word, at: i });
      i += word.length;
      last = word === 'return' ? 'return' : 'x';
    } else {
      if (!/\s/.test(c)) {
        if ('([{'.includes(c)) depth++;
        if (')]}'.includes(c)) depth--;
        tokens.push({ kind: 'punct', char: c, at: i });
        last = c;
      }
      i++;
    }
  }
  return { tokens, end: i };
}

/** The texts from token `start` to the end of the expression (a `,`, `;` or closing bracket at its depth). */
function expressionTexts(tokens: readonly Token[], start: number): { texts: string[]; at: number } {
  const texts: string[] = [];
  let depth = 0;
  for (let k = start; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'punct') {
      if (depth === 0 && ',;)]}'.includes(t.char)) break;
      if ('([{'.includes(t.char)) depth++;
      if (')]}'.includes(t.char)) depth--;
    }
    if (t.kind === 'text') texts.push(...t.parts);
  }
  return { texts, at: tokens[start]?.at ?? 0 };
}

interface Message {
  where: string;
  text: string;
}

function messagesOf(file: string): Message[] {
  const code = readFileSync(file, 'utf8');
  const { tokens } = lex(code);
  const found: Message[] = [];
  const add = (start: number) => {
    const { texts, at } = expressionTexts(tokens, start);
    const line = code.slice(0, at).split('\n').length;
    for (const text of texts) found.push({ where: `${path.relative(src, file)}:${line}`, text });
  };
  tokens.forEach((t, k) => {
    const next = tokens[k + 1];
    // `detail: ...` (an object's property; a type's `detail: string` holds no text)
    if (t.kind === 'word' && MESSAGE_PROPERTIES.has(t.word) && next?.kind === 'punct' && next.char === ':') add(k + 2);
    // new AppError(CODE, message, ...)
    if (
      t.kind === 'word' &&
      t.word === 'AppError' &&
      tokens[k - 1]?.kind === 'word' &&
      (tokens[k - 1] as { word: string }).word === 'new'
    ) {
      let j = k + 2;
      while (j < tokens.length && !(tokens[j]!.kind === 'punct' && (tokens[j] as { char: string }).char === ',')) j++;
      add(j + 1);
    }
  });
  return found;
}

const messages = LAYERS.flatMap((layer) => sourceFiles(path.join(src, layer))).flatMap(messagesOf);

describe('messages a person reads hold no developer text', () => {
  it('finds the messages it checks (the walk reaches the catalogue)', () => {
    expect(messages.length).toBeGreaterThan(200);
    expect(messages.some((m) => m.where.startsWith('domain/service-plans/closure.ts'))).toBe(true);
  });

  it.each(DEVELOPER_TEXT)('no message text holds %s', (_what, pattern) => {
    const offending = messages.filter((m) => pattern.test(m.text)).map((m) => `${m.where}: ${m.text}`);
    expect(offending).toEqual([]);
  });
});
