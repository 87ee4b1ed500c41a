import { describe, expect, it } from 'vitest';
import { KvStateMachine } from '../../../engine/raft/kv/kv-state-machine';
import type { KvCommand } from '../../../engine/raft/kv/kv-types';

const cmd = (clientId: number, seq: number, op: KvCommand['op']): KvCommand => ({ clientId, seq, op });

describe('KV state machine (Raft §6.3 client sessions)', () => {
  it('applies get, put and append', () => {
    const sm = new KvStateMachine();
    expect(sm.applyCommand(cmd(1, 1, { type: 'get', key: 'k' }))).toBe('');
    sm.applyCommand(cmd(1, 2, { type: 'put', key: 'k', value: 'a' }));
    sm.applyCommand(cmd(2, 1, { type: 'append', key: 'k', value: 'b' }));
    expect(sm.applyCommand(cmd(1, 3, { type: 'get', key: 'k' }))).toBe('ab');
  });

  it('applies a retried command once and returns its first result', () => {
    const sm = new KvStateMachine();
    sm.applyCommand(cmd(1, 1, { type: 'append', key: 'k', value: 'x' }));
    sm.applyCommand(cmd(1, 1, { type: 'append', key: 'k', value: 'x' }));
    expect(sm.get('k')).toBe('x');
    sm.applyCommand(cmd(2, 1, { type: 'put', key: 'k', value: 'y' }));
    expect(sm.applyCommand(cmd(1, 2, { type: 'get', key: 'k' }))).toBe('y');
    sm.applyCommand(cmd(2, 2, { type: 'put', key: 'k', value: 'z' }));
    expect(sm.applyCommand(cmd(1, 2, { type: 'get', key: 'k' }))).toBe('y'); // the duplicate answers as the original did
    expect(sm.appliedCommands).toBe(4);
  });

  it('snapshots and restores data and sessions, so dedup survives a snapshot install', () => {
    const sm = new KvStateMachine();
    sm.applyCommand(cmd(7, 5, { type: 'append', key: 'k', value: 'q' }));
    const copy = new KvStateMachine();
    copy.restore(JSON.parse(JSON.stringify(sm.snapshot())));
    copy.applyCommand(cmd(7, 5, { type: 'append', key: 'k', value: 'q' }));
    expect(copy.get('k')).toBe('q');
    expect(copy.snapshot()).toEqual(sm.snapshot());
  });

  it('rejects entries that are not KV commands', () => {
    expect(() => new KvStateMachine().apply({ index: 1, term: 1, data: 'raw' })).toThrow(TypeError);
    expect(new KvStateMachine().apply({ index: 1, term: 1, data: null })).toBeNull();
  });
});
