import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as Model from "../src/Model.js"

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
