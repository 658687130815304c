/**
 * A streaming reader of tar headers that keeps names and link targets as exact bytes and skips file
 * bodies without holding them. Why not tar-stream: it decodes PAX records as UTF-8, and the engines
 * (Go's archive/tar) write every non-ASCII name as a PAX `path` record, so a name that is not UTF-8
 * would come back with U+FFFD instead of its bytes. Skipping bodies here also costs no stream per entry.
 */

export type TarType = 'file' | 'hardlink' | 'link' | 'char' | 'block' | 'dir' | 'fifo' | 'other';

export interface TarHeader {
  /** The entry's name as stored (PAX `path`, GNU long name or ustar prefix + name), exact bytes. */
  name: Buffer;
  /** Link target (symbolic or hard), exact bytes; empty when none. */
  linkName: Buffer;
  type: TarType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch (PAX may add a fraction). */
  mtime: number;
}

const BLOCK = 512;

const TYPES: Record<string, TarType> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'link',
  '3': 'char',
  '4': 'block',
  '5': 'dir',
  '6': 'fifo',
};

/** A NUL-terminated field's bytes. */
function field(buf: Buffer, start: number, len: number): Buffer {
  const end = buf.indexOf(0, start);
  return buf.subarray(start, end < 0 || end > start + len ? start + len : end);
}

/** An octal number field, or base-256 when the high bit of the first byte is set (GNU, big values). */
function num(buf: Buffer, start: number, len: number): number {
  if ((buf[start]! & 0x80) !== 0) {
    let v = buf[start]! & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + buf[i]!;
    return v;
  }
  const s = field(buf, start, len).toString('latin1').trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function checksumOk(block: Buffer): boolean {
  const stored = num(block, 148, 8);
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += block[i]!;
  return sum === stored;
}

/** PAX records `"<len> <key>=<value>\n"`; values kept as bytes. */
export function parsePax(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let i = 0;
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(buf.subarray(i, sp).toString('latin1'), 10);
    if (!Number.isFinite(len) || len <= 0 || i + len > buf.length) break;
    const rec = buf.subarray(sp + 1, i + len - 1); // without the trailing newline
    const eq = rec.indexOf(0x3d);
    if (eq > 0) out.set(rec.subarray(0, eq).toString('latin1'), Buffer.from(rec.subarray(eq + 1)));
    i += len;
  }
  return out;
}

export class TarFormatError extends Error {}

/**
 * Feed chunks with `push`; `onEntry` is called for each entry (extension headers applied). Return true
 * from it to get that entry's body through `onBody`; bodies are otherwise skipped. `ended` turns true at
 * the end-of-archive blocks.
 */
export class TarHeaderReader {
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** Body bytes still to pass (or skip) for the current entry, then padding. */
  private bodyLeft = 0;
  private padLeft = 0;
  private bodySink: ((chunk: Buffer) => void) | undefined;
  /** Extension header (PAX / GNU long name) whose body is being collected. */
  private ext: { kind: string; size: number; parts: Buffer[]; got: number } | undefined;
  private pax = new Map<string, Buffer>();
  private globalPax = new Map<string, Buffer>();
  private longName: Buffer | undefined;
  private longLink: Buffer | undefined;
  ended = false;
  entries = 0;

  constructor(
    private readonly onEntry: (h: TarHeader) => boolean,
    private readonly onBody: (chunk: Buffer) => void = () => {},
  ) {}

  push(chunk: Buffer): void {
    let off = 0;
    while (off < chunk.length && !this.ended) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, chunk.length - off);
        const part = chunk.subarray(off, off + n);
        if (this.ext) {
          this.ext.parts.push(Buffer.from(part));
          this.ext.got += n;
        } else this.bodySink?.(part);
        this.bodyLeft -= n;
        off += n;
        if (this.bodyLeft === 0 && this.ext) this.finishExt();
        continue;
      }
      if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, chunk.length - off);
        this.padLeft -= n;
        off += n;
        continue;
      }
      const need = BLOCK - this.pendingLen;
      const n = Math.min(need, chunk.length - off);
      this.pending.push(chunk.subarray(off, off + n));
      this.pendingLen += n;
      off += n;
      if (this.pendingLen === BLOCK) {
        const block = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
        this.pending = [];
        this.pendingLen = 0;
        this.header(block);
      }
    }
  }

  private header(block: Buffer): void {
    if (block.every((b) => b === 0)) {
      this.ended = true;
      return;
    }
    if (!checksumOk(block)) throw new TarFormatError('The archive is not a valid tar (bad header checksum)');
    const flag = String.fromCharCode(block[156]!);
    const size = num(block, 124, 12);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      if (size > 16 * 1024 * 1024) throw new TarFormatError('The archive has an oversized extended header');
      this.ext = { kind: flag, size, parts: [], got: 0 };
      this.bodyLeft = size;
      this.padLeft = pad;
      if (size === 0) this.finishExt();
      return;
    }
    // ustar ("ustar\0" + "00") splits long names into prefix + name; GNU ("ustar  \0") has no prefix.
    let name = Buffer.from(field(block, 0, 100));
    if (block.toString('latin1', 257, 265) === 'ustar\x0000' && block[345] !== 0) {
      name = Buffer.concat([field(block, 345, 155), Buffer.from('/'), name]);
    }
    const pax = new Map([...this.globalPax, ...this.pax]);
    const header: TarHeader = {
      name: pax.get('path') ?? this.longName ?? name,
      linkName: pax.get('linkpath') ?? this.longLink ?? Buffer.from(field(block, 157, 100)),
      type: TYPES[flag] ?? 'other',
      size: pax.has('size') ? Number(pax.get('size')!.toString('latin1')) : size,
      mode: num(block, 100, 8),
      uid: pax.has('uid') ? Number(pax.get('uid')!.toString('latin1')) : num(block, 108, 8),
      gid: pax.has('gid') ? Number(pax.get('gid')!.toString('latin1')) : num(block, 116, 8),
      mtime: pax.has('mtime') ? Number(pax.get('mtime')!.toString('latin1')) : num(block, 136, 12),
    };
    this.pax = new Map();
    this.longName = undefined;
    this.longLink = undefined;
    this.entries++;
    const bodySize =
      header.type === 'file' ? header.size : header.type === 'hardlink' || header.type === 'dir' ? 0 : size;
    const wantBody = this.onEntry(header);
    this.bodySink = wantBody ? this.onBody : undefined;
    this.bodyLeft = bodySize;
    this.padLeft = (BLOCK - (bodySize % BLOCK)) % BLOCK;
  }

  private finishExt(): void {
    const ext = this.ext!;
    this.ext = undefined;
    const body = Buffer.concat(ext.parts);
    if (ext.kind === 'x') this.pax = parsePax(body);
    else if (ext.kind === 'g') this.globalPax = parsePax(body);
    else {
      const end = body.indexOf(0);
      const value = Buffer.from(end < 0 ? body : body.subarray(0, end));
      if (ext.kind === 'L') this.longName = value;
      else this.longLink = value;
    }
  }
}
