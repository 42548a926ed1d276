import { Model } from "@agentphone-effect/core"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, ParseResult, Schema } from "effect"
import { DELETE, mutate } from "../../core/test/utils/Mutate.js"
import * as WebhookEvent from "../src/WebhookEvent.js"
import fixture from "./fixtures/vectors.json" with { type: "json" }

// The compiled decoders must agree with the Schema decoder exactly: same accept/reject decision,
// and a deep-equal value when accepted, on generated inputs, mutated ones, and the shared vectors.

const members = {
  Message: WebhookEvent.Message,
  VoiceMessage: WebhookEvent.VoiceMessage,
  Reaction: WebhookEvent.Reaction,
  CallEnded: WebhookEvent.CallEnded,
  Test: WebhookEvent.Test,
  Unknown: WebhookEvent.Unknown
} as const

// The compiler's generality (refinements, defaults, renamed keys, records, classes…) is tested in
// core (test/FastDecode.test.ts); here, the event members as the webhooks package decodes them.

const replacement = FastCheck.oneof(
  FastCheck.constant(DELETE),
  FastCheck.constant(null),
  FastCheck.constant(undefined),
  FastCheck.jsonValue({ maxDepth: 2 }),
  FastCheck.constantFrom("inbound", "voice", "sms", "agent.message", "agent.reaction", "test", "love", "agent")
)

/**
 * Whether a value holds an own `__proto__` key anywhere. Bodies reach the decoders through
 * `Model.JsonText`, which removes such keys while parsing, so no delivery can carry one; the
 * two decoders may differ on them (Schema assigns `out["__proto__"] = …`, which sets a prototype).
 */
const hasProtoKey = (u: unknown): boolean =>
  typeof u === "object" && u !== null &&
  (Object.prototype.hasOwnProperty.call(u, "__proto__") || Object.values(u).some(hasProtoKey))

describe("Model.decodeJsonEither (core's compiled decoder) agrees with the Schema decoder on webhook events", () => {
  for (const [name, schema] of Object.entries(members)) {
    const fast = Model.decodeJsonEither(schema as Schema.Schema<unknown, unknown>)
    const slow = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
    const same = (u: unknown) => {
      const expected = slow(u)
      const actual = fast(u)
      assert.strictEqual(Either.isLeft(actual), Either.isLeft(expected), "accept/reject differs")
      if (Either.isRight(expected) && Either.isRight(actual)) assert.deepStrictEqual(actual.right, expected.right)
    }
    const encoded = Arbitrary.make(Schema.encodedSchema(schema as Schema.Schema<unknown, unknown>))

    it.prop(`${name}: generated inputs`, [encoded], ([u]) => hasProtoKey(u) || same(u), {
      fastCheck: { numRuns: 200 }
    })

    it.prop(
      `${name}: mutated inputs (a field replaced or removed)`,
      [encoded, FastCheck.nat(), replacement],
      ([u, at, value]) => {
        const input = mutate(u, [{ _tag: "Replace", at, value }])
        return hasProtoKey(input) || same(input)
      },
      { fastCheck: { numRuns: 400 } }
    )

    it(`${name}: every shared vector body`, () => {
      for (const v of fixture.vectors) {
        try {
          same(JSON.parse(v.body))
        } catch (e) {
          if (e instanceof SyntaxError) continue
          throw e
        }
      }
    })
  }
})
