// An oxlint plugin (ESLint's plugin shape) for the one rule oxlint's own rules cannot say: what a client
// component ("use client") may import. oxlint's overrides pick files by path, and client components are
// picked by their first line, so no-restricted-imports in .oxlintrc.json cannot single them out.
//
// Why a lint rule and not `import "server-only"` in the server modules: that package throws when it is
// loaded outside React's "react-server" condition, and the same modules (lib/store, lib/config.ts,
// lib/sync, lib/parsec) are loaded by the CLI scripts under tsx and by vitest, which use Node's default
// conditions.

/**
 * What a browser bundle must never carry: Node's built-ins, the database and its driver, the domain
 * modules that reach them, the configuration (it holds secrets), and zod (even zod/mini is a large
 * share of a page's script budget). lib/explorerUrl is the part of lib/ made for the browser.
 */
const SERVER_CODE =
  /^node:|^zod(\/|$)|^better-sqlite3$|^@prisma\/|^server-only$|(^|\/)generated\/prisma(\/|$)|(^|\/)lib\/(db|store|ingest|sync|events|parsec|demo|server|config|auth)\b/;

const isClientModule = (program) => program.body.some((statement) => statement.type === "ExpressionStatement" && statement.directive === "use client");

/** `import type` and `export type` are erased when compiled, so they put nothing in the bundle. */
const isTypeOnly = (node) => node.importKind === "type" || node.exportKind === "type";

const noServerCodeInClient = {
  meta: {
    type: "problem",
    docs: { description: 'A "use client" module imports no server code: it would be shipped to the browser.' },
    messages: {
      serverCode:
        '"{{specifier}}" is server code and this is a client component ("use client"): pass the data in as props from a server component, or import it from lib/explorerUrl if the browser really needs it.',
    },
    schema: [],
  },
  create(context) {
    if (!isClientModule(context.sourceCode.ast)) return {};
    const check = (node, source) => {
      if (source?.type === "Literal" && typeof source.value === "string" && SERVER_CODE.test(source.value) && !isTypeOnly(node)) {
        context.report({ node: source, messageId: "serverCode", data: { specifier: source.value } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
    };
  },
};

export default {
  meta: { name: "seam" },
  rules: { "no-server-code-in-client": noServerCodeInClient },
};
