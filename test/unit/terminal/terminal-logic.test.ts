import { describe, expect, it } from 'vitest';
import { endMessage, sessionTitle, splitCommand } from '../../../renderer/features/terminal/command';
import { HIGH_WATERMARK, LOW_WATERMARK, WriteFlow } from '../../../renderer/features/terminal/flow';
import { classifyKey, xtermShouldHandle, type KeyLike } from '../../../renderer/features/terminal/keys';
import { xtermTheme } from '../../../renderer/features/terminal/xtermTheme';

/** A fake xterm write: records callbacks so the test decides when "parsing" finishes. */
function fakeTerm() {
  const pending: Array<() => void> = [];
  return {
    write: (_data: string, done: () => void) => pending.push(done),
    parseOne: () => pending.shift()?.(),
    parseAll: () => {
      while (pending.length) pending.shift()?.();
    },
    get queued() {
      return pending.length;
    },
  };
}

describe('WriteFlow (xterm watermarks)', () => {
  it('keeps the HIGH watermark within the xterm guide (≤ 500 KB) and LOW below it', () => {
    expect(HIGH_WATERMARK).toBeLessThanOrEqual(500 * 1024);
    expect(LOW_WATERMARK).toBeLessThan(HIGH_WATERMARK);
  });

  it('does not hold the producer while under HIGH', () => {
    const t = fakeTerm();
    const flow = new WriteFlow(t.write, 100, 20);
    expect(flow.push('x'.repeat(60))).toBeUndefined();
    expect(flow.push('x'.repeat(40))).toBeUndefined();
    expect(flow.pending).toBe(100);
  });

  it('holds above HIGH until xterm drains below LOW', async () => {
    const t = fakeTerm();
    const flow = new WriteFlow(t.write, 100, 20);
    flow.push('a'.repeat(60));
    const wait = flow.push('b'.repeat(60));
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void wait!.then(() => (released = true));
    t.parseOne(); // 60 left: above LOW
    await Promise.resolve();
    expect(released).toBe(false);
    t.parseOne(); // 0 left
    await Promise.resolve();
    expect(released).toBe(true);
    expect(flow.pending).toBe(0);
  });

  it('releases every waiter on dispose and then ignores writes', async () => {
    const t = fakeTerm();
    const flow = new WriteFlow(t.write, 10, 5);
    const w = flow.push('x'.repeat(50));
    flow.dispose();
    await expect(w).resolves.toBeUndefined();
    expect(flow.push('more')).toBeUndefined();
    expect(t.queued).toBe(1);
  });

  it('rejects LOW above HIGH', () => {
    expect(() => new WriteFlow(() => undefined, 10, 20)).toThrow(RangeError);
  });
});

describe('classifyKey', () => {
  const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
    type: 'keydown',
    key: k,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
  });

  it('Ctrl+C goes to the process (SIGINT), Ctrl+Shift+C copies', () => {
    expect(classifyKey(key('c', { ctrlKey: true }))).toBe('pass');
    expect(classifyKey(key('C', { ctrlKey: true, shiftKey: true }))).toBe('copy');
  });

  it('Ctrl+V and Ctrl+Shift+V are left to the browser paste (never ^V)', () => {
    expect(classifyKey(key('v', { ctrlKey: true }))).toBe('native-paste');
    expect(classifyKey(key('V', { ctrlKey: true, shiftKey: true }))).toBe('native-paste');
    expect(xtermShouldHandle('native-paste')).toBe(false);
  });

  it('Ctrl+Shift+F opens find; plain keys and other chords pass to xterm', () => {
    expect(classifyKey(key('F', { ctrlKey: true, shiftKey: true }))).toBe('find');
    expect(classifyKey(key('v'))).toBe('pass');
    expect(classifyKey(key('v', { ctrlKey: true, altKey: true }))).toBe('pass');
    expect(classifyKey(key('d', { ctrlKey: true }))).toBe('pass');
    expect(classifyKey(key('p', { ctrlKey: true }))).toBe('pass'); // detach keys reach the engine
    expect(xtermShouldHandle('pass')).toBe(true);
    expect(xtermShouldHandle('copy')).toBe(false);
  });
});

describe('splitCommand', () => {
  it.each([
    ['top', ['top']],
    ['  ls   -l  / ', ['ls', '-l', '/']],
    [`sh -c "ls -l / | head"`, ['sh', '-c', 'ls -l / | head']],
    [`echo 'a "b" $c'`, ['echo', 'a "b" $c']],
    [`echo "x\\"y\\\\z"`, ['echo', 'x"y\\z']],
    [`a\\ b c`, ['a b', 'c']],
    [`''`, ['']],
    ['', []],
  ])('%j → %j', (line, argv) => {
    expect(splitCommand(line)).toEqual({ argv });
  });

  it('reports unbalanced quotes', () => {
    expect(splitCommand(`echo 'oops`)).toEqual({ error: 'Unclosed single quote' });
    expect(splitCommand(`echo "oops`)).toEqual({ error: 'Unclosed double quote' });
  });
});

describe('labels', () => {
  it('titles tabs by what runs', () => {
    expect(sessionTitle({ mode: 'exec' }, 1)).toBe('Shell 1');
    expect(sessionTitle({ mode: 'exec', cmd: ['/usr/bin/top', '-d', '1'] }, 2)).toBe('top 2');
    expect(sessionTitle({ mode: 'attach' }, 3)).toBe('Attach 3');
  });

  it('says how a session ended', () => {
    expect(endMessage('exited', 0)).toBe('Process exited with code 0');
    expect(endMessage('exited', 130)).toBe('Process exited with code 130');
    expect(endMessage('container-stopped', 137)).toBe('Container stopped (exit code 137)');
    expect(endMessage('container-stopped', null)).toBe('Container stopped');
    expect(endMessage('detached', null)).toMatch(/^Detached/);
  });
});

describe('xtermTheme', () => {
  it('takes background, text and cursor from the app theme variables', () => {
    const vars: Record<string, string> = { '--bg': '#010203', '--text': '#fefefe', '--accent': '#123456' };
    const t = xtermTheme('dark', (n) => vars[n] ?? '');
    expect(t).toMatchObject({ background: '#010203', foreground: '#fefefe', cursor: '#123456' });
  });

  it('falls back per theme and uses a darker yellow on light', () => {
    const light = xtermTheme('light', () => '');
    const dark = xtermTheme('dark', () => '');
    expect(light.background).toBe('#ffffff');
    expect(dark.background).toBe('#111214');
    expect(light.yellow).not.toBe(dark.yellow);
  });
});
