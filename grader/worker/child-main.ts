/**
 * Entry of a grader worker process. It loads one sandbox implementation, says 'ready', then
 * runs one job at a time as the pool sends them. Learner code runs only in here, inside the
 * sandbox; if this process stops answering, the pool kills it.
 */
import { sandboxKinds, type SandboxKind } from '../config';
import { ProgressTracker } from '../progress';
import { createSandbox } from '../sandbox/create-sandbox';
import { sandboxKindEnv, type ChildMessage, type ParentMessage } from './worker-messages';

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('the grader worker must be started by the pool (child_process.fork)');
  const requested = process.env[sandboxKindEnv];
  const kind = (sandboxKinds as readonly string[]).includes(requested ?? '') ? (requested as SandboxKind) : 'isolated-vm';
  const sandbox = await createSandbox(kind);
  let queue = Promise.resolve();
  process.on('message', (message: ParentMessage) => {
    if (message?.type !== 'run') return;
    queue = queue.then(async () => {
      try {
        const tracker = message.progress ? new ProgressTracker((progress) => send({ type: 'progress', jobId: message.jobId, progress })) : null;
        send({ type: 'result', jobId: message.jobId, run: await sandbox.run(message.request, tracker ? (chunk) => tracker.take(chunk) : undefined) });
      } catch (error) {
        send({ type: 'failed', jobId: message.jobId, detail: error instanceof Error ? error.message.slice(0, 300) : 'unknown failure' });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', sandbox: kind });
}

main().catch((error: unknown) => {
  process.stderr.write(`grader worker failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
