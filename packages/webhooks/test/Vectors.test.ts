import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Redacted, TestClock } from "effect"
import * as Webhook from "../src/Webhook.js"
import fixture from "./fixtures/vectors.json" with { type: "json" }

interface Vector {
  readonly id: string
  readonly body: string
  readonly headers: Record<string, string>
  readonly secrets: ReadonlyArray<string>
  readonly nowSeconds: number
  readonly toleranceSeconds: number
  readonly expect: "accept" | "reject"
  readonly reason?: string
  readonly event?: string | null
}

const vectors = fixture.vectors as ReadonlyArray<Vector>

// The error tag each rejecting vector must produce, by its stated reason.
const expectedTag: Record<string, string> = {
  "signature mismatch": "SignatureMismatchError",
  "timestamp older than tolerance": "TimestampTooOldError",
  "timestamp newer than tolerance": "TimestampTooNewError",
  "missing signature header": "MissingHeaderError",
  "missing timestamp header": "MissingHeaderError",
  "malformed signature header": "MalformedSignatureError",
  "payload is not JSON": "UndecodableBodyError"
}

const run = (v: Vector, body: string | Uint8Array) =>
  Effect.gen(function*() {
    yield* TestClock.setTime(v.nowSeconds * 1000)
    return yield* Effect.either(
      Webhook.verify(body, v.headers, v.secrets.map((s) => Redacted.make(s)), { toleranceSeconds: v.toleranceSeconds })
    )
  })

describe("shared/webhooks/vectors.json through verify at nowSeconds (TestClock)", () => {
  it("has all 16 vectors, accept and reject", () => {
    assert.strictEqual(vectors.length, 16)
    assert.isTrue(vectors.some((v) => v.expect === "accept") && vectors.some((v) => v.expect === "reject"))
  })

  for (const v of vectors) {
    it.effect(`${v.id} (${v.expect}${v.reason ? `: ${v.reason}` : ""})`, () =>
      Effect.gen(function*() {
        for (const body of [v.body, new TextEncoder().encode(v.body)]) {
          const result = yield* run(v, body)
          if (v.expect === "accept") {
            assert.isTrue(Either.isRight(result), Either.isLeft(result) ? result.left.message : "")
            if (Either.isRight(result)) {
              assert.strictEqual(result.right.event, v.event)
              assert.strictEqual(result.right._tag === "Unknown", v.id === "valid-unknown-event-type")
            }
          } else {
            assert.isTrue(Either.isLeft(result), "must be rejected")
            if (Either.isLeft(result)) {
              const tag = expectedTag[v.reason ?? ""]
              assert.isDefined(tag, `no expected tag for reason ${v.reason}`)
              assert.strictEqual(result.left._tag, tag)
              if (v.reason?.startsWith("missing")) {
                const header = v.reason.includes("signature") ? "X-Webhook-Signature" : "X-Webhook-Timestamp"
                assert.strictEqual(result.left._tag === "MissingHeaderError" && result.left.header, header)
              }
            }
          }
        }
      }))
  }

  it.effect("one second past the tolerance is rejected, both ways", () =>
    Effect.gen(function*() {
      const v = vectors.find((x) => x.id === "edge-of-tolerance")!
      yield* TestClock.setTime((v.nowSeconds + 1) * 1000)
      const secrets = v.secrets.map((s) => Redacted.make(s))
      const error = yield* Effect.flip(Webhook.verify(v.body, v.headers, secrets))
      assert.strictEqual(error._tag, "TimestampTooOldError")
      const wider = yield* Webhook.verify(v.body, v.headers, secrets, { toleranceSeconds: 301 })
      assert.strictEqual(wider._tag, "Message")
    }))
})
