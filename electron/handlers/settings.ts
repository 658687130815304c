import type { Contract } from '../../shared/contract';
import type { Handlers } from '../../shared/contract-kit';
import type { AppSettings } from '../settings/app-settings';
import { untilAborted } from './engine';

type SettingsHandlers = Pick<Handlers<Contract>, 'settings.get' | 'settings.set' | 'settings.reset' | 'settings.watch'>;

export function settingsHandlers(settings: AppSettings): SettingsHandlers {
  return {
    'settings.get': () => settings.state(),
    'settings.set': (patch) => settings.set(patch),
    'settings.reset': ({ section }) => settings.reset(section),
    // Pushed on every write (from any window, tab or feature): no polling of the file.
    'settings.watch': async (_args, sink, signal) => {
      const off = settings.onChange((state) => sink.emit(state));
      try {
        sink.emit(await settings.state());
        await untilAborted(signal);
      } finally {
        off();
      }
    },
  };
}
