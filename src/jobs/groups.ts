/**
 * A batch run's chunks (jobs/chunked.ts): whole groups (households) packed into chunks of at least
 * `size` keys, the last one smaller. A group is never split. The set-based jobs read and write a
 * chunk in a few statements whatever its size, so bigger chunks (WAYPOINT_BATCH_CHUNK, default 500)
 * cost fewer round trips and commits.
 */
export function packGroups(groups: readonly (readonly string[])[], size: number): string[][] {
  const packed: string[][] = [];
  let current: string[] = [];
  for (const g of groups) {
    current.push(...g);
    if (current.length >= size) {
      packed.push(current);
      current = [];
    }
  }
  if (current.length) packed.push(current);
  return packed;
}
