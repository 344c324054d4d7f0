/**
 * A batch run's chunks (jobs/chunked.ts): whole groups (households) packed into chunks, a group
 * never split. The set-based jobs read and write a chunk in a few statements whatever its size, so
 * big chunks (WAYPOINT_BATCH_CHUNK, default 500) cost fewer round trips and commits; but workers
 * sharing a run take chunks until none is left, so the last to finish ends up to one chunk after
 * the others (2 workers on 6 chunks of 500 did 1,500 and 1,155 cases). So a run's chunks shrink
 * towards its end (guided scheduling): each is a quarter of the keys not yet packed, at most `size`
 * and at least `MIN_TAIL_KEYS` (never more than `size`): the bulk of a big run goes in full-size
 * chunks, and its last chunks are small.
 */

/** Each chunk takes at most this share (1 / TAIL_SHARE) of the keys left: the tail stays short for up to 4 workers. */
const TAIL_SHARE = 4;
/** The smallest chunk size the tail shrinks to. */
export const MIN_TAIL_KEYS = 50;

export function packGroups(groups: readonly (readonly string[])[], size: number): string[][] {
  let left = groups.reduce((n, g) => n + g.length, 0);
  const target = () => Math.min(size, Math.max(MIN_TAIL_KEYS, Math.ceil(left / TAIL_SHARE)));
  const packed: string[][] = [];
  let current: string[] = [];
  let goal = target();
  for (const g of groups) {
    current.push(...g);
    if (current.length >= goal) {
      packed.push(current);
      left -= current.length;
      current = [];
      goal = target();
    }
  }
  if (current.length) packed.push(current);
  return packed;
}
