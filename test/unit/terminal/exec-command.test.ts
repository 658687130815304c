import { describe, expect, it } from 'vitest';
import {
  AUTO_SHELL_SCRIPT,
  buildExecPlan,
  isMissingShell,
  PID_MARK_PREFIX,
  PidMarker,
  toCrlf,
} from '../../../electron/engine/exec-command';
import { FrameDemuxer, processOutput } from '../../../electron/engine/frame-demuxer';
import { DETACH_KEYS_PATTERN } from '../../../shared/models';

describe('buildExecPlan', () => {
  it('picks bash when present, else sh, for an absent or empty command', () => {
    for (const cmd of [undefined, []]) {
      const plan = buildExecPlan(cmd);
      expect(plan.command).toEqual(['/bin/sh', '-c', AUTO_SHELL_SCRIPT]);
      expect(AUTO_SHELL_SCRIPT).toBe('command -v bash >/dev/null 2>&1 && exec bash || exec sh');
      expect(plan.wrapped[0]).toBe('/bin/sh');
      expect(plan.wrapped[2]).toMatch(/^printf .*"\$\$"; command -v bash/);
      expect(plan.plain).toBeUndefined();
    }
  });

  it('wraps a custom command so that it keeps its argv exactly and reports its pid', () => {
    const plan = buildExecPlan(['top', '-d', '1', 'it\'s "quoted" $HOME']);
    expect(plan.command).toEqual(['top', '-d', '1', 'it\'s "quoted" $HOME']);
    expect(plan.wrapped).toEqual([
      '/bin/sh',
      '-c',
      expect.stringMatching(/; exec "\$@"$/),
      'sh',
      'top',
      '-d',
      '1',
      'it\'s "quoted" $HOME',
    ]);
    expect(plan.plain).toEqual(['top', '-d', '1', 'it\'s "quoted" $HOME']);
  });

  it('recognises the engine error of an image without /bin/sh', () => {
    expect(
      isMissingShell(
        'OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown\r\n',
      ),
    ).toBe(true);
    expect(isMissingShell('OCI runtime exec failed: chdir to cwd ("/nope") set in config.json failed')).toBe(false);
    expect(isMissingShell('sh: /bin/sh: not found')).toBe(false);
  });
});

describe('PidMarker', () => {
  const mark = Buffer.from(`${PID_MARK_PREFIX}4321\x07`, 'latin1');

  it('finds and strips the marker in one chunk', () => {
    const r = new PidMarker().push(Buffer.concat([mark, Buffer.from('$ ')]));
    expect(r).toEqual({ state: 'found', pid: 4321, rest: Buffer.from('$ ') });
  });

  it('finds the marker split byte by byte', () => {
    const m = new PidMarker();
    const bytes = Buffer.concat([mark, Buffer.from('ok')]);
    const results = [...bytes].map((b) => m.push(Buffer.from([b])));
    const found = results.find((r) => r.state === 'found');
    expect(found).toMatchObject({ state: 'found', pid: 4321 });
    expect(results.slice(0, mark.length - 1).every((r) => r.state === 'pending')).toBe(true);
    // After the decision, output passes through untouched.
    expect(results.slice(mark.length).map((r) => (r.state === 'absent' ? r.rest.toString() : ''))).toEqual(['o', 'k']);
  });

  it('declares the marker absent on the first mismatching byte and returns everything held', () => {
    const m = new PidMarker();
    expect(m.push(Buffer.from('\x1b]69'))).toEqual({ state: 'pending' });
    const r = m.push(Buffer.from('x hello'));
    expect(r.state).toBe('absent');
    expect(r.state === 'absent' && r.rest.toString()).toBe('\x1b]69x hello');
    expect(m.done).toBe(true);
  });

  it('rejects a marker without digits or with too many', () => {
    expect(new PidMarker().push(Buffer.from(`${PID_MARK_PREFIX}\x07`, 'latin1')).state).toBe('absent');
    expect(new PidMarker().push(Buffer.from(`${PID_MARK_PREFIX}${'9'.repeat(20)}\x07`, 'latin1')).state).toBe('absent');
  });

  it('flushes held bytes when the stream ends early', () => {
    const m = new PidMarker();
    m.push(Buffer.from('\x1b]6'));
    expect(m.flush().toString()).toBe('\x1b]6');
  });
});

describe('FrameDemuxer + processOutput (exec and attach)', () => {
  const frame = (type: number, text: string): Buffer => {
    const body = Buffer.from(text);
    const h = Buffer.alloc(8);
    h[0] = type;
    h.writeUInt32BE(body.length, 4);
    return Buffer.concat([h, body]);
  };

  it('joins stdout and stderr payloads in order and drops stdin frames', () => {
    const d = new FrameDemuxer();
    expect(
      processOutput(
        d.push(Buffer.concat([frame(1, 'out '), frame(0, 'in'), frame(2, 'err'), frame(3, 'engine')])),
      ).toString(),
    ).toBe('out err');
  });

  it('survives headers and payloads split across chunks', () => {
    const d = new FrameDemuxer();
    const all = Buffer.concat([frame(1, 'héllo '), frame(2, 'wörld')]);
    let out = '';
    for (const b of all) out += processOutput(d.push(Buffer.from([b]))).toString('latin1');
    expect(Buffer.from(out, 'latin1').toString('utf8')).toBe('héllo wörld');
  });
});

describe('toCrlf', () => {
  it('turns lone LF into CRLF and leaves CRLF alone, across chunks', () => {
    expect(toCrlf(Buffer.from('a\nb\r\nc\n')).toString()).toBe('a\r\nb\r\nc\r\n');
    expect(toCrlf(Buffer.from('\nx'), true).toString()).toBe('\nx');
    expect(toCrlf(Buffer.from('\nx'), false).toString()).toBe('\r\nx');
    const same = Buffer.from('no newline');
    expect(toCrlf(same)).toBe(same);
  });
});

describe('detach keys', () => {
  it.each(['ctrl-p,ctrl-q', 'ctrl-a', 'ctrl-@', 'ctrl-[', 'a,b', 'ctrl-x,z'])('accepts %s', (k) => {
    expect(DETACH_KEYS_PATTERN.test(k)).toBe(true);
  });
  it.each(['', 'ctrl-', 'ctrl-pq', ',', 'ctrl-p,', 'ctrl-p ctrl-q', 'shift-a', 'ab'])('rejects %j', (k) => {
    expect(DETACH_KEYS_PATTERN.test(k)).toBe(false);
  });
});
