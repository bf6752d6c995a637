"use server";

import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { clientIp } from "@/lib/auth/requestContext";
import { acknowledgeAlert } from "@/lib/alertsAdmin/alertLog";
import {
  EditRefused,
  type EditRefusal,
  muteRuleFor,
  removeChannel,
  removeRule,
  saveChannelDefinition,
  saveRuleDefinition,
  switchRule,
  testRuleDefinition,
  type Actor,
} from "@/lib/alertsAdmin/editAlerts";
import { injectScenario } from "@/lib/alertsAdmin/demoScenarios";
import { EMPTY_DEFINITION_STATE, type DefinitionFormState } from "@/lib/alertsAdmin/definitionFormState";
import { ActionRefused, requireAdminAction, requireAdminForButton } from "../_auth/requireAdminAction";
import { actionRefusedText } from "../_auth/authProblemText";

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};
const idOf = (form: FormData) => (/^\d{1,9}$/.test(field(form, "id")) ? Number(field(form, "id")) : null);

async function actor(form: FormData): Promise<Actor> {
  return actorOf(await requireAdminAction(form));
}

/** The same for a button, whose refusal comes back to the page it was on (requireAdminForButton). */
async function buttonActor(form: FormData, back: string): Promise<Actor> {
  return actorOf(await requireAdminForButton(form, back));
}

async function actorOf(admin: { email: string }): Promise<Actor> {
  return { email: admin.email, ip: clientIp(await headers()) };
}

async function definitionAction(form: FormData, save: (who: Actor, id: number | null, text: string) => Promise<unknown>): Promise<DefinitionFormState> {
  const text = field(form, "definition");
  try {
    const who = await actor(form);
    if (field(form, "intent") === "test") {
      const test = await testRuleDefinition(text, await getLocale());
      return { ...EMPTY_DEFINITION_STATE, text, test };
    }
    await save(who, idOf(form), text);
  } catch (error) {
    if (error instanceof EditRefused)
      return { ...EMPTY_DEFINITION_STATE, text, problems: error.details, refusal: error.details.length > 0 ? null : error.reason };
    // A refusal is the form's message, as every action's is (lib/auth/routeProtection.test.ts).
    if (error instanceof ActionRefused) return { ...EMPTY_DEFINITION_STATE, text, message: await actionRefusedText(error.refusal) };
    throw error;
  }
  revalidatePath("/alerts");
  return { ...EMPTY_DEFINITION_STATE, text, saved: true };
}

export async function saveRuleAction(_state: DefinitionFormState, form: FormData): Promise<DefinitionFormState> {
  return definitionAction(form, saveRuleDefinition);
}

export async function saveChannelAction(_state: DefinitionFormState, form: FormData): Promise<DefinitionFormState> {
  return definitionAction(form, saveChannelDefinition);
}

/**
 * The rule and channel buttons: each does one thing and comes back to the page, saying what went
 * wrong if it did by a reason the page words itself (the URL never puts text on the page).
 */
export async function ruleButtonAction(form: FormData): Promise<void> {
  const back = field(form, "back") === "log" ? "/alerts/log" : "/alerts";
  const who = await buttonActor(form, back);
  const id = idOf(form);
  let problem: EditRefusal | null = null;
  try {
    if (id === null) throw new EditRefused(["No rule or channel was named."], "unknownButton");
    switch (field(form, "intent")) {
      case "enable":
        await switchRule(who, id, true);
        break;
      case "disable":
        await switchRule(who, id, false);
        break;
      case "mute":
        await muteRuleFor(who, id, Number(field(form, "minutes")));
        break;
      case "delete-rule":
        await removeRule(who, id);
        break;
      case "delete-channel":
        await removeChannel(who, id);
        break;
      case "acknowledge":
        await acknowledgeAlert(who, id);
        break;
      default:
        throw new EditRefused(["Unknown button."], "unknownButton");
    }
  } catch (error) {
    if (!(error instanceof EditRefused)) throw error;
    problem = error.reason;
  }
  revalidatePath(back);
  redirect(problem ? `${back}?problem=${problem}` : back);
}

export async function scenarioAction(form: FormData): Promise<void> {
  await buttonActor(form, "/alerts");
  const scenario = field(form, "scenario");
  const added = await injectScenario(scenario);
  redirect(`/alerts?${new URLSearchParams({ injected: scenario, count: String(added) })}`);
}
