import { expect, stage, test } from '../../grader/harness/api';
import type { AuditEntry } from './api';
import { Counter } from './solution';

function counterWithAudit(): { counter: Counter; audit: AuditEntry[] } {
  const audit: AuditEntry[] = [];
  return { counter: new Counter((entry) => audit.push({ ...entry })), audit };
}

stage('apply', () => {
  test('a fresh request is applied and answered with the new value', () => {
    const { counter, audit } = counterWithAudit();
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 5 })).toBe(5);
    expect(counter.apply({ clientId: 'a', seq: 2, delta: -2 })).toBe(3);
    expect(counter.value()).toBe(3);
    expect(audit).toEqual([
      { clientId: 'a', seq: 1, valueAfter: 5 },
      { clientId: 'a', seq: 2, valueAfter: 3 },
    ]);
  });
});

stage('dedup', () => {
  test('a retry is answered with its first reply and not applied again', () => {
    const { counter, audit } = counterWithAudit();
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 5 })).toBe(5);
    expect(counter.apply({ clientId: 'a', seq: 1, delta: 5 })).toBe(5);
    expect(counter.value()).toBe(5);
    expect(audit).toHaveLength(1);
  });
});
