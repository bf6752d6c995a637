import { DefinitionForm, type DefinitionFormState } from "./DefinitionForm";
import { ALERTS_TEXT as T } from "./alertsText";

/** A rule's or channel's "Edit" disclosure: its form, or, when it is provisioned, its definition read-only. */
export function EditableDefinition({
  action,
  csrfToken,
  id,
  name,
  definition,
  provisioned,
  testable,
}: {
  action: (state: DefinitionFormState, data: FormData) => Promise<DefinitionFormState>;
  csrfToken: string;
  id: number;
  name: string;
  definition: string;
  provisioned: boolean;
  testable: boolean;
}) {
  return (
    <details>
      <summary>{T.edit}</summary>
      {provisioned ? (
        <>
          <p className="muted">{T.readOnly}</p>
          <pre className="code-block">{definition}</pre>
        </>
      ) : (
        <DefinitionForm action={action} csrfToken={csrfToken} id={id} initial={definition} testable={testable} label={`${T.edit} ${name}`} />
      )}
    </details>
  );
}
