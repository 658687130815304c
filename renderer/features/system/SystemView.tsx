import { PageHeader } from '../../components/PageHeader';

/** The System page (#/system): engine info, disk use, system prune. Being built (issue 10). */
export function SystemView() {
  return (
    <section className="rv-view" aria-label="System">
      <PageHeader title="System" />
    </section>
  );
}
