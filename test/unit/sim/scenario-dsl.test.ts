import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DslError, runScript } from '../../../engine/raft/cluster/scenario-dsl';

// Golden transcripts in the style of etcd raft's testdata/*.txt: each file is the exact output of
// its own commands (the lines starting with "> ") on seed 1. UPDATE_GOLDEN=1 rewrites them.
const DIR = path.join(__dirname, 'testdata');

describe('scenario DSL golden transcripts', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.txt'))) {
    it(file, () => {
      const golden = readFileSync(path.join(DIR, file), 'utf8').trimEnd();
      const script = golden
        .split('\n')
        .filter((l) => l.startsWith('> '))
        .map((l) => l.slice(2))
        .join('\n');
      const { output, checker } = runScript(script, 1);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path.join(DIR, file), `${output}\n`);
      expect(checker?.ok).toBe(true);
      expect(output).toBe(golden);
    });
  }
});

describe('scenario DSL errors', () => {
  it('rejects commands before add-nodes, unknown commands and unknown nodes, naming the line', () => {
    expect(() => runScript('tick 1', 1)).toThrow(DslError);
    expect(() => runScript('add-nodes 3\nfrobnicate', 1)).toThrow(/line 2: unknown command frobnicate/);
    expect(() => runScript('add-nodes 3\ncrash 9', 1)).toThrow(/no node 9/);
    expect(() => runScript('add-nodes 3\nnetwork lunar', 1)).toThrow(/unknown network preset/);
  });
});
