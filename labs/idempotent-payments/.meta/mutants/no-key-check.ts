import type { PaymentRequest, PaymentResponse, ServiceEnv } from '../../api';

/**
 * Bug: the idempotency key is recorded but never checked: every attempt, retries included,
 * charges the card (under a fresh reference) and credits the payee again.
 */
export class PaymentService {
  private attempts = 0;

  constructor(private readonly env: ServiceEnv) {}

  async handle(request: PaymentRequest): Promise<PaymentResponse> {
    const reference = `${request.idempotencyKey}#${this.env.incarnation}.${++this.attempts}`;
    const result = await this.env.processor.charge({ reference, payer: request.payer, amountCents: request.amountCents });
    const response: PaymentResponse =
      result.outcome === 'charged' ? { status: 'succeeded', chargeId: result.chargeId, amountCents: result.amountCents } : { status: 'declined', reason: result.reason };
    return this.env.store.transaction((tx) => {
      if (result.outcome === 'charged') {
        const balanceKey = `balance/${request.payee}`;
        tx.put(balanceKey, ((tx.get(balanceKey) as number | undefined) ?? 0) + request.amountCents);
      }
      tx.put(`idem/${request.idempotencyKey}`, { status: 'completed', response });
      return response;
    });
  }
}
