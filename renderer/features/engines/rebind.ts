import type { EngineEntry } from '../../../shared/contracts/engines';
import { isBerthError } from '../../../shared/errors';
import { api } from '../../api';
import { navigate, parseRoute } from '../../lib/router';
import { toast } from '../../stores/toasts';

/**
 * After a switch, a detail page whose object is not on the new engine goes back to its list (a log,
 * stats or files of a container the new engine also has re-open there: their views are keyed by the
 * engine generation). Lists reload on their own: the switch sends them a resync.
 */
export async function rebindRoute(to: EngineEntry): Promise<void> {
  const route = parseRoute(window.location.hash);
  const exists = async (check: () => Promise<unknown>): Promise<boolean> => {
    try {
      await check();
      return true;
    } catch (err) {
      // Only "not there" sends the page away: an engine still connecting keeps it (stale) instead.
      return !(isBerthError(err) && err.code === 'NOT_FOUND');
    }
  };
  let back: string | undefined;
  switch (route.name) {
    case 'container':
      if (!(await exists(() => api.invoke('containers.inspect', { id: route.id })))) back = '/containers';
      break;
    case 'logs': {
      const found = await Promise.all(route.ids.map((id) => exists(() => api.invoke('containers.inspect', { id }))));
      if (found.some((f) => !f)) back = '/containers';
      break;
    }
    case 'volumeFiles':
      if (!(await exists(() => api.invoke('volumes.inspect', { name: route.volume })))) back = '/volumes';
      break;
    case 'network':
      if (!(await exists(() => api.invoke('networks.inspect', { id: route.id })))) back = '/networks';
      break;
    default:
      break;
  }
  // The user may have moved on while we asked.
  if (back && parseRoute(window.location.hash).name === route.name) {
    navigate(back, { replace: true });
    toast.info(`Switched to ${to.name}`, 'What was open is not on this engine: back to the list.');
  }
}
