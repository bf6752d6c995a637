import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/i18n/catalogues";
import { LOCALES } from "@/lib/i18n/locales";
import { VIEWER_ACTIONS } from "./viewerAudit";

describe("the viewer audit's action labels", () => {
  it("name every stored action in every language, none by its stored key", () => {
    for (const locale of LOCALES) {
      const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "ViewerAudit" });
      const labels = VIEWER_ACTIONS.map((action) => t("action", { action }));
      for (const [i, label] of labels.entries()) expect(label, `${locale} ${VIEWER_ACTIONS[i]}`).not.toBe(VIEWER_ACTIONS[i]);
      expect(new Set(labels).size, `${locale}: distinct labels`).toBe(VIEWER_ACTIONS.length);
    }
    expect(createTranslator({ locale: "ja", messages: CATALOGUES.ja, namespace: "ViewerAudit" })("action", { action: "sign_in_failed" })).toBe(
      "サインイン失敗",
    );
  });
  it("show an action the catalogue does not know by its stored key", () => {
    expect(createTranslator({ locale: "ja", messages: CATALOGUES.ja, namespace: "ViewerAudit" })("action", { action: "future_action" })).toBe("future_action");
  });
});
