import { BackCrumbs } from '../../components/BackCrumbs';
import { navigate, volumeFilesPath, type FilesLocation } from '../../lib/router';
import { FileBrowser } from './FileBrowser';

/** #/volumes/<name>/files: the same browser on a volume (read through a never-started helper container). */
export function VolumeFilesView({ volume, location }: { volume: string; location: FilesLocation }) {
  return (
    <section className="page" aria-label={`Files of volume ${volume}`}>
      <header className="page-header detail-header">
        <div className="page-title">
          <BackCrumbs path="/volumes" section="Volumes" />
          <h1 title={volume}>{volume}</h1>
        </div>
      </header>
      <FileBrowser
        target={{ kind: 'volume', name: volume }}
        location={location}
        onNavigate={(loc) => navigate(volumeFilesPath(volume, loc))}
      />
    </section>
  );
}
