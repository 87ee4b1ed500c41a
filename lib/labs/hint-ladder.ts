/**
 * The rules of a lab's hint ladder (issue 19), pure so they are tested without a browser.
 * Each stage lists README hint ids, gentlest first (lab.json `stages[].hints`). A hint listed by a
 * stage opens only after the hints before it in that stage are revealed (one of its stages suffices
 * when a hint serves several); a hint no stage lists is always open. After a failing test, the
 * results show the first unrevealed hint of that test's stage.
 */

export interface LadderStage {
  id: string;
  hints?: readonly string[];
}

/** Whether the learner may open this hint now. */
export function hintAvailable(stages: readonly LadderStage[], revealed: ReadonlySet<string>, id: string): boolean {
  if (revealed.has(id)) return true;
  let listed = false;
  for (const stage of stages) {
    const list = stage.hints ?? [];
    const at = list.indexOf(id);
    if (at < 0) continue;
    listed = true;
    if (list.slice(0, at).every((h) => revealed.has(h))) return true;
  }
  return !listed;
}

/** The hint to reveal first before this one can open (null when it is open). */
export function hintBlockedBy(stages: readonly LadderStage[], revealed: ReadonlySet<string>, id: string): string | null {
  if (hintAvailable(stages, revealed, id)) return null;
  for (const stage of stages) {
    const list = stage.hints ?? [];
    const at = list.indexOf(id);
    if (at < 0) continue;
    const missing = list.slice(0, at).find((h) => !revealed.has(h));
    if (missing !== undefined) return missing;
  }
  return null;
}

/**
 * The hint the results show for a failing test of this stage: its first unrevealed hint, or, once
 * all are revealed, the last (strongest) one again; null for an unknown stage or one without hints.
 */
export function hintForFailure(stages: readonly LadderStage[], revealed: ReadonlySet<string>, stageId: string | undefined): { id: string; allRevealed: boolean } | null {
  if (stageId === undefined) return null;
  const list = stages.find((s) => s.id === stageId)?.hints ?? [];
  if (list.length === 0) return null;
  const next = list.find((h) => !revealed.has(h));
  return next !== undefined ? { id: next, allRevealed: false } : { id: list[list.length - 1]!, allRevealed: true };
}

/** localStorage key of a lab's revealed hints. */
export const revealedHintsKey = (labId: string) => `dsd:lab-hints:${labId}`;

/** The revealed ids stored for a lab (unknown entries and malformed values dropped). */
export function parseRevealed(raw: string | null): Set<string> {
  if (!raw) return new Set();
  try {
    const value: unknown = JSON.parse(raw);
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length <= 80) : []);
  } catch {
    return new Set();
  }
}
