import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from './permissions.ts';
import { ROLES, type Role, roleSetProblem } from './roles.ts';

const pairs = ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b] as [Role, Role]));
const holds = (roles: readonly Role[], permission: keyof typeof PERMISSIONS) =>
  roles.some((r) => (PERMISSIONS[permission] as readonly Role[]).includes(r));

describe('role sets', () => {
  it('every single role may be held alone', () => {
    for (const role of ROLES) expect(roleSetProblem([role])).toBeNull();
  });

  it('no allowed pair of roles both enters and approves Director Approval evidence', () => {
    for (const pair of pairs.filter((p) => roleSetProblem(p) === null)) {
      expect(holds(pair, 'evidence.write') && holds(pair, 'evidence.approve'), pair.join('+')).toBe(false);
    }
  });

  it('an administrator or an auditor holds no other role', () => {
    for (const [a, b] of pairs.filter(([a, b]) => [a, b].some((r) => r === 'administrator' || r === 'auditor'))) {
      expect(roleSetProblem([a, b]), `${a}+${b}`).not.toBeNull();
    }
  });

  it('a Finance Officer holds no other role: who exports a payment run neither enters, approves nor reads what it pays', () => {
    for (const other of ROLES.filter((r) => r !== ('finance-officer' as Role))) {
      expect(roleSetProblem(['finance-officer' as Role, other]), other).not.toBeNull();
    }
  });

  it('a repeated role counts once', () => {
    expect(roleSetProblem(['administrator', 'administrator'])).toBeNull();
  });
});
