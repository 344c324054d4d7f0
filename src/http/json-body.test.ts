import { describe, expect, it } from 'vitest';
import { poisoningMemberAt } from './json-body.ts';

describe('members secure-json-parse refuses in valid JSON', () => {
  it('names __proto__ and constructor holding prototype where they are, lists included', () => {
    expect(poisoningMemberAt('{"version":5,"__proto__":{}}')).toBe('__proto__');
    expect(poisoningMemberAt('{"constructor":{"prototype":{}}}')).toBe('constructor');
    expect(poisoningMemberAt('{"address":{"line1":"x","__proto__":{"admin":true}}}')).toBe('address.__proto__');
    expect(poisoningMemberAt('{"evidence":[{},{"__proto__":null}]}')).toBe('evidence.1.__proto__');
  });

  it('finds nothing in JSON without them, nor in text that is not JSON', () => {
    expect(poisoningMemberAt('{"constructor":{"name":"x"},"proto":1}')).toBeNull();
    expect(poisoningMemberAt('{"__proto__":')).toBeNull();
    expect(poisoningMemberAt(`${'['.repeat(5000)}${']'.repeat(5000)}`)).toBeNull();
  });
});
