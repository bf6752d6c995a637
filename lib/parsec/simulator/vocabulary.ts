/**
 * Word lists the team model draws from. Most of the team is in Japan (the timing is Tokyo work
 * hours), with some colleagues elsewhere so that non-Japanese Unicode shows up too. Computer names
 * deliberately include kana, kanji, umlauts, emoji, quotes and backslashes: those are what break
 * encodings, CSV exports and HTML escaping.
 */

export const JAPANESE_FAMILY_NAMES = [
  "tanaka",
  "suzuki",
  "sato",
  "takahashi",
  "watanabe",
  "ito",
  "yamamoto",
  "nakamura",
  "kobayashi",
  "kato",
  "yoshida",
  "yamada",
  "sasaki",
  "yamaguchi",
  "matsumoto",
  "inoue",
  "kimura",
  "hayashi",
  "shimizu",
  "mori",
  "ikeda",
  "hashimoto",
  "abe",
  "ishikawa",
  "ogawa",
  "fujita",
  "okada",
  "goto",
  "hasegawa",
  "murakami",
  "kondo",
  "ishii",
  "saito",
  "sakamoto",
  "endo",
  "aoki",
  "fujii",
  "nishimura",
] as const;

export const JAPANESE_GIVEN_NAMES = [
  "yuki",
  "haruto",
  "sota",
  "yui",
  "hina",
  "ren",
  "aoi",
  "riku",
  "mei",
  "sakura",
  "daiki",
  "kenta",
  "ryosuke",
  "takumi",
  "misaki",
  "nanami",
  "shota",
  "yuto",
  "kaito",
  "akari",
  "mio",
  "hiroshi",
  "naoki",
  "emi",
  "kazuki",
  "ayaka",
  "tomoya",
  "saki",
  "yusuke",
  "mai",
  "koji",
  "rina",
] as const;

/** [given, family, email local part, email domain, ascii-safe host label] */
export const INTERNATIONAL_PEOPLE = [
  ["Anna", "Müller", "anna.mueller", "example.de", "Müller"],
  ["Lukas", "Schmidt", "lukas.schmidt", "example.de", "Schmidt"],
  ["Sophie", "Martin", "sophie.martin", "example.fr", "Sophie"],
  ["James", "O'Brien", "james.obrien", "example.com", "James"],
  ["María", "García", "maria.garcia", "example.es", "García"],
  ["Wei", "Chen", "chen.wei", "example.com", "陈伟"],
  ["Ji-woo", "Park", "jiwoo.park", "example.kr", "지우"],
  ["João", "Silva", "joao.silva", "example.com.br", "João"],
  ["Olivia", "Smith", "olivia.smith", "example.com", "Olivia"],
  ["Søren", "Nielsen", "soren.nielsen", "example.dk", "Søren"],
] as const;

export const EMAIL_DOMAINS_JP = ["example.co.jp", "example.co.jp", "example.co.jp", "example.jp", "example.com"] as const;

export const GUEST_DOMAINS = ["studio-partner.example.com", "freelance.example.net", "vendor.example.jp"] as const;

export const TEAM_NAMES = ["cm", "studio-nagi", "render-team", "アニメ制作部", "post-production", "kaizen-labs"] as const;

/** Names of shared team computers; `{n}` becomes a two-digit number. */
export const SHARED_COMPUTER_NAMES = [
  "レンダリング-{n}",
  "東京オフィスPC-{n}",
  "ec2-parsec-host-{n}",
  "EDIT-BAY-{n}",
  "会議室PC",
  "大阪スタジオ-Mac-{n}",
  "GPU-WORKSTATION-{n}",
  "🎮 Playtest Rig {n}",
  "編集室-{n}",
  "Color-Grading-Suite",
  'Dev "Beast" {n}',
  "QA-Win11-{n}",
  "São-Paulo-Edit-{n}",
] as const;

/** Personal host names; `{given}` is the owner's given name, `{label}` a per-person label. */
export const PERSONAL_HOST_NAMES = [
  "DESKTOP-{code}",
  "DESKTOP-{code}",
  "{given}-workstation",
  "{label}-Workstation",
  "{given}のPC",
  "{given}s-Mac-Studio",
  "WIN-{code}",
  "{given}-home-pc",
  "OFFICE\\{given}",
  "{given} 🖥️",
] as const;

/** Client device names by platform. macOS uses a typographic apostrophe, as the OS does. */
export const CLIENT_NAMES: Record<Platform, readonly string[]> = {
  windows: ["LAPTOP-{code}", "DESKTOP-{code}", "{given}-surface", "{label}-Laptop", "ThinkPad-{code}"],
  macos: ["{Given}’s MacBook Pro", "{Given}’s MacBook Air", "{given}-mbp", "{given}のMacBook Air", "{Given}’s iMac"],
  linux: ["{given}-ubuntu", "archbox", "{given}-thinkpad", "dev-{code}"],
  web: [],
  android: ["Pixel 8", "Galaxy Tab S9", "Pixel 7a", "Xperia 1 V", "AQUOS sense8"],
};

export type Platform = "windows" | "macos" | "linux" | "web" | "android";

/** How each platform reports itself on connection events (`os`, `os_version` choices). */
export const PLATFORM_OS: Record<Platform, { os: string; versions: readonly string[] }> = {
  windows: { os: "Windows", versions: ["10", "10", "11", "11", "11"] },
  macos: { os: "macOS", versions: ["13.6", "14.4", "14.5", "15.0", "15.1"] },
  linux: { os: "Linux", versions: ["Ubuntu 22.04", "Ubuntu 24.04", "Fedora 40", "6.8.0"] },
  web: { os: "Web", versions: ["Chrome 126", "Chrome 128", "Edge 127", "Firefox 129"] },
  android: { os: "Android", versions: ["13", "14", "14", "15"] },
};

/** Parsec builds, oldest first; devices move up as the history goes on. */
export const APP_VERSIONS = ["150-78", "150-79", "150-85", "150-90", "150-93", "150-97", "150-99", "150-101"] as const;

/** Public-looking address prefixes: mostly Japanese ISPs, some elsewhere. */
export const IPV4_PREFIXES = ["150.249", "126.77", "153.156", "60.112", "219.104", "114.162", "133.32", "49.98", "85.214", "73.158"] as const;
export const IPV6_PREFIXES = ["2400:4051", "240b:10", "2001:f70", "2a02:8108"] as const;

export const ROLE_ADMIN = "admin";
export const ROLE_MEMBER = "member";
