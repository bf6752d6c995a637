import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ja from "../../messages/ja.json";
import { BUILT_IN_RULES, builtInRuleKey } from "./builtInRules";

describe("the built-in rules' names", () => {
  it("each has a catalogue key, one of its own, that both catalogues name", () => {
    const keys = BUILT_IN_RULES.map((rule) => builtInRuleKey(rule.name));
    expect(keys).not.toContain(null);
    expect(new Set(keys).size).toBe(BUILT_IN_RULES.length);
    for (const catalogue of [en, ja]) {
      const message = catalogue.Alerts.builtInName;
      for (const key of keys)
        expect(message, `${key} in the ${catalogue === en ? "English" : "Japanese"} catalogue`).toMatch(new RegExp(`[ ,]${key} \\{[^}]+\\}`));
    }
  });

  it("an admin's rule named like no built-in one, or like an object's own property, has none", () => {
    expect(builtInRuleKey("My API key rule")).toBeNull();
    expect(builtInRuleKey("constructor")).toBeNull();
    expect(builtInRuleKey("api key created")).toBeNull();
  });
});
