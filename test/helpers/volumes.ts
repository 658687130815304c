import { TEST_IMAGE, docker, uniqueName, type Tracker } from './engine';

/**
 * An anonymous volume nothing uses, as containers leave them behind: made by a container's `-v /path`,
 * then the container removed (without `-v`, so the volume stays). Tracked for cleanup.
 */
export async function leftAnonymousVolume(tracker: Tracker): Promise<string> {
  const maker = tracker.container(uniqueName('anon-maker'));
  await docker(['create', '--name', maker, '-v', '/anon', TEST_IMAGE, 'true']);
  const { stdout } = await docker(['inspect', '--format', '{{range .Mounts}}{{.Name}}{{end}}', maker]);
  const name = tracker.volume(stdout.trim());
  await docker(['rm', maker]);
  tracker.untrack('container', maker);
  return name;
}
