import type { PaymentRequest, PaymentResponse, ServiceEnv } from './api';

/**
 * A payment service with no idempotency at all: every request, retries included, charges the
 * card again and credits the payee again. Make each logical payment (one idempotency key)
 * take effect exactly once, across timeouts, concurrent duplicates and crashes.
 */
export class PaymentService {
  constructor(private readonly env: ServiceEnv) {}

  async handle(request: PaymentRequest): Promise<PaymentResponse> {
    // TODO 1: claim the idempotency key atomically (one transaction): new key → "processing";
    //         completed → replay the stored response; another payload → mismatch;
    //         in flight → "processing".
    // TODO 2: charge with a reference the processor can find again after a crash.
    // TODO 3: credit the payee and record the response in one transaction.
    // TODO 4: after a crash, take over keys left "processing" by the dead process, and ask the
    //         processor (findCharge) before charging again.
    const result = await this.env.processor.charge({ reference: request.idempotencyKey, payer: request.payer, amountCents: request.amountCents });
    if (result.outcome === 'declined') return { status: 'declined', reason: result.reason };
    await this.env.store.transaction((tx) => {
      const key = `balance/${request.payee}`;
      tx.put(key, ((tx.get(key) as number | undefined) ?? 0) + request.amountCents);
    });
    return { status: 'succeeded', chargeId: result.chargeId, amountCents: result.amountCents };
  }
}
