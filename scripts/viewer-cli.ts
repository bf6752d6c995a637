#!/usr/bin/env node
// viewer-cli <command> [arguments]: the command-line tools inside the container image, which has
// neither tsx nor the sources the npm scripts run. scripts/build-cli.mjs bundles this file and the
// commands it names into the image; each command takes the arguments its npm script takes.
import path from "node:path";
import { fileURLToPath } from "node:url";

const COMMANDS: Record<string, { load: () => Promise<unknown>; args: string; about: string }> = {
  backup: { load: () => import("./backup"), args: "<file> [--force]", about: "a consistent copy of the store, taken while the server runs" },
  restore: { load: () => import("./restore"), args: "<backup file> [--force]", about: "brings a backup back (--force replaces a store that holds events)" },
  export: { load: () => import("./export"), args: "--format ndjson|csv [filters]", about: "the events on standard output" },
  "db:migrate": { load: () => import("./migrate"), args: "", about: "applies pending migrations (the server does so at start)" },
  "reset-admin-password": { load: () => import("./reset-admin-password"), args: "<email>", about: "a new one-time password for that admin" },
};

const NAME = "viewer-cli";

function help(): string {
  const lines = Object.entries(COMMANDS).map(([name, { args }]) => `${name} ${args}`.trim());
  const width = Math.max(...lines.map((line) => line.length));
  return [
    `Usage: ${NAME} <command> [arguments]   (relative paths start from the application's directory: give absolute ones, such as /data/backups/store.db)`,
    ...Object.values(COMMANDS).map(({ about }, i) => `  ${lines[i]!.padEnd(width)}   ${about}`),
  ].join("\n");
}

const [command] = process.argv.splice(2, 1);
if (command === undefined || command === "help" || command === "--help" || command === "-h") {
  console.error(help());
  process.exit(command === undefined ? 2 : 0);
}
const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
if (!entry) {
  console.error(`${NAME}: no command "${command}".\n${help()}`);
  process.exit(2);
}
// The commands find prisma/ (the migrations) and resolve relative settings from the working
// directory, as `npm run` runs them from the checkout's root: this file sits one level below it,
// in the image as in the checkout. lib/ reads the directory when its modules load, so none of it
// is imported (statically or not) before this.
process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
const { invokedThrough } = await import("./runCli");
invokedThrough(NAME);
await entry.load();
