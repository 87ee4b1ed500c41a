import type { CommitRule } from '../hooks';

/**
 * Raft §5.3 and §5.4.2: the leader commits the highest index stored on a majority, but only if
 * that entry is from its current term (Figure 8); earlier entries are then committed indirectly.
 */
export const referenceCommitRule: CommitRule = (leader) => {
  const sorted = leader.matchIndexes.slice().sort((a, b) => b - a);
  const majority = Math.floor(sorted.length / 2) + 1;
  const candidate = sorted[majority - 1] ?? 0;
  if (candidate <= leader.commitIndex) return leader.commitIndex;
  return leader.log.termAt(candidate) === leader.currentTerm ? candidate : leader.commitIndex;
};
