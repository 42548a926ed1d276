/**
 * Webhook deliveries as a hostile or unlucky network delivers them: replayed, reordered, signed for
 * another body, outside the time window, and across a secret rotation. Each is accepted or refused
 * exactly as it should be, and the handler runs once per accepted delivery id.
 */
import { Webhook, WebhookReceiver, WebhookSigner } from "@agentphone-effect/webhooks"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import * as fc from "fast-check"

const oldSecret = Redacted.make("whsec_OLD_5a1c")
const newSecret = Redacted.make("whsec_NEW_9f3e")

const payload = (n: number) => ({
  event: "agent.message",
  channel: "sms",
  timestamp: "2026-11-25T00:00:00Z",
  agentId: "agent_1",
  data: {
    messageId: `msg_${n}`,
    conversationId: "conv_1",
    numberId: "num_1",
    from: "+14155550100",
    to: "+14155550199",
    contact: null,
    message: `hi ${n}`,
    mediaUrl: null,
    mediaUrls: [],
    direction: "inbound",
    receivedAt: "2026-11-25T00:00:00Z"
  },
  conversationState: null,
  recentHistory: []
})

const now = () => Math.floor(Date.now() / 1000)

const receiver = (secrets: WebhookReceiver.Options["secrets"]) => {
  const handled: Array<string> = []
  const handle = WebhookReceiver.toFetchHandler({ secrets }, (_event, delivery) =>
    Effect.sync(() => {
      handled.push(delivery.id ?? "(none)")
    }))
  const send = (delivery: WebhookSigner.SignedDelivery) =>
    Effect.promise(async () => {
      const response = await handle(WebhookSigner.toRequest("http://127.0.0.1/webhooks", delivery))
      return { status: response.status, body: await response.text() }
    })
  return { handled, send }
}

describe("webhook deliveries", () => {
  it.effect("a replayed delivery runs the handler once (5 copies, also interleaved with others)", () =>
    Effect.gen(function*() {
      const { handled, send } = receiver(newSecret)
      const first = WebhookSigner.signAt({ secret: newSecret, payload: payload(1), timestamp: now(), id: "wh_1" })
      const second = WebhookSigner.signAt({ secret: newSecret, payload: payload(2), timestamp: now(), id: "wh_2" })
      const statuses: Array<number> = []
      for (const d of [first, first, second, first, second, first, first]) statuses.push((yield* send(d)).status)
      assert.deepStrictEqual(handled, ["wh_1", "wh_2"])
      assert.isTrue(statuses.every((s) => s === 200))
    }))

  it.effect("reordered deliveries (older timestamps later, within the window) are each accepted once", () =>
    Effect.gen(function*() {
      const { handled, send } = receiver(newSecret)
      const t = now()
      const deliveries = [0, 1, 2, 3, 4, 5].map((n) =>
        WebhookSigner.signAt({ secret: newSecret, payload: payload(n), timestamp: t - n * 40, id: `wh_${n}` })
      )
      for (const d of [...deliveries].reverse()) assert.strictEqual((yield* send(d)).status, 200)
      assert.sameMembers(handled, deliveries.map((d) => d.headers["x-webhook-id"]))
      assert.strictEqual(handled.length, 6)
    }))

  it.effect("a valid signature for another body is refused, and the handler does not run", () =>
    Effect.gen(function*() {
      const { handled, send } = receiver(newSecret)
      const a = WebhookSigner.signAt({ secret: newSecret, payload: payload(1), timestamp: now(), id: "wh_a" })
      const b = WebhookSigner.signAt({ secret: newSecret, payload: payload(2), timestamp: now(), id: "wh_b" })
      const swapped = { body: b.body, headers: a.headers }
      const answer = yield* send(swapped)
      assert.strictEqual(answer.status, 401)
      assert.include(answer.body, "SignatureMismatchError")
      assert.deepStrictEqual(handled, [])
    }))

  it.effect("any single-byte change to a signed body is refused (property)", () =>
    Effect.gen(function*() {
      const t = now()
      const signed = WebhookSigner.signAt({ secret: newSecret, payload: payload(7), timestamp: t })
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.nat({ max: signed.body.length - 1 }), fc.integer({ min: 1, max: 255 }), async (i, x) => {
            const bytes = new TextEncoder().encode(signed.body)
            bytes[i] = bytes[i] ^ x
            const exit = await Effect.runPromiseExit(Webhook.verify(bytes, signed.headers, newSecret))
            assert.isTrue(exit._tag === "Failure")
          }),
          { numRuns: 200 }
        )
      )
    }))

  it.effect("timestamps: inside the 300 s window accepted; well outside it (old or ahead) refused (the exact edge is in the webhooks package's TestClock tests)", () =>
    Effect.gen(function*() {
      const { handled, send } = receiver(newSecret)
      const t = now()
      const edge = yield* send(
        WebhookSigner.signAt({ secret: newSecret, payload: payload(1), timestamp: t - 240, id: "e" })
      )
      const stale = yield* send(
        WebhookSigner.signAt({ secret: newSecret, payload: payload(2), timestamp: t - 420, id: "s" })
      )
      const ahead = yield* send(
        WebhookSigner.signAt({ secret: newSecret, payload: payload(3), timestamp: t + 420, id: "f" })
      )
      assert.strictEqual(edge.status, 200)
      assert.strictEqual(stale.status, 401)
      assert.include(stale.body, "TimestampTooOldError")
      assert.strictEqual(ahead.status, 401)
      assert.include(ahead.body, "TimestampTooNewError")
      assert.deepStrictEqual(handled, ["e"])
    }))

  it.effect("a secret rotated mid-stream: both secrets accepted during the rotation, the old one refused after", () =>
    Effect.gen(function*() {
      const during = receiver([newSecret, oldSecret])
      const t = now()
      const oldSigned = WebhookSigner.signAt({ secret: oldSecret, payload: payload(1), timestamp: t, id: "o1" })
      const newSigned = WebhookSigner.signAt({ secret: newSecret, payload: payload(2), timestamp: t, id: "n1" })
      assert.strictEqual((yield* during.send(oldSigned)).status, 200)
      assert.strictEqual((yield* during.send(newSigned)).status, 200)
      assert.deepStrictEqual(during.handled, ["o1", "n1"])

      const after = receiver([newSecret])
      const lateOld = WebhookSigner.signAt({ secret: oldSecret, payload: payload(3), timestamp: t, id: "o2" })
      const answer = yield* after.send(lateOld)
      assert.strictEqual(answer.status, 401)
      assert.deepStrictEqual(after.handled, [])
      // The refusal names the reason, never a secret.
      assert.notInclude(answer.body, "OLD_5a1c")
      assert.notInclude(answer.body, "NEW_9f3e")
    }))
})
