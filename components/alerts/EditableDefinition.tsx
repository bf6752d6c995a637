import type { DefinitionFormState } from "@/lib/alertsAdmin/definitionFormState";
import { DefinitionForm, type RuleFormOptions } from "./DefinitionForm";
import { getTranslations } from "next-intl/server";

/** A rule's or channel's "Edit" disclosure: its form, or, when it is provisioned, its definition read-only. */
export async function EditableDefinition({
  action,
  csrfToken,
  id,
  name,
  definition,
  provisioned,
  testable,
  ruleForm,
}: {
  action: (state: DefinitionFormState, data: FormData) => Promise<DefinitionFormState>;
  csrfToken: string;
  id: number;
  name: string;
  definition: string;
  provisioned: boolean;
  testable: boolean;
  /** A rule's: its structured form beside the JSON. */
  ruleForm?: RuleFormOptions;
}) {
  const t = await getTranslations("AlertForm");
  return (
    <details>
      <summary>{t("edit")}</summary>
      {provisioned ? (
        <>
          <p className="muted">{t("readOnly")}</p>
          <pre className="code-block">{definition}</pre>
        </>
      ) : (
        <DefinitionForm
          action={action}
          csrfToken={csrfToken}
          id={id}
          initial={definition}
          testable={testable}
          label={t("editNamed", { name })}
          ruleForm={ruleForm}
        />
      )}
    </details>
  );
}
