import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/i18n/catalogues";

const sync = (locale: "en" | "ja") => createTranslator({ locale, messages: CATALOGUES[locale], namespace: "SyncStatus" });

describe("counts in the catalogues", () => {
  it("say one page, not one pages", () => {
    expect(sync("en")("lastSyncCounts", { inserted: 3, fetched: 3, pages: 1 })).toBe("3 new of 3 fetched in 1 page");
    expect(sync("en")("lastSyncCounts", { inserted: 0, fetched: 1200, pages: 2 })).toBe("0 new of 1,200 fetched in 2 pages");
    expect(sync("en")("progress", { events: 1, pages: 1 })).toBe("1 event in 1 page");
    expect(sync("ja")("progress", { events: 1200, pages: 1 })).toBe("1 ページ、1,200 件");
    expect(sync("ja")("lastSyncCounts", { inserted: 3, fetched: 3, pages: 1 })).toBe("1 ページで 3 件を取得、うち新規 3 件");
  });
});
