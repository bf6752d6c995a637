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

/** Attributes a person reads (or hears from a screen reader). */
const VISIBLE_ATTRIBUTES = new Set([
  "title",
  "placeholder",
  "aria-label",
  "aria-description",
  "aria-placeholder",
  "aria-roledescription",
  "aria-valuetext",
  "alt",
  "label",
]);

/** Text with a letter in it, in any script: "·", "→", "#" and spaces are not words to translate. */
const hasWords = (text) => /\p{L}/u.test(text);

/** The string literals an expression puts on the page as it stands: `"text"`, `` `text ${x}` ``, `a ? "x" : "y"`, `a && "x"`. */
function literalTexts(node) {
  if (!node) return [];
  if (node.type === "Literal" && typeof node.value === "string") return [node];
  if (node.type === "TemplateLiteral") return node.quasis.some((quasi) => hasWords(quasi.value.cooked ?? quasi.value.raw)) ? [node] : [];
  if (node.type === "ConditionalExpression") return [...literalTexts(node.consequent), ...literalTexts(node.alternate)];
  if (node.type === "LogicalExpression") return literalTexts(node.right);
  if (node.type === "JSXExpressionContainer") return literalTexts(node.expression);
  return [];
}

const noLiteralUiText = {
  meta: {
    type: "problem",
    docs: { description: "Text a person reads comes from the catalogues (messages/*.json), never a literal in JSX." },
    messages: {
      literal:
        'User-visible text "{{text}}" is written in the component: add it to messages/en.json and messages/ja.json and render it with useTranslations/getTranslations (machine-facing values such as event names come from data, not literals).',
    },
    schema: [],
  },
  create(context) {
    const report = (node, text) => context.report({ node, messageId: "literal", data: { text: text.trim().slice(0, 40) } });
    const reportLiterals = (expression) => {
      for (const literal of literalTexts(expression)) {
        const text = literal.type === "Literal" ? literal.value : literal.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join("…");
        if (hasWords(text)) report(literal, text);
      }
    };
    return {
      JSXText: (node) => {
        if (hasWords(node.value)) report(node, node.value);
      },
      JSXExpressionContainer: (node) => {
        if (node.parent?.type !== "JSXAttribute") reportLiterals(node.expression);
      },
      JSXAttribute: (node) => {
        const name = node.name.type === "JSXIdentifier" ? node.name.name : null;
        if (name && VISIBLE_ATTRIBUTES.has(name)) reportLiterals(node.value);
      },
    };
  },
};

export default {
  meta: { name: "seam" },
  rules: { "no-server-code-in-client": noServerCodeInClient, "no-literal-ui-text": noLiteralUiText },
};
