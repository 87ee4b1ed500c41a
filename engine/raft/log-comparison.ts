/** Raft §5.4.1: a log is more up-to-date if its last term is higher, or equal with a longer log. */
export function isUpToDate(candidateLastTerm: number, candidateLastIndex: number, voterLastTerm: number, voterLastIndex: number): boolean {
  return candidateLastTerm > voterLastTerm || (candidateLastTerm === voterLastTerm && candidateLastIndex >= voterLastIndex);
}
