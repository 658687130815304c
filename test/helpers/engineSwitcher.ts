import type { Locator, Page } from 'playwright-core';

/**
 * Driving the sidebar footer's engine switcher in a test: open its menu, add an engine through the
 * Add-engine dialog, switch to an engine and wait until it is the connected current one.
 *
 *   const sw = engineSwitcherOf(() => page);
 *   await sw.addEngine('SSH', { Name: 'Over ssh', Address: 'ssh://root@127.0.0.1:2222' });
 *   await sw.switchTo('Over ssh');
 */
export function engineSwitcherOf(getPage: () => Page) {
  const switcher = (): Locator => getPage().getByRole('button', { name: /^Engine: / });
  const menu = (): Locator => getPage().getByRole('menu', { name: 'Engines' });
  /** The button that names `name` as the current engine, connected. */
  const current = (name: string): Locator =>
    getPage().getByRole('button', { name: new RegExp(`^Engine: ${escape(name)} \\(connected\\)`) });

  /** What the page showed when the menu did not open: for the log of a run that failed. */
  const diagnose = async (): Promise<string> => {
    const expanded = await switcher()
      .getAttribute('aria-expanded', { timeout: 1000 })
      .catch(() => '(no button)');
    const atPoint = await switcher()
      .evaluate((b) => {
        const r = b.getBoundingClientRect();
        const el = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return el ? `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.slice(0, 60) ?? ''}"` : '(nothing)';
      })
      .catch(() => '(unknown)');
    const footer = await getPage()
      .getByRole('group', { name: 'Engine' })
      .innerText({ timeout: 1000 })
      .catch(() => '(no footer)');
    return `aria-expanded=${expanded}; at the button's centre: ${atPoint}; footer: ${footer.replace(/\n/g, ' | ')}`;
  };

  const openMenu = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if ((await switcher().getAttribute('aria-expanded')) !== 'true') await switcher().click();
      try {
        await menu().waitFor({ timeout: 10_000 });
        return;
      } catch (e) {
        const why = `${(e as Error).message}\n${await diagnose()}`;
        if (attempt >= 2) throw new Error(`the engine menu did not open: ${why}`);
        // Loud, so a run that needed a second click says so (a rare CI run's menu never opened).
        console.warn(`[engine switcher] the menu did not open after a click; clicking again. ${why}`);
      }
    }
  };

  /** Adds an engine of `kind` ('Unix socket', 'TCP', 'SSH') with its fields, by label. */
  const addEngine = async (kind: string, fields: Record<string, string>): Promise<void> => {
    await openMenu();
    await menu().getByRole('menuitem', { name: 'Add engine…' }).click();
    const dialog = getPage().getByRole('dialog', { name: 'Add engine' });
    await dialog.getByRole('radio', { name: kind }).click();
    for (const [label, value] of Object.entries(fields)) await dialog.getByLabel(label, { exact: true }).fill(value);
    await dialog.getByRole('button', { name: 'Add engine' }).click();
    await dialog.waitFor({ state: 'detached' });
  };

  const switchTo = async (name: string, timeout = 30_000): Promise<void> => {
    await openMenu();
    await menu()
      .getByRole('menuitemradio', { name: new RegExp(`^${escape(name)}`) })
      .click();
    await menu().waitFor({ state: 'detached' });
    await current(name).waitFor({ timeout });
  };

  return { switcher, menu, current, openMenu, addEngine, switchTo };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
