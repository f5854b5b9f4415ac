// The layer rule of docs/architecture (DESIGN.md §2), enforced on every import, export-from and dynamic import.
// Paths are resolved against the importing file, so `../../server/x` is judged by where it lands, not by its text.
import path from 'node:path';
import { builtinModules } from 'node:module';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
// Packages that only run in Node (native or server-side); the renderer and shared/ must never reach them.
const NODE_ONLY_PACKAGES = new Set(['better-sqlite3', 'pg', 'fastify', 'electron-builder', 'tsx']);
// shared/ is pure TypeScript: it may use only these dependency-free packages.
const SHARED_ALLOWED_PACKAGES = new Set(['zod']);

/** Layers by the folder a file lives in; the first match wins, so the more specific folders come first. */
const LAYERS = [
  { name: 'electron-main', dir: 'electron/main', may: ['shared', 'electron-desk', 'electron-host', 'electron-main'], electron: true, node: true },
  { name: 'electron-preload', dir: 'electron/preload', may: ['shared', 'electron-preload'], electron: true, node: false },
  { name: 'electron-desk', dir: 'electron/desk', may: ['shared', 'electron-desk'], electron: false, node: true },
  { name: 'electron-host', dir: 'electron/host', may: ['shared', 'electron-desk', 'electron-host'], electron: false, node: true },
  { name: 'shared', dir: 'shared', may: ['shared'], electron: false, node: false, pure: true },
  { name: 'renderer', dir: 'renderer', may: ['shared', 'renderer'], electron: false, node: false },
  { name: 'server', dir: 'server', may: ['shared', 'server'], electron: false, node: true },
  { name: 'cli', dir: 'cli', may: ['shared', 'server', 'electron-desk', 'electron-host', 'cli'], electron: false, node: true },
];

function layerOf(rootDir, file) {
  const rel = path.relative(rootDir, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return undefined;
  return LAYERS.find((l) => rel === l.dir || rel.startsWith(`${l.dir}/`));
}

function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep the layers of DESIGN.md §2 apart' },
    schema: [{ type: 'object', properties: { rootDir: { type: 'string' } }, additionalProperties: false }],
    messages: {
      layer: "'{{from}}' must not import '{{spec}}' (layer '{{to}}'): {{from}} may import only {{may}}.",
      node: "'{{from}}' must not import the Node module '{{spec}}': this layer runs without Node.",
      electron: "'{{from}}' must not import 'electron': only electron/main and electron/preload may.",
      nodeOnly: "'{{from}}' must not import '{{spec}}': that package runs only in Node.",
      pure: "shared/ is pure TypeScript and may not import the package '{{spec}}'.",
    },
  },
  create(context) {
    const rootDir = context.options[0]?.rootDir ?? context.cwd;
    const filename = context.filename;
    const from = layerOf(rootDir, filename);
    if (!from) return {};

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      const data = { from: from.name, spec, may: from.may.join(', ') };
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const target = path.resolve(path.dirname(filename), spec);
        const to = layerOf(rootDir, target);
        if (to && !from.may.includes(to.name)) {
          context.report({ node, messageId: 'layer', data: { ...data, to: to.name } });
        }
        return;
      }
      const pkg = packageName(spec);
      if (pkg === 'electron') {
        if (!from.electron) context.report({ node, messageId: 'electron', data });
        return;
      }
      if (NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(pkg)) {
        if (!from.node) context.report({ node, messageId: 'node', data });
        return;
      }
      if (from.pure) {
        if (!SHARED_ALLOWED_PACKAGES.has(pkg)) context.report({ node, messageId: 'pure', data });
        return;
      }
      if (!from.node && NODE_ONLY_PACKAGES.has(pkg)) context.report({ node, messageId: 'nodeOnly', data });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};

export default { rules: { layering: layeringRule } };
