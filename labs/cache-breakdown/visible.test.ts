import { expect, stage, test } from '../../grader/harness/api';
import { Singleflight } from './solution';

stage('share', () => {
  test('concurrent calls for one key share one load', async () => {
    const flight = new Singleflight();
    let loads = 0;
    let release!: (value: string) => void;
    const gate = new Promise<string>((resolve) => (release = resolve));
    const load = () => {
      loads++;
      return gate;
    };
    const calls = [flight.run('k', load), flight.run('k', load)];
    expect(loads, 'loads started by two concurrent calls').toBe(1);
    release('value');
    expect(await Promise.all(calls), 'values').toEqual(['value', 'value']);
  });
});
