import { assert, describe, it } from "@effect/vitest"
import { Effect, Either, Schema } from "effect"
import * as WebhookEvent from "../src/WebhookEvent.js"

const decode = Schema.decodeUnknownEither(WebhookEvent.WebhookEvent)

describe("WebhookEvent", () => {
  it("tags each member from event and channel", () => {
    const base = { data: { from: "+1", to: "+2", direction: "inbound", message: "hi" } }
    for (const channel of ["sms", "mms", "imessage"] as const) {
      const e = Either.getOrThrow(decode({ event: "agent.message", channel, ...base }))
      assert.strictEqual(e._tag, "Message")
    }
    const voice = Either.getOrThrow(decode({
      event: "agent.message",
      channel: "voice",
      data: { callId: "c", from: "+1", to: "+2", transcript: "hello", confidence: 0.9, direction: "inbound" }
    }))
    assert.strictEqual(voice._tag, "VoiceMessage")
    assert.strictEqual(voice._tag === "VoiceMessage" && voice.data.transcript, "hello")
    assert.deepStrictEqual(voice._tag === "VoiceMessage" && voice.recentHistory, [])
    const test = Either.getOrThrow(decode({ event: "webhook.test" }))
    assert.strictEqual(test._tag, "Test")
  })

  it("is lenient: extra fields, null lists, new enum values", () => {
    const e = Either.getOrThrow(decode({
      event: "agent.reaction",
      channel: "imessage",
      brandNew: true,
      data: { reactionType: "heart-eyes", direction: "inbound", messageMediaUrls: null, extra: 1 }
    }))
    assert.strictEqual(e._tag, "Reaction")
    assert.strictEqual(e._tag === "Reaction" && String(e.data.reactionType), "heart-eyes")
    assert.deepStrictEqual(e._tag === "Reaction" && e.data.messageMediaUrls, [])
    const mms = Either.getOrThrow(decode({
      event: "agent.message",
      channel: "mms",
      data: { from: "+1", to: "+2", direction: "outbound", message: null, mediaUrls: ["https://x/y.png"] }
    }))
    assert.strictEqual(mms._tag === "Message" && mms.data.message, "")
  })

  it("passes unknown event types and new agent.message channels on, with every field", () => {
    const e = Either.getOrThrow(decode({ event: "number.released", data: { numberId: "n" }, extra: [1] }))
    assert.strictEqual(e._tag, "Unknown")
    assert.deepStrictEqual(e._tag === "Unknown" && e.extra, [1])
    const rcs = Either.getOrThrow(decode({ event: "agent.message", channel: "rcs", data: {} }))
    assert.strictEqual(rcs._tag, "Unknown")
  })

  it("a known event that breaks its shape is an error, not Unknown", () => {
    assert.isTrue(Either.isLeft(decode({ event: "agent.call_ended", data: { callId: 5 } })))
    assert.isTrue(Either.isLeft(decode({ event: "agent.message", channel: "sms", data: {} })))
    assert.isTrue(Either.isLeft(decode({ nope: 1 })))
    assert.isTrue(Either.isLeft(decode([1, 2])))
  })

  it.effect("decodeJson decodes text", () =>
    Effect.gen(function*() {
      const e = yield* WebhookEvent.decodeJson(
        "{\"event\":\"agent.call_ended\",\"channel\":\"voice\",\"data\":{" +
          "\"callId\":\"c\",\"from\":\"+1\",\"to\":\"+2\",\"direction\":\"outbound\",\"transcript\":[{\"role\":\"agent\",\"content\":\"Hi\"}]}}"
      )
      assert.strictEqual(e._tag, "CallEnded")
      assert.deepStrictEqual(e._tag === "CallEnded" && e.data.transcript, [{ role: "agent", content: "Hi" }])
    }))
})
