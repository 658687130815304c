import type { FieldErrors, RunSpec } from '../../../../shared/run-spec';
import type { useFieldForm } from '../../../components/useFieldForm';

type RunForm = ReturnType<typeof useFieldForm<RunSpec>>;

/** What every section of the Run dialog gets from the dialog's form. */
export interface RunSectionProps {
  uid: string;
  spec: RunSpec;
  update: RunForm['update'];
  touch: RunForm['touch'];
  /** The error shown for a field, if any. */
  err: (field: string) => string | undefined;
  /** Every shown error (for row editors that look up their own fields). */
  errors: FieldErrors;
}
