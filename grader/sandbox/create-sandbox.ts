/** Loads the sandbox implementation for a kind; only the chosen one's native or WASM module is loaded. */
import type { SandboxKind } from '../config';
import type { Sandbox } from './sandbox';

export async function createSandbox(kind: SandboxKind): Promise<Sandbox> {
  switch (kind) {
    case 'isolated-vm': {
      const { IsolatedVmSandbox } = await import('./isolated-vm-sandbox');
      return new IsolatedVmSandbox();
    }
    case 'quickjs': {
      const { QuickJsSandbox } = await import('./quickjs-sandbox');
      return new QuickJsSandbox();
    }
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown sandbox kind: ${String(unknownKind)}`);
    }
  }
}
