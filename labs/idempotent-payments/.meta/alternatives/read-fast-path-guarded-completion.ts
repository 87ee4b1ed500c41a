import type { ChargeResult, Json, PaymentRequest, PaymentResponse, ServiceEnv } from '../../api';

/**
 * Alternative: a plain read first answers completed keys and mismatches without a transaction
 * (the claim is still one transaction, re-checking everything); the completing transaction
 * re-reads the record and, if the key was somehow completed already, returns that response and
 * credits nothing. The fingerprint is a length-prefixed string; the reference is `idem:<key>`.
 */
type Rec = { status: 'processing'; fp: string; owner: number } | { status: 'completed'; fp: string; owner: number; response: PaymentResponse };

function fingerprintOf(r: PaymentRequest): string {
  return `${r.payer.length}:${r.payer}/${r.payee.length}:${r.payee}/${r.amountCents}`;
}

function responseOf(result: ChargeResult): PaymentResponse {
  if (result.outcome === 'charged') return { status: 'succeeded', chargeId: result.chargeId, amountCents: result.amountCents };
  return { status: 'declined', reason: result.reason };
}

export class PaymentService {
  private readonly env: ServiceEnv;

  constructor(env: ServiceEnv) {
    this.env = env;
  }

  async handle(request: PaymentRequest): Promise<PaymentResponse> {
    const key = `idem/${request.idempotencyKey}`;
    const fp = fingerprintOf(request);
    const me = this.env.incarnation;

    const seen = (await this.env.store.get(key)) as unknown as Rec | undefined;
    if (seen !== undefined && seen.fp !== fp) return { status: 'mismatch' };
    if (seen !== undefined && seen.status === 'completed') return seen.response;

    let takeover = false;
    const answer = await this.env.store.transaction((tx): PaymentResponse | undefined => {
      const rec = tx.get(key) as unknown as Rec | undefined;
      if (rec === undefined) {
        tx.put(key, { status: 'processing', fp, owner: me } as unknown as Json);
        return undefined;
      }
      if (rec.fp !== fp) return { status: 'mismatch' };
      if (rec.status === 'completed') return rec.response;
      if (rec.owner === me) return { status: 'processing' };
      tx.put(key, { status: 'processing', fp, owner: me } as unknown as Json);
      takeover = true;
      return undefined;
    });
    if (answer !== undefined) return answer;

    const reference = `idem:${request.idempotencyKey}`;
    const found = takeover ? await this.env.processor.findCharge(reference) : null;
    const response = responseOf(found ?? (await this.env.processor.charge({ reference, payer: request.payer, amountCents: request.amountCents })));

    return this.env.store.transaction((tx) => {
      const rec = tx.get(key) as unknown as Rec | undefined;
      if (rec !== undefined && rec.status === 'completed') return rec.response;
      if (response.status === 'succeeded') {
        const b = `balance/${request.payee}`;
        tx.put(b, (((tx.get(b) as number | undefined) ?? 0) as number) + request.amountCents);
      }
      tx.put(key, { status: 'completed', fp, owner: me, response } as unknown as Json);
      return response;
    });
  }
}
