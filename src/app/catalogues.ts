/** The catalogues the UI offers in its forms (needs, plan items, evidence types), for any signed-in reader. */
import { EVIDENCE_TYPES } from '../domain/benefits/evidence.ts';
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS } from '../domain/service-plans/closure.ts';
import type { Actor, AppContext } from './context.ts';
import { authorize } from './permissions.ts';

/** Needs an assessment can identify, with the goal each sets. */
export function needCatalogue(ctx: AppContext, actor: Actor) {
  authorize(actor, 'catalogue.read');
  return { needs: ctx.needs.needs.map(({ code, label, goal }) => ({ code, label, goal })) };
}

/** Sub-goal types, plan item types and closure reasons. */
export function planItemCatalogue(ctx: AppContext, actor: Actor) {
  authorize(actor, 'catalogue.read');
  return {
    subGoalTypes: ctx.planItems.subGoalTypes,
    itemTypes: ctx.planItems.itemTypes,
    closureReasons: CLOSURE_REASONS.map((code) => ({ code, label: CLOSURE_REASON_LABELS[code] })),
    placeholder: ctx.planItems.placeholder,
    source: ctx.planItems.source,
  };
}

/** Evidence types, their subtypes and whether E04 splits them. */
export function evidenceTypeCatalogue(actor: Actor) {
  authorize(actor, 'catalogue.read');
  return {
    evidenceTypes: EVIDENCE_TYPES.map((t) => ({
      code: t.code,
      label: t.label,
      role: t.role,
      basis: t.basis,
      subtypes: t.subtypes,
      subtypeRequired: t.subtypeRequired,
      signed: t.signed,
      personRequired: t.personRequired,
      rule: t.rule,
    })),
  };
}
