/**
 * API reference checks for every package under `packages/*`: every export has JSDoc with `@since`
 * and an `@example` (bar an explicit, shrinking list of files still being documented), every
 * `@example` code block type-checks (one `tsc` over all of them, resolving the packages from their
 * sources through the `@agentphone-effect/source` condition, so no build is needed), and TypeDoc
 * converts every package without a warning (`pnpm docs:check`: about 40 s of CPU).
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

/**
 * Files whose exports may still lack an `@example`, per package folder: only files other engineers
 * are documenting right now. It only shrinks: a file that gains an example on every export must
 * leave the list (a test below fails until it does), and a file not listed is held to the rule at
 * once. A listed file may not exist yet (a branch in flight adds it). Empty since 2026-11-25: every
 * export of every package has an example.
 */
const examplesPending: Readonly<Record<string, ReadonlyArray<string>>> = {}

describe.each(all.map((p) => [p.json.name, p] as const))("%s", (_name, p) => {
  it("every export has JSDoc with @since", () => {
    const exported = exportsOf(p)
    assert.isAbove(exported.length, 0)
    const missing = exported.filter((e) => !e.since).map((e) => `${e.file}:${e.line} ${e.name}`)
    assert.deepStrictEqual(missing, [], "exports without @since")
  })

  it("every export has an @example (outside the files still pending)", () => {
    const pending = new Set(examplesPending[p.dir] ?? [])
    const exported = exportsOf(p)
    const noExample = exported.filter((e) => !e.example)
    const pendingCount = noExample.filter((e) => pending.has(e.file)).length
    if (pendingCount > 0) {
      console.log(`${p.json.name}: ${pendingCount}/${exported.length} exports still have no @example (pending files)`)
    }
    const missing = noExample.filter((e) => !pending.has(e.file)).map((e) => `${e.file}:${e.line} ${e.name}`)
    assert.deepStrictEqual(missing, [], "exports without @example: add one (what it is for, one real use)")
  })

  it("the pending-examples list only names files that still need it", () => {
    const incomplete = new Set(exportsOf(p).filter((e) => !e.example).map((e) => e.file))
    const stale = (examplesPending[p.dir] ?? []).filter((file) =>
      fs.existsSync(path.join(p.path, file)) && !incomplete.has(file)
    )
    assert.deepStrictEqual(stale, [], "every export of these files has an @example: remove them from examplesPending")
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

describe("reference site", () => {
  it("TypeDoc converts every package without errors or warnings (pnpm docs:check: no HTML written)", async () => {
    // `typedoc.json` sets `treatWarningsAsErrors`: a broken `{@link}` or a missing entry point
    // fails here, not when someone next runs `pnpm run docs`.
    const result = await run(bin("typedoc"), ["--emit", "none"], { cwd: root, env: { FORCE_COLOR: "0" } })
    assert.strictEqual(result.code, 0, explain("typedoc --emit none", result))
    assert.notMatch(result.stdout + result.stderr, /\[(warning|error)\]/)
  }, 300_000)
})
