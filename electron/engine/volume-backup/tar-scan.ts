import { Transform, Writable, type TransformCallback } from 'node:stream';
import { BerthError } from '../../../shared/errors';

/**
 * A header-only tar reader: it follows the 512-byte blocks of a tar stream, reads each header (with
 * PAX `path`/`size` and GNU long names), checks its checksum and skips the bodies without copying
 * them. It counts entries and content bytes and gathers the top-level names, so a backup, restore
 * or clone knows what it moved without unpacking and re-packing the archive (which would be slow).
 * A stream that is not a tar or ends in the middle of an entry is an INVALID_ARGUMENT naming the reason.
 */

const BLOCK = 512;
/** Largest PAX or long-name body kept in memory (real ones are a few hundred bytes). */
const MAX_META = 1024 * 1024;

export interface TarSummary {
  /** Entries (files, folders, links), the archive's root (`./`) not counted. */
  entries: number;
  /** Bytes of regular files' contents. */
  bytes: number;
  /** Top-level names, keyed by their bytes in hex (display text with U+FFFD for non-UTF-8 bytes). */
  topLevel: Map<string, string>;
  /** True when the end-of-archive blocks were seen. */
  ended: boolean;
}

function cstring(buf: Buffer, start: number, len: number): Buffer {
  const field = buf.subarray(start, start + len);
  const nul = field.indexOf(0);
  return nul < 0 ? field : field.subarray(0, nul);
}

function parseNumber(buf: Buffer, start: number, len: number): number {
  const field = buf.subarray(start, start + len);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    // Base-256 (GNU) for values that do not fit in octal.
    let n = (field[0] ?? 0) & 0x7f;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const text = cstring(field, 0, len).toString('latin1').trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return NaN;
  return parseInt(text, 8);
}

function checksumOk(h: Buffer): boolean {
  const stored = parseNumber(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** PAX records "len key=value\n" → the ones we use. */
function paxRecords(body: Buffer): { path?: Buffer; size?: number } {
  const out: { path?: Buffer; size?: number } = {};
  let i = 0;
  while (i < body.length) {
    const space = body.indexOf(0x20, i);
    if (space < 0) break;
    const len = parseInt(body.subarray(i, space).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = body.subarray(space + 1, i + len - 1);
    const eq = rec.indexOf(0x3d);
    if (eq > 0) {
      const key = rec.subarray(0, eq).toString('latin1');
      const value = rec.subarray(eq + 1);
      if (key === 'path') out.path = Buffer.from(value);
      else if (key === 'size') out.size = Number(value.toString('latin1'));
    }
    i += len;
  }
  return out;
}

function isZero(b: Buffer): boolean {
  for (const x of b) if (x !== 0) return false;
  return true;
}

const invalid = (why: string): BerthError => new BerthError('INVALID_ARGUMENT', `Not a valid tar archive: ${why}`);

export class TarScanner {
  readonly summary: TarSummary = { entries: 0, bytes: 0, topLevel: new Map(), ended: false };
  private header = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Body bytes (with padding) still to skip, or to collect when `meta` is set. */
  private skip = 0;
  private meta: { type: string; chunks: Buffer[]; size: number } | undefined;
  private nextPath: Buffer | undefined;
  private nextSize: number | undefined;
  private current = '';
  private seen = 0;
  /** Bytes consumed so far (for the offset in messages). */
  private pos = 0;

  /** Feeds the next chunk; throws INVALID_ARGUMENT when it cannot be a tar. */
  write(chunk: Buffer): void {
    let i = 0;
    this.seen += chunk.length;
    while (i < chunk.length) {
      if (this.summary.ended) return;
      if (this.skip > 0) {
        const n = Math.min(this.skip, chunk.length - i);
        if (this.meta && this.meta.size > 0) {
          const want = Math.min(n, this.meta.size);
          this.meta.chunks.push(Buffer.from(chunk.subarray(i, i + want)));
          this.meta.size -= want;
        }
        this.skip -= n;
        i += n;
        this.pos += n;
        if (this.skip === 0 && this.meta) this.endMeta();
        continue;
      }
      const n = Math.min(BLOCK - this.headerFill, chunk.length - i);
      chunk.copy(this.header, this.headerFill, i, i + n);
      this.headerFill += n;
      i += n;
      this.pos += n;
      if (this.headerFill === BLOCK) {
        this.headerFill = 0;
        this.onHeader(this.header);
      }
    }
  }

  /** The stream ended: throws when it stopped in the middle of an entry or held nothing. */
  end(): TarSummary {
    if (this.seen === 0) throw invalid('the file is empty');
    if (!this.summary.ended && (this.skip > 0 || this.headerFill > 0 || this.meta)) {
      throw invalid(`it ends in the middle of ${this.current ? `“${this.current}”` : 'a header'} (truncated)`);
    }
    return this.summary;
  }

  private onHeader(h: Buffer): void {
    if (isZero(h)) {
      // Two zero blocks end the archive; one alone is accepted as the end too (some writers).
      this.summary.ended = true;
      return;
    }
    if (!checksumOk(h)) throw invalid(`bad header checksum at byte ${this.pos - BLOCK}`);
    const type = String.fromCharCode(h[156] ?? 0);
    let size = parseNumber(h, 124, 12);
    if (!Number.isFinite(size)) throw invalid('a header has an unreadable size');
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MAX_META) throw invalid('an extended header is too large');
      this.meta = { type, chunks: [], size };
      this.skip = Math.ceil(size / BLOCK) * BLOCK;
      if (this.skip === 0) this.endMeta();
      return;
    }
    let name = cstring(h, 0, 100);
    if (h.subarray(257, 262).toString('latin1') === 'ustar') {
      const prefix = cstring(h, 345, 155);
      if (prefix.length > 0) name = Buffer.concat([prefix, Buffer.from('/'), name]);
    }
    if (this.nextPath) name = this.nextPath;
    if (this.nextSize !== undefined) size = this.nextSize;
    this.nextPath = undefined;
    this.nextSize = undefined;
    this.current = name.toString('utf8');
    this.onEntry(name, type, size);
    this.skip = Math.ceil(size / BLOCK) * BLOCK;
  }

  private endMeta(): void {
    const meta = this.meta;
    this.meta = undefined;
    if (!meta) return;
    const body = Buffer.concat(meta.chunks);
    if (meta.type === 'L') this.nextPath = cstring(body, 0, body.length);
    else if (meta.type === 'x') {
      const rec = paxRecords(body);
      if (rec.path) this.nextPath = rec.path;
      if (rec.size !== undefined && Number.isFinite(rec.size)) this.nextSize = rec.size;
    }
  }

  private onEntry(name: Buffer, type: string, size: number): void {
    // Relative to the root: "./a/b", "/a/b" and "a/b" are all "a/b"; "./" and "." are the root.
    let start = 0;
    for (;;) {
      if (name[start] === 0x2f) start += 1;
      else if (name[start] === 0x2e && (name[start + 1] === 0x2f || start + 1 === name.length)) start += 1;
      else break;
    }
    const rel = name.subarray(start);
    if (rel.length === 0) return;
    this.summary.entries += 1;
    if (type === '0' || type === '\0' || type === '7') this.summary.bytes += size;
    const slash = rel.indexOf(0x2f);
    const top = slash < 0 ? rel : rel.subarray(0, slash);
    if (top.length > 0) this.summary.topLevel.set(top.toString('hex'), top.toString('utf8'));
  }
}

/** A pass-through that scans the tar going by (backup, clone). */
export class TarScanTransform extends Transform {
  readonly scanner = new TarScanner();
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.scanner.write(chunk);
      cb(null, chunk);
    } catch (e) {
      cb(e as Error);
    }
  }
  override _flush(cb: TransformCallback): void {
    try {
      this.scanner.end();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}

/** A sink that only scans (restore plan, a target volume's listing). */
export class TarScanSink extends Writable {
  readonly scanner = new TarScanner();
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    try {
      this.scanner.write(chunk);
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
  override _final(cb: (e?: Error | null) => void): void {
    try {
      this.scanner.end();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}
