import { expect, test } from "./fixtures";
import { appRoutes } from "../lib/auth/appRoutes";

// Bad input never crashes anything: every page and every GET route of app/ (found by walking the
// folder, so a route added tomorrow is swept too), signed in, asked with query strings and path
// segments a mistyped bookmark, an old link or a hostile hand could produce. Each answer must be a
// page or a clear 4xx, never a 500 and never Next.js's bare error screen.

const SKIPPED = new Set(["/sign-in", "/sign-in/oidc", "/sign-in/oidc/callback", "/admin/import/upload"]);

const HOSTILE_QUERIES = [
  "from=not-a-date&to=2025-13-45T99:99",
  "from=2030-01-01&to=2020-01-01",
  "limit=-5&size=-5&pageSize=0&page=abc",
  "user=abc&user=-1&user=99999999999999999999999&user=1.5",
  `name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&host=%F0%9F%92%A5&host=${"x".repeat(5_000)}`,
  "exit=sometimes&exit=-99999999999&status=maybe&sort=drop%20table&order=sideways",
  "cursor=garbage&cursor=again&before=%25%25&after=-1",
  `q=${encodeURIComponent("会議室' OR 1=1 --")}&q=second`,
  "zone=Mars%2FOlympus&view=year&day=2025-02-30&span=forever&range=all&bucket=-1",
  "minDuration=-1&maxDuration=abc&duration=NaN&format=xlsx",
  `id=${"z".repeat(3_000)}&attempt=%00`,
  "%E0%A4%A=1&a[]=b&__proto__=x&constructor=y",
];

const HOSTILE_SEGMENTS = [
  "abc",
  "-1",
  "1e99",
  "99999999999999999999",
  encodeURIComponent("山田の PC"),
  "%E0%A4%A",
  "..%2F..%2Fetc%2Fpasswd",
  "x".repeat(3_000),
  "%00",
];

const targets = appRoutes()
  .filter((route) => !SKIPPED.has(route.url))
  .flatMap((route) => {
    const urls = HOSTILE_QUERIES.map((query) => `${route.url}?${query}`);
    // appRoutes fills a dynamic segment with "1": those routes get hostile segments too.
    if (/\/1(\/|$)/.test(route.url)) {
      for (const segment of HOSTILE_SEGMENTS) urls.push(route.url.replace(/\/1(\/|$)/, `/${segment}$1`));
    }
    return urls.map((url) => ({ url, kind: route.kind }));
  });

test("no page or route answers hostile query strings and path segments with a 500", async ({ request }) => {
  test.setTimeout(240_000);
  const failures: string[] = [];
  for (const { url, kind } of targets) {
    const response = await request.get(url, { maxRedirects: 0 });
    const status = response.status();
    const body = await response.text();
    const crashed = status >= 500 || /Internal Server Error|Application error: a (server|client)-side exception/.test(body);
    // A page either renders (naming what was wrong) or says the item does not exist.
    const unexpectedPageStatus = kind === "page" && ![200, 400, 404].includes(status);
    if (crashed || unexpectedPageStatus) failures.push(`${status} ${url.slice(0, 160)}`);
  }
  expect(failures, `${targets.length} URLs asked`).toEqual([]);
});
