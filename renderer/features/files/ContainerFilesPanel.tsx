import { containerFilesPath, navigate, useRoute } from '../../lib/router';
import { FileBrowser } from './FileBrowser';

/** The container page's Files tab: the browser on the container, its path in the URL (?path=…). */
export function ContainerFilesPanel({ containerId }: { containerId: string }) {
  const route = useRoute();
  const location = (route.name === 'container' && route.files) || { path: '/' };
  return (
    <section aria-label="Files" className="fb-panel">
      <FileBrowser
        target={{ kind: 'container', id: containerId }}
        location={location}
        onNavigate={(loc) => navigate(containerFilesPath(route.name === 'container' ? route.id : containerId, loc))}
      />
    </section>
  );
}
