import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import { summarizeAdminEvent } from "@/lib/events/admin/adminSummary";
import type { Locale } from "@/lib/i18n/locales";
import { CATALOGUES } from "@/i18n/catalogues";
import { AdminSummaryLine } from "./AdminSummaryLine";

const emails = new Map([
  [501, "naoki.tanaka@example.jp"],
  [502, "yuki.inoue@example.jp"],
]);

function line(name: string, data: Record<string, unknown>, locale: Locale): string {
  const summary = summarizeAdminEvent({ name, userId: 501, userEmail: null, data }, (id) => emails.get(id) ?? null)!;
  const html = renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={CATALOGUES[locale]} timeZone="UTC">
      <AdminSummaryLine summary={summary} />
    </NextIntlClientProvider>,
  );
  return html.replace(/<[^>]+>/g, "").replace(/&gt;/g, ">");
}

describe("the one line of an administrative event", () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      "team_member_role_update",
      { member_user_id: 502, old_role: "member", new_role: "admin" },
      "naoki.tanaka@example.jp changed the role of yuki.inoue@example.jp: member → admin",
      "naoki.tanaka@example.jp が yuki.inoue@example.jp のロールを変更しました（member → admin）",
    ],
    [
      "team_api_key_create",
      { key_name: "ci-bot" },
      "naoki.tanaka@example.jp created the API key ci-bot",
      "naoki.tanaka@example.jp が API キー「ci-bot」を作成しました",
    ],
    ["team_api_key_create", {}, "naoki.tanaka@example.jp created an API key", "naoki.tanaka@example.jp が API キーを作成しました"],
    [
      "guest_access_create",
      { computer_name: "会議室PC", guest_email: "g@partner.example" },
      "naoki.tanaka@example.jp created guest access for g@partner.example to 会議室PC",
      "naoki.tanaka@example.jp が 会議室PC への g@partner.example のゲストアクセスを作成しました",
    ],
    [
      "guest_access_expire",
      { computer_name: "会議室PC", guest_user_id: 777 },
      "guest access for user 777 to 会議室PC expired",
      "会議室PC への ユーザー 777 のゲストアクセスの期限が切れました",
    ],
    ["team_member_leave", { member_user_id: 501 }, "naoki.tanaka@example.jp left the team", "naoki.tanaka@example.jp がチームから退出しました"],
    [
      "team_seats_update",
      { previous_team_seats: 25, team_seats: 30 },
      "naoki.tanaka@example.jp changed the seats: 25 → 30",
      "naoki.tanaka@example.jp が シート数を変更しました（25 → 30）",
    ],
    [
      "team_sso_rotate",
      { provider_name: "Okta", member_user_id: 502 },
      "provider_name: Okta · member_user_id: yuki.inoue@example.jp",
      "provider_name: Okta · member_user_id: yuki.inoue@example.jp",
    ],
  ])("%s reads in English and Japanese", (name, data, english, japanese) => {
    expect(line(name, data, "en")).toBe(english);
    expect(line(name, data, "ja")).toBe(japanese);
  });
});
