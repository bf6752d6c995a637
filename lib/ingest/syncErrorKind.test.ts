import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/i18n/catalogues";
import { icuSelector } from "../i18n/icuSelector";
import { LOCALES } from "../i18n/locales";
import { AuthError, NetworkError, ServerError } from "../parsec/errors";
import { storedSyncErrorKind, SYNC_ERROR_KINDS, syncErrorKind } from "./syncErrorKind";

describe("a failed sync's kind", () => {
  it("is Parsec's answer, or that the run was stopped, or none for a failure of our own", () => {
    expect(syncErrorKind(new AuthError(), false)).toBe("auth");
    expect(syncErrorKind(new ServerError(503), false)).toBe("server");
    expect(syncErrorKind(new NetworkError("certificate has expired", { tls: true }), false)).toBe("tls");
    expect(syncErrorKind(new AuthError(), true)).toBe("stopped");
    expect(syncErrorKind(new Error("disk full"), false)).toBeNull();
  });

  it("is read back only when this version names it", () => {
    expect(storedSyncErrorKind("permission")).toBe("permission");
    expect(storedSyncErrorKind("a-kind-from-a-later-version")).toBeNull();
    expect(storedSyncErrorKind(null)).toBeNull();
  });

  it("has a sentence of its own in every language, not the catch-all", () => {
    for (const locale of LOCALES) {
      const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "SyncError" });
      const catchAll = t("headline", { kind: "something-else" });
      const sentences = SYNC_ERROR_KINDS.map((kind) => t("headline", { kind: icuSelector(kind) }));
      expect(
        sentences.filter((sentence) => sentence === catchAll),
        locale,
      ).toEqual([]);
      expect(new Set(sentences).size, locale).toBe(SYNC_ERROR_KINDS.length);
    }
  });
});
