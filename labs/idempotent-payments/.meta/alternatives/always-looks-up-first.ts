import type { Json, PaymentRequest, PaymentResponse, ServiceEnv } from '../../api';

/**
 * Alternative: one code path for fresh and recovered keys: every request that owns the key asks
 * the processor with findCharge(reference) before charging (one extra lookup on the happy path, no
 * special case for a takeover). The reference is `payment:<key>`, the fingerprint a JSON object,
 * and the stored response lives under its own store key, written in the completing transaction.
 */
interface Claimed {
  status: 'processing' | 'completed';
  fingerprint: string;
  owner: number;
}

export class PaymentService {
  constructor(private readonly env: ServiceEnv) {}

  async handle(request: PaymentRequest): Promise<PaymentResponse> {
    const { store, processor, incarnation } = this.env;
    const recordKey = `idem/${request.idempotencyKey}`;
    const responseKey = `idem-response/${request.idempotencyKey}`;
    const fingerprint = JSON.stringify({ payer: request.payer, payee: request.payee, amountCents: request.amountCents });

    const early = await store.transaction((tx): PaymentResponse | null => {
      const record = tx.get(recordKey) as unknown as Claimed | undefined;
      if (record !== undefined) {
        if (record.fingerprint !== fingerprint) return { status: 'mismatch' };
        if (record.status === 'completed') return tx.get(responseKey) as unknown as PaymentResponse;
        if (record.owner >= incarnation) return { status: 'processing' };
      }
      const claim: Claimed = { status: 'processing', fingerprint, owner: incarnation };
      tx.put(recordKey, claim as unknown as Json);
      return null;
    });
    if (early !== null) return early;

    const reference = `payment:${request.idempotencyKey}`;
    const result = (await processor.findCharge(reference)) ?? (await processor.charge({ reference, payer: request.payer, amountCents: request.amountCents }));
    const response: PaymentResponse = result.outcome === 'charged' ? { status: 'succeeded', chargeId: result.chargeId, amountCents: result.amountCents } : { status: 'declined', reason: result.reason };

    return store.transaction((tx) => {
      if (response.status === 'succeeded') {
        const balance = `balance/${request.payee}`;
        const before = tx.get(balance);
        tx.put(balance, (typeof before === 'number' ? before : 0) + request.amountCents);
      }
      const done: Claimed = { status: 'completed', fingerprint, owner: incarnation };
      tx.put(recordKey, done as unknown as Json);
      tx.put(responseKey, response as unknown as Json);
      return response;
    });
  }
}
