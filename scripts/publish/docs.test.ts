/**
 * API reference checks for every package under `packages/*`: every export has JSDoc with `@since`,
 * and every `@example` code block type-checks (one `tsc` over all of them, resolving the packages
 * from their sources through the `@agentphone-effect/source` condition, so no build is needed).
 *
 * Why not `@effect/docgen`: it runs on Node 20 here, but writes every example as a `.ts` file (so
 * the React package's JSX examples cannot pass) and spends 40–120 s per package; this does the same
 * extraction + `tsc` for every package at once.
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { examplesOf, exportsOf } from "./jsdoc.js"
import { bin, explain, packages, root, run } from "./workspace.js"

const all = packages()

describe.each(all.map((p) => [p.json.name, p] as const))("%s", (_name, p) => {
  it("every export has JSDoc with @since", () => {
    const exported = exportsOf(p)
    assert.isAbove(exported.length, 0)
    const missing = exported.filter((e) => !e.since).map((e) => `${e.file}:${e.line} ${e.name}`)
    assert.deepStrictEqual(missing, [], "exports without @since")
    const noExample = exported.filter((e) => !e.example)
    if (noExample.length > 0) {
      console.log(`${p.json.name}: ${noExample.length}/${exported.length} exports have no @example`)
    }
  })
})

describe("examples", () => {
  it("every @example of every package type-checks (strict, exactOptionalPropertyTypes)", async () => {
    const files: Array<string> = []
    for (const p of all) {
      const dir = path.join(p.path, ".examples")
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir, { recursive: true })
      for (const example of examplesOf(p)) {
        const name = `${example.file.replace(/^src\//, "").replace(/\.tsx?$/, "").replace(/\//g, "_")}.L${example.line}`
        const file = path.join(dir, `${name}.${example.lang}`)
        // Each example is its own module, so top-level names never clash.
        fs.writeFileSync(file, `${example.code}\n\nexport {}\n`)
        files.push(file)
      }
    }
    assert.isAbove(files.length, 0)
    const tsconfig = path.join(root, ".ci-results", "examples.tsconfig.json")
    fs.mkdirSync(path.dirname(tsconfig), { recursive: true })
    fs.writeFileSync(
      tsconfig,
      JSON.stringify(
        {
          compilerOptions: {
            noEmit: true,
            strict: true,
            exactOptionalPropertyTypes: true,
            skipLibCheck: true,
            moduleResolution: "Bundler",
            module: "ESNext",
            target: "ES2022",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            types: ["node"],
            typeRoots: [path.join(root, "node_modules", "@types")],
            jsx: "react-jsx",
            isolatedModules: true,
            moduleDetection: "force",
            customConditions: ["@agentphone-effect/source"]
          },
          files
        },
        null,
        2
      )
    )
    const result = await run(bin("tsc"), ["-p", tsconfig], { cwd: root })
    assert.strictEqual(result.code, 0, explain(`tsc over ${files.length} examples (packages/*/.examples)`, result))
  }, 240_000)
})
