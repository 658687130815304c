import { Download, Hammer, HardDriveDownload, History, KeyRound, Layers, Play, Tag, Upload } from 'lucide-react';
import { Suspense, useMemo, useState } from 'react';
import type { ContainerSummary, ImageSummary } from '../../../shared/models';
import { withImageUsage } from '../../../shared/usage';
import { EmptyState } from '../../components/EmptyState';
import { IconButton } from '../../components/IconButton';
import { lazyComponent } from '../../components/lazyComponent';
import { SegmentedControl } from '../../components/SegmentedControl';
import { filterImageRows, toImageRows, type DanglingFilter, type ImageRow } from '../../presentation/resources';
import { ImageArchiveButtons, ImageArchiveDialogs, type ImageArchiveDialog } from '../archive/ImageArchiveDialogs';
import { RegistryDialogs } from '../registry/RegistryDialogs';
import { registryDialogs } from '../registry/store';
import { ResourcePage } from '../resources/ResourcePage';
import { openRunDialog } from '../run/runDialogStore';
import { imageKind, imageRowLabel } from './imageKind';
import { imagesList } from './imagesStore';
import { useResourceRows } from '../resources/useLiveList';

const BuildDialog = lazyComponent(() => import('../build/BuildDialog').then((m) => m.BuildDialog));

const DANGLING_OPTIONS: ReadonlyArray<{ value: DanglingFilter; label: string }> = [
  { value: 'show', label: 'Show dangling' },
  { value: 'hide', label: 'Hide dangling' },
  { value: 'only', label: 'Dangling only' },
];

const toRows = (items: readonly ImageSummary[], containers: readonly ContainerSummary[]) =>
  toImageRows(withImageUsage(items, containers));

/** What "Save" archives for a row: its tag (so the tar carries it), or the image id for an untagged one. */
function saveTarget(r: ImageRow): { ref: string; label: string } {
  return { ref: r.ref ?? r.imageId, label: imageRowLabel(r) };
}

export function ImagesView() {
  const page = useResourceRows(imagesList, toRows);
  const { rows } = page;
  const [query, setQuery] = useState('');
  const [dangling, setDangling] = useState<DanglingFilter>('show');
  const [archive, setArchive] = useState<ImageArchiveDialog | undefined>();
  const [building, setBuilding] = useState(false);

  const byDangling = useMemo(() => filterImageRows(rows, dangling), [rows, dangling]);
  const danglingCount = useMemo(() => rows.filter((r) => r.dangling).length, [rows]);

  return (
    <ResourcePage
      kind={imageKind}
      {...page}
      data={byDangling}
      narrowedEmpty={
        dangling === 'only' ? (
          <EmptyState icon={Layers} title="No dangling images" hint="Every image has at least one tag." />
        ) : (
          <EmptyState icon={Layers} title="Only dangling images" hint="Choose “Show dangling” to see them." />
        )
      }
      query={query}
      onQueryChange={setQuery}
      controls={
        <SegmentedControl
          label="Dangling images"
          value={dangling}
          onChange={setDangling}
          options={DANGLING_OPTIONS.map((o) => (o.value === 'only' ? { ...o, count: danglingCount } : o))}
        />
      }
      actions={(selected) => (
        <>
          <ImageArchiveButtons selected={selected.map(saveTarget)} onOpen={setArchive} />
          <button type="button" className="btn" onClick={() => setBuilding(true)}>
            <Hammer size={14} aria-hidden="true" />
            Build image
          </button>
          <button type="button" className="btn" onClick={() => registryDialogs.show({ kind: 'registries' })}>
            <KeyRound size={14} aria-hidden="true" />
            Registries
          </button>
          <button type="button" className="btn btn-primary" onClick={() => registryDialogs.show({ kind: 'pull' })}>
            <Download size={14} aria-hidden="true" />
            Pull
          </button>
        </>
      )}
      rowActionsWidth={196}
      rowActions={(r) => (
        <ImageRowActions row={r} onSave={(row) => setArchive({ kind: 'save', images: [saveTarget(row)] })} />
      )}
    >
      <RegistryDialogs />
      {building && (
        <Suspense fallback={null}>
          <BuildDialog open onClose={() => setBuilding(false)} onShowImage={setQuery} />
        </Suspense>
      )}
      <ImageArchiveDialogs dialog={archive} onClose={() => setArchive(undefined)} />
    </ResourcePage>
  );
}

/** Run, Save, History, Tag and Push of one image row (Inspect and Remove are the page's). */
function ImageRowActions({ row: r, onSave }: { row: ImageRow; onSave: (row: ImageRow) => void }) {
  const label = imageRowLabel(r);
  return (
    <>
      <IconButton
        label={`Run ${label}`}
        title="Run a container from this image"
        icon={Play}
        size="sm"
        onClick={() => openRunDialog({ image: r.ref ?? r.imageId })}
      />
      <IconButton
        label="Save"
        title={`Save ${label} to a tar file`}
        icon={HardDriveDownload}
        size="sm"
        onClick={() => onSave(r)}
      />
      <IconButton
        label="History"
        icon={History}
        size="sm"
        onClick={() => registryDialogs.show({ kind: 'history', id: r.imageId, label })}
      />
      <IconButton
        label="Tag"
        icon={Tag}
        size="sm"
        onClick={() => registryDialogs.show({ kind: 'tag', source: r.imageId, label })}
      />
      <IconButton
        label="Push"
        icon={Upload}
        size="sm"
        disabled={!r.ref}
        title={r.ref ? 'Push' : 'Tag the image before pushing it'}
        onClick={() => r.ref && registryDialogs.show({ kind: 'push', ref: r.ref })}
      />
    </>
  );
}
