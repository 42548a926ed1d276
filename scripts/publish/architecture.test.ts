/**
 * Module boundaries, checked with dependency-cruiser (rules in `.dependency-cruiser.json`): `core`
 * imports none of its siblings, no package reaches into another's sources, `src` never imports
 * tests, no import cycles.
 */
import { assert, describe, it } from "@effect/vitest"
import * as fs from "node:fs"
import * as path from "node:path"
import { bin, explain, packages, root, run } from "./workspace.js"

describe("dependency-cruiser", () => {
  it("core imports none of its siblings; no cross-package relative imports, src→test imports or cycles", async () => {
    const sources = packages().map((p) => `packages/${p.dir}/src`).filter((d) => fs.existsSync(path.join(root, d)))
    const result = await run(bin("depcruise"), [...sources, "--config", ".dependency-cruiser.json"], { cwd: root })
    assert.strictEqual(result.code, 0, explain("depcruise", result))
    assert.include(result.stdout, "no dependency violations found")
  })

  it("core's package.json depends on no sibling", () => {
    const core = packages().find((p) => p.dir === "core")
    assert.isDefined(core)
    const declared = Object.keys({ ...core!.json.dependencies, ...core!.json.peerDependencies })
    assert.deepStrictEqual(declared.filter((d) => d.startsWith("@agentphone-effect/")), [])
  })
})
