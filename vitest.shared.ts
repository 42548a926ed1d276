import * as path from "node:path"
import { fileURLToPath } from "node:url"

const root = path.dirname(fileURLToPath(import.meta.url))

/**
 * Tests import sibling packages from their sources, so `pnpm test` needs no build.
 * `@agentphone-effect/<pkg>` → `packages/<pkg>/src/index.ts`,
 * `@agentphone-effect/<pkg>/<Module>` → `packages/<pkg>/src/<Module>.ts`.
 */
export const alias = [
  { find: /^@agentphone-effect\/([^/]+)$/, replacement: path.join(root, "packages/$1/src/index.ts") },
  { find: /^@agentphone-effect\/([^/]+)\/(.+)$/, replacement: path.join(root, "packages/$1/src/$2.ts") }
]
