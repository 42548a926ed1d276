/**
 * API reference checks for every package under `packages/*`: docgen (every export has `@since`,
 * every `@example` type-checks), and how many exports still lack an example.
 */
import { assert, describe, it } from "@effect/vitest"
import { docgen } from "./docgen.js"
import { explain, packages } from "./workspace.js"

describe.each(packages().map((p) => [p.json.name, p] as const))("%s", (_name, p) => {
  it("docgen: every export has @since and every @example type-checks", async () => {
    const result = await docgen(p)
    assert.strictEqual(result.code, 0, explain("docgen", result))
    assert.include(result.stdout + result.stderr, "Docs generation succeeded")
  }, 240_000)
})
