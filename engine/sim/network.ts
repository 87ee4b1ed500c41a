/**
 * Simulated network. Every link (ordered pair of endpoints) has a profile (the default one unless
 * overridden) that decides, from the seeded PRNG, whether each message is lost, how long it takes,
 * whether it is duplicated or held back. Partitions put nodes in groups; an endpoint that is in no
 * group (a client, say) reaches everyone. Connectivity is checked at send and again at delivery,
 * so a partition also cuts messages already in flight.
 */
import type { Prng } from './prng';
import { RELIABLE, validateProfile, type NetworkProfile } from './network-profile';

export interface Addressed {
  readonly from: number;
  readonly to: number;
}

/** What the network decided for one send. `deliveries` holds the delay of each copy (empty = lost). */
export interface SendDecision {
  readonly dropped: 'loss' | 'partition' | null;
  readonly delaysMs: readonly number[];
}

export interface NetworkStats {
  requestsSent: number;
  repliesSent: number;
  lost: number;
  cut: number;
  duplicated: number;
  heldBack: number;
}

const NO_DELAYS: readonly number[] = [];

export class Network<M extends Addressed> {
  private defaultProfile: NetworkProfile;
  private readonly linkProfiles = new Map<number, NetworkProfile>();
  private readonly groupOf = new Map<number, number>();
  readonly stats: NetworkStats = { requestsSent: 0, repliesSent: 0, lost: 0, cut: 0, duplicated: 0, heldBack: 0 };

  constructor(
    private readonly prng: Prng,
    private readonly isReply: (message: M) => boolean,
    profile: NetworkProfile = RELIABLE,
  ) {
    this.defaultProfile = validateProfile(profile);
  }

  get profile(): NetworkProfile {
    return this.defaultProfile;
  }

  setProfile(profile: NetworkProfile): void {
    this.defaultProfile = validateProfile(profile);
  }

  /** Override one direction of one link (from → to); `null` restores the default profile. */
  setLinkProfile(from: number, to: number, profile: NetworkProfile | null): void {
    const key = linkKey(from, to);
    if (profile === null) this.linkProfiles.delete(key);
    else this.linkProfiles.set(key, validateProfile(profile));
  }

  /** Split the listed nodes into groups that only reach their own group. Unlisted endpoints reach everyone. */
  partition(groups: readonly (readonly number[])[]): void {
    this.groupOf.clear();
    const seen = new Set<number>();
    groups.forEach((group, g) => {
      for (const node of group) {
        if (seen.has(node)) throw new RangeError(`node ${node} is in two partition groups`);
        seen.add(node);
        this.groupOf.set(node, g);
      }
    });
  }

  heal(): void {
    this.groupOf.clear();
  }

  /** The current groups, for traces and assertions; empty when fully connected. */
  groups(): number[][] {
    const out: number[][] = [];
    for (const [node, g] of this.groupOf) (out[g] ??= []).push(node);
    return out.filter((g) => g !== undefined).map((g) => g.sort((a, b) => a - b));
  }

  connected(a: number, b: number): boolean {
    if (this.groupOf.size === 0) return true;
    const ga = this.groupOf.get(a);
    const gb = this.groupOf.get(b);
    return ga === undefined || gb === undefined || ga === gb;
  }

  /** Decide the fate of one message. Draws from the PRNG in a fixed order, so runs replay exactly. */
  send(message: M): SendDecision {
    const copies = this.decide(message.from, message.to, this.isReply(message));
    if (copies === 0) return { dropped: this.lastDrop, delaysMs: NO_DELAYS };
    return { dropped: null, delaysMs: copies === 1 ? [this.delay0] : [this.delay0, this.delay1] };
  }

  /** Why the last `decide` that returned 0 dropped its message. */
  lastDrop: 'loss' | 'partition' = 'loss';
  /** Delay of the first copy of the last `decide` that returned ≥ 1. */
  delay0 = 0;
  /** Delay of the second copy of the last `decide` that returned 2. */
  delay1 = 0;

  /**
   * `send` without the decision object, for hot loops: the number of copies to deliver (0 = lost,
   * see `lastDrop`; their delays in `delay0`, `delay1`). Same draws, same stats as `send`.
   */
  decide(from: number, to: number, reply: boolean): 0 | 1 | 2 {
    const stats = this.stats;
    if (reply) stats.repliesSent++;
    else stats.requestsSent++;
    if (this.groupOf.size !== 0 && !this.connected(from, to)) {
      stats.cut++;
      this.lastDrop = 'partition';
      return 0;
    }
    const p = this.linkProfiles.size === 0 ? this.defaultProfile : (this.linkProfiles.get(linkKey(from, to)) ?? this.defaultProfile);
    const rng = this.prng;
    if (rng.chance(reply ? p.dropReplyPerMille : p.dropRequestPerMille)) {
      stats.lost++;
      this.lastDrop = 'loss';
      return 0;
    }
    this.delay0 = this.delayOf(p, reply);
    if (p.duplicatePerMille > 0 && rng.chance(p.duplicatePerMille)) {
      stats.duplicated++;
      this.delay1 = this.delayOf(p, reply);
      return 2;
    }
    return 1;
  }

  private delayOf(p: NetworkProfile, reply: boolean): number {
    const rng = this.prng;
    if (reply && p.reorderReplyPerMille > 0 && rng.chance(p.reorderReplyPerMille)) {
      this.stats.heldBack++;
      return rng.range(p.reorderDelayMsMin, p.reorderDelayMsMax);
    }
    return p.delayMsMin === p.delayMsMax ? p.delayMsMin : rng.range(p.delayMsMin, p.delayMsMax);
  }
}

function linkKey(from: number, to: number): number {
  return from * 0x10000 + to;
}
