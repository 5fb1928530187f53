/** Buffered stdout that respects back-pressure, so piping a million lines neither stalls nor bloats memory. */
export class LineWriter {
  private buffer = '';

  constructor(
    private readonly stream: NodeJS.WritableStream = process.stdout,
    private readonly flushAt = 1 << 16,
  ) {}

  async line(text: string): Promise<void> {
    this.buffer += `${text}\n`;
    if (this.buffer.length >= this.flushAt) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', () => resolve()));
  }
}

/** Prints one JSON document (pretty, for humans and jq alike) and waits until it is handed to the OS. */
export function printJson(value: unknown): Promise<void> {
  return new Promise((resolve) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`, () => resolve()));
}
