/**
 * Refusal sentences the web UI also shows before the click (web/src/components/plan/), kept in
 * this dependency-free module so both say exactly the same words.
 */

/** R03 Key Notes: each official updates and completes their own plan items. */
export const NOT_ITEM_OWNER_DETAIL = 'Only the official who owns this plan item can change it; a supervisor can reassign it.';
