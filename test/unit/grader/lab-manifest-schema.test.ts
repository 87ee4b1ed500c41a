import { describe, expect, it } from 'vitest';
import { labManifestSchema } from '@/grader/lab-manifest-schema';
import { defaultLimits, hardLimits } from '@/grader/limits';

const valid = {
  id: 'hello-counter',
  topic: 'idempotency',
  title: 'An exactly-once counter',
  summary: 'Apply each increment once.',
  difficulty: 'intro',
  estimatedMinutes: 25,
  stages: [{ id: 'apply', title: 'Apply' }],
};

describe('lab.json schema', () => {
  it('fills in default limits and related lessons', () => {
    const parsed = labManifestSchema.parse(valid);
    expect(parsed.limits).toEqual(defaultLimits);
    expect(parsed.relatedLessons).toEqual([]);
  });

  it('rejects limits above the hard ceilings', () => {
    for (const [key, max] of Object.entries(hardLimits)) {
      const result = labManifestSchema.safeParse({ ...valid, limits: { [key]: max + 1 } });
      expect(result.success, key).toBe(false);
    }
    expect(labManifestSchema.safeParse({ ...valid, limits: hardLimits }).success).toBe(true);
  });

  it('rejects unknown keys, non-kebab ids, duplicate stages and no stages', () => {
    expect(labManifestSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(labManifestSchema.safeParse({ ...valid, id: 'Hello_Counter' }).success).toBe(false);
    expect(labManifestSchema.safeParse({ ...valid, stages: [] }).success).toBe(false);
    expect(labManifestSchema.safeParse({ ...valid, stages: [valid.stages[0], valid.stages[0]] }).success).toBe(false);
    expect(labManifestSchema.safeParse({ ...valid, relatedLessons: ['no-slash'] }).success).toBe(false);
  });
});
