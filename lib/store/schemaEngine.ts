import { readFile } from "node:fs/promises";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as EngineModule from "@prisma/schema-engine-wasm/schema_engine_bg";

/**
 * Prisma's schema engine compiled to WebAssembly, run in-process. The native engine that
 * `prisma migrate deploy` needs is downloaded at install time from Prisma's host, which offline
 * machines cannot reach; the WebAssembly build ships inside an npm package and applies the same
 * migrations, recording them in `_prisma_migrations` exactly as `prisma migrate deploy` does.
 */

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const SCHEMA_FILE = path.join(PRISMA_DIR, "schema.prisma");
const LOCKFILE = "migration_lock.toml";

type SchemaEngine = EngineModule.SchemaEngine;
type MigrationList = EngineModule.MigrationList;

let engineModule: Promise<typeof EngineModule> | undefined;

/** Node 20 cannot import a .wasm module without a flag, so the glue is instantiated by hand. */
function loadEngineModule(): Promise<typeof EngineModule> {
  engineModule ??= (async () => {
    const require = createRequire(path.join(process.cwd(), "package.json"));
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as typeof EngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

/**
 * better-sqlite3 refuses a script of several statements through `executeRaw`, which is how the engine
 * replays migrations on its shadow database: route those scripts to `executeScript`.
 */
function withScriptAwareShadowDb(factory: PrismaBetterSqlite3, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const shadow: SqlDriverAdapter = await factory.connectToShadowDb();
      opened.push(shadow);
      const executeRaw = shadow.executeRaw.bind(shadow);
      shadow.executeRaw = async (query) => (query.args.length === 0 ? (await shadow.executeScript(query.sql), 0) : executeRaw(query));
      return shadow;
    },
  };
}

export async function withSchemaEngine<T>(databaseFile: string, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const glue = await loadEngineModule();
  // The engine does not close the connections it opens; left open, they hold locks that the app's
  // own client then waits on.
  const opened: SqlDriverAdapter[] = [];
  const factory = bindMigrationAwareSqlAdapterFactory(
    withScriptAwareShadowDb(new PrismaBetterSqlite3({ url: databaseFile }, { timestampFormat: "unixepoch-ms" }), opened),
  );
  const logs: string[] = [];
  const engine = await glue.SchemaEngine.new({ datamodels: [[SCHEMA_FILE, readFileSync(SCHEMA_FILE, "utf8")]] }, (line: string) => logs.push(line), factory);
  try {
    return await use(engine);
  } catch (error) {
    throw explainEngineError(error, factory.errorRegistry);
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
  }
}

/** The adapter's errors surface as "External error id#N"; the real one waits in the registry. */
function explainEngineError(error: unknown, registry: { consumeError(id: number): { error: unknown } | undefined }) {
  const message = error instanceof Error ? error.message : String(error);
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const cause = id ? registry.consumeError(Number(id))?.error : undefined;
  return new Error(`Database migration failed: ${cause instanceof Error ? cause.message : message}`, {
    cause: cause ?? error,
  });
}

/** The migrations folder in the shape the engine takes (bare folder names, as `migrate deploy` records them). */
/** The names of this version's migrations, in order, without reading their SQL (for checks that only compare names). */
export function migrationNames(): string[] {
  return existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
}

export function readMigrationsList(): MigrationList {
  const lockPath = path.join(MIGRATIONS_DIR, LOCKFILE);
  const directories = migrationNames();
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file) ? { tag: "ok" as const, value: readFileSync(file, "utf8") } : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

export function schemaDatamodel() {
  return { tag: "schemaDatamodel" as const, files: [{ path: SCHEMA_FILE, content: readFileSync(SCHEMA_FILE, "utf8") }] };
}

/**
 * Tables that hand-written migrations create and Prisma's schema cannot express: the engine leaves
 * them out of its diff, so `npm run db:new-migration` does not propose dropping them. The free-text
 * index "EventSearch" (prisma/migrations/*_event_search) is an FTS5 virtual table, and FTS5 keeps
 * its index in the shadow tables named after it.
 */
export const EXTERNAL_TABLES = ["EventSearch", "EventSearch_config", "EventSearch_data", "EventSearch_docsize", "EventSearch_idx"];

export const NO_SCHEMA_FILTER = { externalTables: EXTERNAL_TABLES, externalEnums: [] };
