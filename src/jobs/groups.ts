/**
 * Bigger chunks for set-based batch work. jobs/chunked.ts packs a job's groups (households) into
 * chunks of at least 50 keys; a job whose chunk reads and writes in a few statements whatever its
 * size (reassessment, the two-attending scan) hands it groups already packed to `size` keys, so that
 * a run costs fewer round trips and commits. A group is never split.
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
