/**
 * Host-side validation of what the harness reports. The text comes out of a sandbox where
 * untrusted code ran, so it is parsed strictly: anything unexpected ends the submission in 'error'.
 */
import { z } from 'zod';
import type { HarnessEvent } from './harness/protocol';
import { testResultSchema } from './results-schema';

const plannedTestSchema = z.object({ name: z.string().min(1).max(300), stage: z.string().max(100).optional(), seed: z.number().int().optional() }).strict();

export const harnessEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), tests: z.array(plannedTestSchema).max(10_000) }).strict(),
  z.object({ type: z.literal('load-error'), message: z.string().max(2_000), output: z.string().max(20_000).optional() }).strict(),
  z.object({ type: z.literal('result'), test: testResultSchema }).strict(),
]);

export class HarnessProtocolError extends Error {}

export function parseHarnessEvents(chunks: readonly string[]): HarnessEvent[] {
  const events: HarnessEvent[] = [];
  for (const chunk of chunks) {
    for (const line of chunk.split('\n')) {
      if (line.length === 0) continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new HarnessProtocolError('the harness wrote a line that is not JSON');
      }
      const parsed = harnessEventSchema.safeParse(json);
      if (!parsed.success) throw new HarnessProtocolError(`the harness wrote an unexpected event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      events.push(parsed.data as HarnessEvent);
    }
  }
  return events;
}
