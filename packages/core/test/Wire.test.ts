import { assert, describe, it } from "@effect/vitest"
import { FastCheck } from "effect"
import * as Wire from "../src/internal/wire.js"

// JSON-like values where any object value may also be `undefined`
const value = FastCheck.letrec((tie) => ({
  leaf: FastCheck.oneof(FastCheck.string(), FastCheck.integer(), FastCheck.boolean(), FastCheck.constant(null)),
  node: FastCheck.oneof(
    { depthSize: "small" },
    tie("leaf"),
    FastCheck.array(tie("node"), { maxLength: 3 }),
    FastCheck.dictionary(FastCheck.string(), FastCheck.option(tie("node"), { nil: undefined }), { maxKeys: 4 })
  )
})).node

const hasUndefined = (u: unknown): boolean =>
  Array.isArray(u)
    ? u.some(hasUndefined)
    : typeof u === "object" && u !== null && Object.values(u).some((v) => v === undefined || hasUndefined(v))

describe("internal wire", () => {
  it("withoutUndefined leaves out what JSON.stringify leaves out, and only that", () => {
    FastCheck.assert(
      FastCheck.property(value, (u) => {
        const out = Wire.withoutUndefined(u)
        assert.strictEqual(JSON.stringify(out), JSON.stringify(u))
        assert.isFalse(hasUndefined(out))
        if (!hasUndefined(u)) assert.strictEqual(out, u)
      }),
      { numRuns: 500 }
    )
  })

  it("withoutUndefined keeps an own __proto__ key as an own key", () => {
    const input = JSON.parse("{\"__proto__\":{\"x\":1},\"a\":null}")
    input.b = undefined
    const out = Wire.withoutUndefined(input) as Record<string, unknown>
    assert.deepStrictEqual(Object.keys(out), ["__proto__", "a"])
    assert.strictEqual(Object.getPrototypeOf(out), Object.prototype)
    assert.strictEqual(JSON.stringify(out), "{\"__proto__\":{\"x\":1},\"a\":null}")
  })

  it("inOrderOf gives the encoded value the input's key order, at any depth", () => {
    const encoded = { b: 1, a: { y: 2, x: [{ q: 1, p: 2 }] }, extra: true }
    const input = { a: { x: [{ p: 0, q: 0 }], y: 0 }, b: 0 }
    assert.strictEqual(
      JSON.stringify(Wire.inOrderOf(encoded, input)),
      "{\"a\":{\"x\":[{\"p\":2,\"q\":1}],\"y\":2},\"b\":1,\"extra\":true}"
    )
  })

  it("queryString escapes with encodeURIComponent and names a lone surrogate", () => {
    assert.deepStrictEqual(Wire.queryString([["a b", "c+d"], ["e", "'()*!~"]]), { query: "a%20b=c%2Bd&e='()*!~" })
    assert.deepStrictEqual(Wire.queryString([["ok", "1"], ["bad", "\ud800"]]), { malformed: ["bad", "\ud800"] })
    assert.deepStrictEqual(Wire.queryString([]), { query: "" })
  })
})
