import { describe, expect, it } from "vitest";
import { brokenAddressPage } from "./brokenAddressPage";

describe("the broken-address page", () => {
  it("is written in the language it is asked for, with its link back to the overview", () => {
    const ja = brokenAddressPage("ja");
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain("<h1>このアドレスは壊れています</h1>");
    expect(ja).toContain('<a href="/">概要</a>');
    expect(ja).toContain("<title>壊れたアドレス · Parsec 監査ログ</title>");
    const en = brokenAddressPage("en");
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("<h1>This address is broken</h1>");
    expect(en).toContain('<a href="/">the overview</a>');
    expect(en).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});
