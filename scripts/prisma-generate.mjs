// `prisma generate` insists on a native schema-engine binary before it starts, and downloads one
// from Prisma's host when it is missing. It never executes that binary, so offline machines
// (ours, air-gapped self-hosters) point the variable at any existing file.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
