import { describe, expect, it } from 'vitest';
import { TraceRecorder, type TraceEvent } from '../../../../engine/sim/trace';
import { Prng } from '../../../../engine/sim/prng';

// The compact log must read back exactly the objects `record` would have stored: same values,
// same keys in the same order (JSON traces are compared byte for byte), in recording order.
describe('TraceRecorder compact log', () => {
  const values = [0, 1, 7, 1000, 2 ** 31 - 1, -5, 2 ** 31, 2 ** 40, 1.5, -0];

  function both(rng: Prng, typed: TraceRecorder, plain: TraceRecorder): void {
    const v = () => rng.pick(values);
    const t = v();
    const kind = rng.int(11);
    const type = rng.pick(['AppendEntries', 'RequestVote', 'ClientReply']);
    const role = rng.pick(['leader', 'follower']);
    const ok = rng.int(2) === 0;
    const [a, b, c, d] = [v(), v(), v(), v()];
    switch (kind) {
      case 0:
        typed.send(t, a, b, c, typed.code(type), d);
        plain.record({ t, k: 'send', id: a, from: b, to: c, type, term: d });
        break;
      case 1: {
        const n = v();
        typed.sendN(t, a, b, c, typed.code(type), d, n);
        plain.record({ t, k: 'send', id: a, from: b, to: c, type, term: d, n });
        break;
      }
      case 2:
        typed.sendOk(t, a, b, c, typed.code(type), d, ok);
        plain.record({ t, k: 'send', id: a, from: b, to: c, type, term: d, ok });
        break;
      case 3:
        typed.recv(t, a);
        plain.record({ t, k: 'recv', id: a });
        break;
      case 4: {
        const why = rng.pick(['loss', 'partition', 'down'] as const);
        typed.drop(t, a, why);
        plain.record({ t, k: 'drop', id: a, why });
        break;
      }
      case 5:
        typed.role(t, a, typed.code(role), b);
        plain.record({ t, k: 'role', node: a, role, term: b });
        break;
      case 6:
        typed.commit(t, a, b);
        plain.record({ t, k: 'commit', node: a, index: b });
        break;
      case 7:
        typed.propose(t, a, b, c);
        plain.record({ t, k: 'propose', node: a, index: b, term: c });
        break;
      case 8:
        typed.snapshot(t, a, b, ok);
        plain.record({ t, k: 'snapshot', node: a, index: b, installed: ok });
        break;
      default: {
        const event: TraceEvent = { t, k: 'fault', fault: 'heal' };
        typed.record(event);
        plain.record(event);
      }
    }
  }

  it('reads back what record() stores, across chunks, when read now and then', () => {
    const rng = new Prng(21);
    const typed = new TraceRecorder('full');
    const plain = new TraceRecorder('full');
    const first = typed.events;
    for (let i = 0; i < 40_000; i++) {
      both(rng, typed, plain);
      if (rng.int(5000) === 0) expect(typed.events.length).toBe(i + 1);
    }
    expect(typed.events).toBe(first); // one array, grown in place
    expect(JSON.stringify(typed)).toBe(JSON.stringify(plain));
    typed.events.forEach((e, i) => expect(Object.is(e.t, plain.events[i]!.t)).toBe(true));
  });

  it("records nothing with trace 'off'", () => {
    const off = new TraceRecorder('off');
    off.send(1, 1, 1, 2, off.code('AppendEntries'), 1);
    off.recv(1, 1);
    off.record({ t: 1, k: 'fault', fault: 'heal' });
    expect(off.events).toEqual([]);
  });
});
