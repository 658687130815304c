import { PageHeader } from '../../components/PageHeader';

/** One network's page (#/networks/<id>): attached containers, IPAM, options, labels. Being built (issue 10). */
export function NetworkPage({ id }: { id: string }) {
  return (
    <section className="rv-view" aria-label={`Network ${id}`}>
      <PageHeader title={id} />
    </section>
  );
}
