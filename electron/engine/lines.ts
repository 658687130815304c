/** Splits a byte/text stream into lines, carrying partial lines (and split UTF-8 sequences) across chunks. */
export class LineSplitter {
  private carry = '';
  private readonly decoder = new TextDecoder('utf-8');

  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const parts = (this.carry + text).split('\n');
    this.carry = parts.pop() ?? '';
    return parts;
  }

  /** Whatever remains after the stream ended (a last line without a newline). */
  end(): string[] {
    const rest = this.carry + this.decoder.decode();
    this.carry = '';
    return rest ? [rest] : [];
  }
}
