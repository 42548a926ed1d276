/**
 * Runs `@effect/docgen` (as the Effect packages use it) in one package: it fails when an export has
 * no `@since`, and type-checks every `@example` against the package sources (through the
 * `@agentphone-effect/source` condition, so no build is needed). The config is generated here, the
 * same for every package, so a new package needs no setup; `docgen.json` and `docs/` are ignored by git.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { bin, root, run, type RunResult, type WorkspacePackage } from "./workspace.js"

export const docgenConfig = {
  $schema: "../../node_modules/@effect/docgen/schema.json",
  srcDir: "src",
  outDir: "docs",
  exclude: ["src/internal/**/*.ts"],
  enforceVersion: true,
  enforceExamples: false,
  examplesCompilerOptions: {
    noEmit: true,
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    moduleResolution: "Bundler",
    module: "ES2022",
    target: "ES2022",
    lib: ["ES2022", "DOM", "DOM.Iterable"],
    types: ["node"],
    jsx: "react-jsx",
    customConditions: ["@agentphone-effect/source"]
  }
}

export const docgen = (p: WorkspacePackage): Promise<RunResult> => {
  fs.writeFileSync(path.join(p.path, "docgen.json"), JSON.stringify(docgenConfig, null, 2) + "\n")
  return run(bin("docgen"), [], {
    cwd: p.path,
    // docgen spawns `tsc` from PATH.
    env: { PATH: `${path.join(root, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}` }
  })
}
