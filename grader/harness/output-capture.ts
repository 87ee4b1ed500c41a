/**
 * A console that captures output per test into a capped buffer. Once the cap is reached,
 * further output is dropped cheaply and the buffer ends with a truncation note.
 */
import { describeValue } from './describe-value';

export class OutputCapture {
  private parts: string[] = [];
  private usedChars = 0;
  private truncated = false;

  constructor(private readonly maxChars: number) {}

  begin(): void {
    this.parts = [];
    this.usedChars = 0;
    this.truncated = false;
  }

  /** The captured output since begin(), or undefined if there was none. */
  end(): string | undefined {
    if (this.parts.length === 0) return undefined;
    const text = this.parts.join('');
    return this.truncated ? `${text}\n… output truncated at ${this.maxChars} characters` : text;
  }

  write(args: unknown[]): void {
    if (this.truncated) return;
    const line = `${args.map((arg) => describeValue(arg, this.maxChars)).join(' ')}\n`;
    const room = this.maxChars - this.usedChars;
    if (line.length > room) {
      this.parts.push(line.slice(0, room));
      this.usedChars = this.maxChars;
      this.truncated = true;
      return;
    }
    this.parts.push(line);
    this.usedChars += line.length;
  }

  console(): Record<string, (...args: unknown[]) => void> {
    const write = (...args: unknown[]) => this.write(args);
    return { log: write, info: write, warn: write, error: write, debug: write, trace: write, dir: write, table: write };
  }
}
