import type { DefinitionProblem } from "../alertRules/definitionProblems";
import type { SentencePart } from "../i18n/sentenceParts";
import type { EditRefusal } from "./editAlerts";

/** "Test against the last 30 days", as the form shows it. */
export interface DryRunView {
  /** Each alert's sentence in the reader's language (its instants shown in their zone by the form). */
  alerts: { sentence: SentencePart[]; anchorAt: string; eventCount: number; linkPath: string }[];
  eventsRead: number;
  truncated: boolean;
  eventLimit: number;
  more: number;
}

/** What a rule's or channel's definition form gets back from its server action. */
export interface DefinitionFormState {
  /** Each field's problem, for the form to say beside the field in its reader's language. */
  problems: DefinitionProblem[];
  /** Why the store refused the edit when no field is to blame (the rule was deleted meanwhile, ...). */
  refusal: EditRefusal | null;
  /** The action itself was refused (a session that ended, a missing CSRF token). */
  message: string | null;
  /** The definition was saved. */
  saved: boolean;
  text: string | null;
  test: DryRunView | null;
}

export const EMPTY_DEFINITION_STATE: DefinitionFormState = { problems: [], refusal: null, message: null, saved: false, text: null, test: null };
