import type { Locator, Page } from 'playwright-core';
import { waitFor } from './engine';

/**
 * Reading and typing into Berth's terminal (xterm) in a test. The page must use xterm's DOM renderer
 * (localStorage 'berth.terminal.renderer' = 'dom') so the screen can be read as text.
 *
 *   const term = terminalOf(() => page);
 *   await term.typeLine('echo hi');
 *   await term.waitScreen(/hi/);
 */
export function terminalOf(getPage: () => Page) {
  const activeSession = (): Locator => getPage().locator('.term-session:not([hidden])');
  /** The visible terminal's screen as text. */
  const screen = (): Promise<string> => activeSession().locator('.xterm-rows').innerText();
  const waitScreen = (pattern: RegExp, timeoutMs = 10_000): Promise<string> =>
    waitFor(
      async () => {
        const text = await screen();
        return pattern.test(text) && text;
      },
      { timeoutMs, message: `terminal to show ${pattern}` },
    ).catch(async (e: Error) => {
      throw new Error(`${e.message}\nscreen:\n${await screen().catch(() => '(none)')}`);
    });
  const typeLine = async (text: string): Promise<void> => {
    await activeSession().locator('.xterm').click();
    await getPage().keyboard.type(text);
    await getPage().keyboard.press('Enter');
  };
  /** Opens a shell from the terminal tab's form and waits for its prompt. */
  const openShell = async (): Promise<void> => {
    await getPage().getByRole('button', { name: 'Open shell' }).click();
    await activeSession().getByText('Connected', { exact: true }).waitFor({ timeout: 10_000 });
    await waitScreen(/[#$]\s*$/m);
  };
  return { activeSession, screen, waitScreen, typeLine, openShell };
}
