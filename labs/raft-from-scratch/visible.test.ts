import { forSeeds, stage } from '../../grader/harness/api';
import { createNode } from './solution';
import { kvMinorityPut, runScenario } from './support';

stage('election', () => {
  forSeeds('catalogue: initial-election', [3], (seed) => runScenario(createNode, 'initial-election', seed));
  forSeeds('catalogue: re-election', [3], (seed) => runScenario(createNode, 're-election', seed));
});

stage('replication', () => {
  forSeeds('catalogue: basic-agreement', [3], (seed) => runScenario(createNode, 'basic-agreement', seed));
  forSeeds('catalogue: backup', [3], (seed) => runScenario(createNode, 'backup', seed));
});

stage('persistence', () => {
  forSeeds('catalogue: persist-crash-all', [3], (seed) => runScenario(createNode, 'persist-crash-all', seed));
});

stage('snapshots', () => {
  forSeeds('catalogue: snapshot-lagging-crash', [3], (seed) => runScenario(createNode, 'snapshot-lagging-crash', seed));
});

stage('service', () => {
  forSeeds('a put to a minority leader does not complete', [41], (seed) => kvMinorityPut(createNode, seed, 5));
});
