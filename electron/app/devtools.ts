/**
 * Whether DevTools may open. A packaged build hides them: DevTools can read every IPC reply (env
 * values, registry answers) and run code in the renderer, so they are a developer's tool, not a
 * user's. `BERTH_DEVTOOLS=1` is the explicit opt-in for debugging a packaged build.
 */
export function devToolsAllowed(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  return !isPackaged || env.BERTH_DEVTOOLS === '1';
}
