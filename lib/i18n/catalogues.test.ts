import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "@/i18n/catalogues";
import { CLIENT_NAMESPACES } from "@/i18n/clientMessages";
import { LOCALES } from "./locales";

/**
 * The catalogues and the code that reads them hold together: both languages have the same keys
 * with the same placeholders, every key is used, and the browser receives every namespace its
 * components read and no other. Keys are found by reading the sources, so the code keeps to two
 * forms the scan understands (anything else fails here, naming the file):
 *   const t = useTranslations("Ns")   /   const t = await getTranslations("Ns")
 *   const [t, u] = await Promise.all([getTranslations("A"), getTranslations("B")])
 *   const t = createTranslator({ locale, messages, namespace: "Ns" })
 * and every call of a translator takes its key as a string literal (t("key"), t.rich("key", ...)):
 * a key computed at run time could neither be checked here nor by the type check.
 */

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "i18n", "lib"];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const relative = path.join(dir, name);
    if (relative === path.join("lib", "generated")) return [];
    if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [relative] : [];
  });
}

interface Scan {
  /** "Ns.key" for every key the file's translators are called with. */
  keys: string[];
  namespaces: string[];
  problems: string[];
}

const escape = (name: string) => name.replace(/[$]/g, "\\$");

export function scanSource(file: string, text: string): Scan {
  // A name may be bound in several functions of a file: each call reads the nearest binding above it.
  const bindings: { name: string; namespace: string; at: number }[] = [];
  const problems: string[] = [];
  let covered = 0;
  for (const match of text.matchAll(/const (\w+) = (?:await )?(?:useTranslations|getTranslations)\(\s*"(\w+)"\s*\)/g)) {
    bindings.push({ name: match[1]!, namespace: match[2]!, at: match.index });
    covered++;
  }
  // Outside React (a page proxy.ts answers with): createTranslator with its namespace written in place.
  for (const match of text.matchAll(/const (\w+) = createTranslator\(\{[^}]*\bnamespace: "(\w+)"[^}]*\}\)/g)) {
    bindings.push({ name: match[1]!, namespace: match[2]!, at: match.index });
  }
  for (const match of text.matchAll(/const \[([\w\s,]+)\] = await Promise\.all\(\[([^\]]*)\]\)/g)) {
    const names = match[1]!.split(",").map((name) => name.trim());
    // Element by element (a comma inside a call's parentheses does not split), so that other promises may stand between.
    const namespaces = match[2]!.split(/,(?![^(]*\))/).map((element) => /^\s*getTranslations\(\s*"(\w+)"\s*\)\s*$/.exec(element)?.[1]);
    names.forEach((name, index) => {
      if (namespaces[index]) {
        bindings.push({ name, namespace: namespaces[index], at: match.index });
        covered++;
      }
    });
  }
  // Both forms in the order they stand in the file, so that "the nearest binding above" is the last one before a call.
  bindings.sort((a, b) => a.at - b.at);
  const calls = [...text.matchAll(/\b(?:useTranslations|getTranslations)\(/g)].length;
  if (calls !== covered) problems.push(`${file}: a translator is made in a form the key scan does not read (see lib/i18n/catalogues.test.ts)`);
  const keys: string[] = [];
  for (const name of new Set(bindings.map((binding) => binding.name))) {
    for (const call of text.matchAll(new RegExp(`(?<![\\w.$])${escape(name)}(?:\\.(?:rich|markup|raw|has))?\\(`, "g"))) {
      const namespace = bindings.filter((binding) => binding.name === name && binding.at < call.index).at(-1)?.namespace;
      if (!namespace) continue; // a call before any binding of the name: another variable
      const rest = text.slice(call.index + call[0].length);
      const key = /^\s*"([\w.]+)"/.exec(rest)?.[1];
      if (key) keys.push(`${namespace}.${key}`);
      else problems.push(`${file}: ${name}(${rest.slice(0, 30).split("\n")[0]}…) is called with a key that is not a string literal`);
    }
  }
  return { keys, namespaces: [...new Set(bindings.map((binding) => binding.namespace))], problems };
}

/** Every key of a catalogue, dotted: "Header.signOut". */
function flatten(messages: object, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") flat.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value as object, `${prefix}${key}.`)) flat.set(inner, text);
  }
  return flat;
}

/** The arguments and tags a message takes, from its ICU syntax tree: "{count, number}" gives {count}, "<code>" gives <code>. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.tag) {
        found.add(`<${element.value}>`);
        walk(element.children);
      } else if (element.type !== TYPE.literal && element.type !== TYPE.pound) {
        found.add(`{${element.value}}`);
        if (element.type === TYPE.select || element.type === TYPE.plural) for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const files = SOURCE_DIRS.flatMap(sourceFiles);
const texts = new Map(files.map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
const scans = new Map(files.map((file) => [file, scanSource(file, texts.get(file)!)]));
const english = flatten(CATALOGUES.en);

describe("the catalogues", () => {
  it("have the same keys in every language, with the same placeholders and tags", () => {
    for (const locale of LOCALES) {
      const flat = flatten(CATALOGUES[locale]);
      expect([...flat.keys()].sort(), `${locale} has the keys of en`).toEqual([...english.keys()].sort());
      const differing = [...english].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(flat.get(key) ?? "")));
      expect(
        differing.map(([key]) => key),
        `${locale} messages take the arguments the English ones do`,
      ).toEqual([]);
      expect(
        [...flat].filter(([, text]) => text.trim() === "").map(([key]) => key),
        `${locale} has no empty message`,
      ).toEqual([]);
    }
  });

  it("are valid ICU messages that render in every language", () => {
    for (const locale of LOCALES) {
      const errors: string[] = [];
      const t = createTranslator({ locale, messages: CATALOGUES[locale], onError: (error) => errors.push(error.message) });
      for (const [key, text] of english) {
        const values = Object.fromEntries(
          placeholders(text).map((p) => (p.startsWith("<") ? [p.slice(1, -1), (chunks: unknown) => chunks] : [p.slice(1, -1), 1])),
        );
        (t as unknown as { markup: (key: string, values: object) => string }).markup(key, values);
      }
      expect(errors, locale).toEqual([]);
    }
  });

  it("say one of a thing in the singular in English", () => {
    // Every number argument set to 1: a count written "{n, number} events" reads "1 events".
    const t = createTranslator({ locale: "en", messages: CATALOGUES.en });
    const plural = [...english].flatMap(([key, text]) => {
      const values = Object.fromEntries(placeholders(text).map((p) => (p.startsWith("<") ? [p.slice(1, -1), () => ""] : [p.slice(1, -1), 1])));
      const shown = (t as unknown as { markup: (key: string, values: object) => string }).markup(key, values);
      return /(?<![\d.,])1 (?:[a-z]+ )?(?:events|pages|attempts|sessions|connections|characters|days|times|hours|minutes|users|hosts|files|runs)\b/.test(shown)
        ? [`${key}: ${shown}`]
        : [];
    });
    expect(plural).toEqual([]);
  });

  it("hold no key that no source reads, and the sources read no key they lack", () => {
    const problems = [...scans.values()].flatMap((scan) => scan.problems);
    expect(problems).toEqual([]);
    const used = new Set([...scans.values()].flatMap((scan) => scan.keys));
    expect(
      [...english.keys()].filter((key) => !used.has(key)),
      "unused keys: take them out of messages/*.json",
    ).toEqual([]);
    expect(
      [...used].filter((key) => !english.has(key)),
      "keys read but not in the catalogues",
    ).toEqual([]);
  });

  it("send the browser exactly the namespaces its components read", () => {
    // Client components and everything they import (which becomes client code too).
    const resolve = (from: string, specifier: string): string | undefined => {
      const base = specifier.startsWith("@/") ? specifier.slice(2) : path.join(path.dirname(from), specifier);
      return [".ts", ".tsx", "/index.ts", "/index.tsx"]
        .map((ext) => base + ext)
        .find((candidate) => texts.has(candidate) || existsSync(path.join(ROOT, candidate)));
    };
    const clientFiles = new Set(files.filter((file) => /^\s*["']use client["']/.test(texts.get(file)!)));
    for (const file of clientFiles) {
      for (const match of texts.get(file)!.matchAll(/(?:from|import)\s*\(?\s*"((?:\.{1,2}\/|@\/)[^"]+)"/g)) {
        if (/^import type /m.test(match.input.slice(match.input.lastIndexOf("\n", match.index) + 1, match.index + 12))) continue;
        const target = resolve(file, match[1]!);
        if (target && texts.has(target)) clientFiles.add(target);
      }
    }
    const readInBrowser = new Set([...clientFiles].flatMap((file) => scans.get(file)!.namespaces));
    expect(
      [...readInBrowser].filter((ns) => !(CLIENT_NAMESPACES as readonly string[]).includes(ns)),
      "add to CLIENT_NAMESPACES (i18n/clientMessages.ts)",
    ).toEqual([]);
    expect(
      CLIENT_NAMESPACES.filter((ns) => !readInBrowser.has(ns)),
      "no client component reads these: take them off CLIENT_NAMESPACES",
    ).toEqual([]);
  });
});

describe("the key scan", () => {
  it("finds keys in both forms and refuses a computed key or an unread translator", () => {
    const scan = scanSource(
      "probe.tsx",
      [
        // A binding of both forms further up: calls below a later binding read the later one.
        'const [t, page] = await Promise.all([getTranslations("G"), getTranslations("H")]);',
        't("six"); page("seven");',
        'const t = useTranslations("A");',
        'const [u, v] = await Promise.all([getTranslations("B"), getTranslations("C")]);',
        'const [locale, w2] = await Promise.all([getLocale(), getTranslations("F")]);',
        'w2("five");',
        't("one"); t.rich("two", {}); u("three"); v(`x${1}`); x.t("not-mine");',
        'const w = getTranslations({ namespace: "D" });',
        'function other() { const t = useTranslations("E"); return t("four"); }',
      ].join("\n"),
    );
    expect(scan.keys.sort()).toEqual(["A.one", "A.two", "B.three", "E.four", "F.five", "G.six", "H.seven"]);
    expect(scan.problems).toHaveLength(2);
  });
});
