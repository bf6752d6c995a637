/**
 * The app's route tree read from app/, for the tests that prove every page, route handler and
 * server action is protected (lib/auth/routeProtection.test.ts, e2e/signedOut/protection.spec.ts):
 * a route added tomorrow is in the list without anyone adding it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const APP_DIR = path.join(REPO_ROOT, "app");

export interface AppRoute {
  /** e.g. "/events/export" (route groups and private folders as Next.js treats them). */
  url: string;
  kind: "page" | "route";
  /** Absolute path of page.tsx or route.ts. */
  file: string;
}

/**
 * Every page and route handler in app/, found the way Next.js finds them: page.tsx and route.ts
 * files, "(group)" folders left out of the URL, "_private" folders not routed at all. Dynamic
 * segments are filled with "1".
 */
export function appRoutes(dir = APP_DIR, segments: string[] = []): AppRoute[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): AppRoute[] => {
    if (entry.isDirectory()) {
      if (entry.name.startsWith("_") || entry.name.startsWith("@")) return [];
      const segment = /^\(.*\)$/.test(entry.name) ? [] : [/^\[.*\]$/.test(entry.name) ? "1" : entry.name];
      return appRoutes(path.join(dir, entry.name), [...segments, ...segment]);
    }
    const match = /^(page|route)\.(tsx?|jsx?)$/.exec(entry.name);
    if (!match) return [];
    return [{ url: `/${segments.join("/")}`, kind: match[1] as "page" | "route", file: path.join(dir, entry.name) }];
  });
}

/** Files of app/ holding server actions ("use server" at the top). */
export function serverActionFiles(dir = APP_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): string[] => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return serverActionFiles(file);
    return /\.tsx?$/.test(entry.name) && /^\s*["']use server["']/.test(readFileSync(file, "utf8")) ? [file] : [];
  });
}
