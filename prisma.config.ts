import { defineConfig } from "prisma/config";

// Only the CLI reads this file (generate, and migrate where Prisma's native engine exists);
// the app resolves its database through lib/config.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/parsec-audit.db" },
});
