import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck, Schema } from "effect"
import secureJson from "secure-json-parse"
import * as Model from "../src/Model.js"

// JSON text whose keys are often `__proto__`, `constructor` and `prototype`, plain or escaped.
const suspectText = FastCheck.letrec<{ value: string; object: string; array: string }>((tie) => ({
  value: FastCheck.oneof(
    { depthSize: "small", withCrossShrink: true },
    FastCheck.constantFrom("1", "\"x\"", "null", "true", "\"\\\"__proto__\\\": 1\""),
    tie("object"),
    tie("array")
  ),
  object: FastCheck.array(
    FastCheck.tuple(
      FastCheck.constantFrom(
        "\"__proto__\"",
        "\"\\u005f_proto__\"",
        "\"_\\u005Fpr\\u006fto__\"",
        "\"constructor\"",
        "\"\\u0063onstructor\"",
        "\"prototype\"",
        "\"a\"",
        "\"b\""
      ),
      FastCheck.constantFrom(":", " :", ": "),
      tie("value")
    ),
    { maxLength: 4 }
  ).map((entries) => `{${entries.map(([key, colon, value]) => `${key}${colon}${value}`).join(",")}}`),
  array: FastCheck.array(tie("value"), { maxLength: 3 }).map((items) => `[${items.join(",")}]`)
})).value

describe("Model.parseJson", () => {
  const Thing = Schema.Struct({ id: Schema.String, extra: Model.optional(Model.JsonObject) })
  const decode = Schema.decodeUnknownEither(Model.parseJson(Thing), { onExcessProperty: "preserve" })

  it("drops __proto__ and constructor.prototype keys: no attacker-chosen prototype", () => {
    const result = decode(
      "{\"id\":\"a\",\"__proto__\":{\"admin\":true},\"extra\":{\"__proto__\":{\"admin\":true},\"constructor\":{\"prototype\":{\"x\":1}}}}"
    )
    assert.isTrue(Either.isRight(result))
    if (Either.isRight(result)) {
      const value: Record<string, unknown> = result.right
      assert.isUndefined(value.admin)
      assert.strictEqual(Object.getPrototypeOf(value), Object.prototype)
      assert.isUndefined((result.right.extra ?? {}).admin)
    }
    assert.isUndefined(({} as Record<string, unknown>).admin)
  })

  it("JsonText parses as secure-json-parse does with both actions \"remove\" (generated hostile keys)", () => {
    const parse = Schema.decodeUnknownSync(Model.JsonText)
    const protoFree = (value: unknown): boolean =>
      typeof value !== "object" || value === null ||
      ((Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) &&
        !Object.hasOwn(value, "__proto__") && Object.values(value).every(protoFree))
    FastCheck.assert(
      FastCheck.property(suspectText, (text) => {
        const ours = parse(text)
        assert.deepStrictEqual(
          ours,
          secureJson.parse(text, null, { protoAction: "remove", constructorAction: "remove" })
        )
        assert.isTrue(protoFree(ours))
      }),
      { numRuns: 2000 }
    )
    assert.deepStrictEqual(parse("\uFEFF{\"a\":1}"), { a: 1 })
    // the scan does not recurse: deep documents with such keys parse as deep ones without them do
    const deep = "[".repeat(20_000) + "{\"__proto__\":{\"admin\":true},\"a\":1}" + "]".repeat(20_000)
    let innermost: unknown = parse(deep)
    while (Array.isArray(innermost)) innermost = innermost[0]
    assert.deepStrictEqual(innermost, { a: 1 })
    assert.isTrue(protoFree(innermost))
  })

  it("malformed and absurdly deep JSON are ParseErrors, not exceptions", () => {
    assert.isTrue(Either.isLeft(decode("{\"id\":")))
    assert.isTrue(Either.isLeft(decode("[".repeat(200_000) + "]".repeat(200_000))))
  })

  it("openEnum keeps known literals and passes unknown values", () => {
    const Mode = Model.openEnum("webhook", "hosted")
    assert.strictEqual(Schema.decodeUnknownSync(Mode)("hosted"), "hosted")
    assert.strictEqual(Schema.decodeUnknownSync(Mode)("sip"), "sip")
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Mode)(42)))
  })
})
