/** Messages between simulated clients and servers; they share the network (and its faults) with Raft traffic. */
import type { Json } from '../types';

export interface ClientRequest {
  readonly type: 'ClientRequest';
  readonly from: number;
  readonly to: number;
  readonly requestId: number;
  readonly body: Json;
}

export interface ClientReply {
  readonly type: 'ClientReply';
  readonly from: number;
  readonly to: number;
  readonly requestId: number;
  readonly body: Json;
}

export type ClientMessage = ClientRequest | ClientReply;
