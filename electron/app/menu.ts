/**
 * The application menu: only standard roles (so the OS provides accelerators and localisation).
 * Edit roles make copy/paste work in inputs and the terminal; View has reload, and DevTools only
 * when `devTools` is allowed (see devtools.ts): the role also brings its accelerator, so leaving it
 * out removes the shortcut too.
 */

export type MenuRole =
  | 'appMenu'
  | 'fileMenu'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'quit';

export interface MenuItemTemplate {
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  submenu?: MenuItemTemplate[];
}

const separator: MenuItemTemplate = { type: 'separator' };

export interface MenuOptions {
  devTools: boolean;
}

export function menuTemplate(platform: NodeJS.Platform, opts: MenuOptions): MenuItemTemplate[] {
  const mac = platform === 'darwin';
  const template: MenuItemTemplate[] = [];
  if (mac) template.push({ role: 'appMenu' });
  else template.push({ label: 'File', submenu: [{ role: 'quit' }] });
  template.push(
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        separator,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        ...(opts.devTools ? [{ role: 'toggleDevTools' as const }] : []),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: mac
        ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
        : [{ role: 'minimize' }, { role: 'close' }],
    },
  );
  return template;
}
