import type { ChargeResult, PaymentRequest, PaymentResponse, ServiceEnv } from '../../api';

/** What the store keeps per idempotency key. */
interface KeyRecord {
  status: 'processing' | 'completed';
  /** The payload the key was first used with. */
  fingerprint: string;
  /** The incarnation that is (or was) processing it: an older one has crashed. */
  owner: number;
  response?: PaymentResponse;
}

type Claim = { kind: 'reply'; response: PaymentResponse } | { kind: 'fresh' } | { kind: 'recover' };

/**
 * Idempotency keys in three atomic phases (the "recovery points" of Stripe's design):
 * 1. claim the key in one transaction: absent → insert "processing" (owned by this incarnation);
 *    another payload → mismatch; completed → the stored response; processing here → "processing";
 *    processing by a crashed incarnation → take it over;
 * 2. charge at the processor with the key as the reference; a takeover first asks the processor
 *    whether the crashed process got that far (findCharge), and charges only if it did not;
 * 3. in one transaction, credit the payee and store the response as completed.
 */
export class PaymentService {
  constructor(private readonly env: ServiceEnv) {}

  async handle(request: PaymentRequest): Promise<PaymentResponse> {
    const key = `idem/${request.idempotencyKey}`;
    const fingerprint = JSON.stringify([request.payer, request.payee, request.amountCents]);
    const me = this.env.incarnation;

    const claim = await this.env.store.transaction((tx): Claim => {
      const record = tx.get(key) as KeyRecord | undefined;
      if (record === undefined) {
        tx.put(key, { status: 'processing', fingerprint, owner: me });
        return { kind: 'fresh' };
      }
      if (record.fingerprint !== fingerprint) return { kind: 'reply', response: { status: 'mismatch' } };
      if (record.status === 'completed') return { kind: 'reply', response: record.response! };
      if (record.owner === me) return { kind: 'reply', response: { status: 'processing' } };
      tx.put(key, { ...record, owner: me });
      return { kind: 'recover' };
    });
    if (claim.kind === 'reply') return claim.response;

    const reference = request.idempotencyKey;
    let result: ChargeResult | null = claim.kind === 'recover' ? await this.env.processor.findCharge(reference) : null;
    if (result === null) result = await this.env.processor.charge({ reference, payer: request.payer, amountCents: request.amountCents });

    const response: PaymentResponse =
      result.outcome === 'charged' ? { status: 'succeeded', chargeId: result.chargeId, amountCents: result.amountCents } : { status: 'declined', reason: result.reason };
    const charged = result.outcome === 'charged';
    return this.env.store.transaction((tx) => {
      if (charged) {
        const balanceKey = `balance/${request.payee}`;
        tx.put(balanceKey, ((tx.get(balanceKey) as number | undefined) ?? 0) + request.amountCents);
      }
      // A decline charged nothing, so there is nothing to remember: free the key for a new try.
      if (charged) tx.put(key, { status: 'completed', fingerprint, owner: me, response });
      else tx.delete(key);
      return response;
    });
  }
}
