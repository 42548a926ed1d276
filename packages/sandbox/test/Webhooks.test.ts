import { AgentPhone } from "@agentphone-effect/core"
import { Delivery, Sandbox, Simulation } from "@agentphone-effect/sandbox"
import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import vectors from "./fixtures/webhook-vectors.json" with { type: "json" }
import { expectedSignature, makeReceiver } from "./utils/Receiver.js"

const Envelope = Schema.parseJson(Schema.Struct({
  event: Schema.String,
  channel: Schema.optional(Schema.String),
  agentId: Schema.optional(Schema.NullOr(Schema.String)),
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown })
}))
const decodeEnvelope = Schema.decodeUnknownSync(Envelope)

const SandboxLive = Sandbox.layerClient({ seed: 5 }, { retry: false })

/** An agent with a number. */
const setup = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  const agent = yield* ap.agents.createAgent({ name: "Hooked" })
  const number = yield* ap.numbers.createNumber({ agentId: agent.id })
  return { ap, agent, number }
})

describe("webhook delivery", () => {
  it("signs exactly as the published vectors", () => {
    for (const v of vectors.vectors.filter((v) => v.expect === "accept" && v.id !== "rotated-secret")) {
      const headers = Object.fromEntries(Object.entries(v.headers).map(([k, x]) => [k.toLowerCase(), x]))
      const signature = Delivery.sign(v.secrets[0], headers["x-webhook-timestamp"], v.body)
      assert.strictEqual(signature, headers["x-webhook-signature"], v.id)
    }
  })

  it.scoped("an inbound message reaches the receiver, correctly signed, and is listed as delivered", () =>
    Effect.gen(function*() {
      const receiver = yield* makeReceiver
      const events = yield* Sandbox.subscribe
      const { agent, ap, number } = yield* setup
      const webhook = yield* ap.webhooks.createOrUpdateWebhook({ body: { url: receiver.url, contextLimit: 5 } })
      assert.match(Redacted.value(webhook.secret), /^whsec_[0-9a-f]{32}$/)
      const again = yield* ap.webhooks.createOrUpdateWebhook({ body: { url: receiver.url, contextLimit: 5 } })
      assert.notStrictEqual(Redacted.value(again.secret), Redacted.value(webhook.secret)) // a fresh secret on each upsert
      assert.strictEqual(again.id, webhook.id)

      const message = yield* Sandbox.injectMessage({ from: "+14155550177", to: number.phoneNumber, body: "Hello?" })
      const got = yield* Queue.take(receiver.received)
      assert.strictEqual(got.headers["x-webhook-signature"], expectedSignature(Redacted.value(again.secret), got))
      assert.strictEqual(got.headers["x-webhook-event"], "agent.message")
      assert.strictEqual(got.headers["content-type"], "application/json")
      const envelope = decodeEnvelope(got.body)
      assert.deepStrictEqual(
        [envelope.event, envelope.channel, envelope.data.message, envelope.data.messageId],
        ["agent.message", "sms", "Hello?", message.id]
      )
      assert.strictEqual(envelope.agentId, agent.id)

      yield* events.pipe(Stream.filter((e) => e._tag === "DeliveryAttempted"), Stream.take(1), Stream.runDrain)
      const page = yield* ap.webhooks.listDeliveries()
      const items = "items" in page ? page.items : page.data
      assert.strictEqual(items[0].id, got.headers["x-webhook-id"])
      assert.deepStrictEqual([items[0].status, items[0].attemptCount, items[0].httpStatus], ["delivered", 1, 200])
      const stats = yield* ap.webhooks.deliveryStats()
      assert.deepStrictEqual([stats.total, stats.success, stats.failed], [1, 1, 0])
    }).pipe(Effect.provide(SandboxLive)))

  it.scoped("a failing receiver sees 5 retries with backoff (TestClock), listed in deliveries", () =>
    Effect.gen(function*() {
      const receiver = yield* makeReceiver
      yield* Ref.set(receiver.reply, () => ({ status: 500, contentType: "text/plain", body: "boom" }))
      const events = yield* Sandbox.subscribe
      const { ap, number } = yield* setup
      const webhook = yield* ap.webhooks.createOrUpdateWebhook({ body: { url: receiver.url } })
      yield* Sandbox.injectMessage({ from: "+14155550178", to: number.phoneNumber, body: "retry me" })

      const attempts = yield* Queue.unbounded<number | null>()
      yield* events.pipe(
        Stream.filter((e) => e._tag === "DeliveryAttempted"),
        Stream.runForEach((e) => Queue.offer(attempts, e.status === "pending" ? e.nextRetryAt : null)),
        Effect.forkScoped
      )
      const delays: Array<number> = []
      let count = 0
      while (true) {
        const next = yield* Queue.take(attempts)
        count++
        if (count === 1) {
          const page = yield* ap.webhooks.listDeliveries()
          const first = ("items" in page ? page.items : page.data)[0]
          assert.deepStrictEqual([first.status, first.attemptCount, first.httpStatus], ["pending", 1, 500])
          assert.isNotNull(first.nextRetryAt)
        }
        if (next === null) break
        const delay = next - (yield* Clock.currentTimeMillis)
        delays.push(Math.round(delay / 1000))
        yield* TestClock.adjust(delay)
      }
      assert.strictEqual(count, 6)
      assert.deepStrictEqual(delays, [1, 2, 4, 8, 16])

      const requests = yield* Queue.takeAll(receiver.received)
      const all = Array.from(requests)
      assert.strictEqual(all.length, 6)
      assert.strictEqual(new Set(all.map((r) => r.headers["x-webhook-id"])).size, 1)
      for (const r of all) {
        assert.strictEqual(r.headers["x-webhook-signature"], expectedSignature(Redacted.value(webhook.secret), r))
      }

      const page = yield* ap.webhooks.listDeliveries()
      const last = ("items" in page ? page.items : page.data)[0]
      assert.deepStrictEqual(
        [last.status, last.attemptCount, last.httpStatus, last.errorMessage, last.nextRetryAt],
        ["failed", 6, 500, "HTTP 500", null]
      )
      const allTime = yield* ap.webhooks.allTimeStats()
      assert.deepStrictEqual([allTime.total, allTime.failed, allTime.success], [1, 1, 0])
    }).pipe(Effect.provide(SandboxLive)))

  it.scoped("voice turns: the webhook's NDJSON reply becomes the agent's turn; the call's end is delivered", () =>
    Effect.gen(function*() {
      const receiver = yield* makeReceiver
      yield* Ref.set(
        receiver.reply,
        (r) =>
          decodeEnvelope(r.body).channel === "voice" && r.headers["x-webhook-event"] === "agent.message"
            ? {
              status: 200,
              contentType: "application/x-ndjson",
              body: `{"text":"Let me check","interim":true}\n{"text":"${
                String(decodeEnvelope(r.body).data.transcript).length
              } chars heard."}\n`
            }
            : { status: 200, contentType: "text/plain", body: "ok" }
      )
      const events = yield* Sandbox.subscribe
      const { agent, ap, number } = yield* setup
      yield* ap.agentWebhooks.createOrUpdateAgentWebhook({ agent_id: agent.id, body: { url: receiver.url } })
      const call = yield* Sandbox.startInboundCall({ from: "+14155550179", numberId: number.id })

      yield* TestClock.adjust("5 seconds")
      yield* events.pipe(Stream.filter((e) => e._tag === "TurnAdded"), Stream.take(1), Stream.runDrain)
      const voice = decodeEnvelope((yield* Queue.take(receiver.received)).body)
      assert.deepStrictEqual([voice.event, voice.channel, voice.data.callId], ["agent.message", "voice", call.id])
      const line = Simulation.defaultScript[0].caller
      assert.strictEqual(voice.data.transcript, line)
      const detail = yield* ap.calls.getCall({ call_id: call.id })
      assert.strictEqual(detail.transcripts[0].transcript, line)
      assert.strictEqual(detail.transcripts[0].response, `Let me check ${line.length} chars heard.`)

      const endEvents = yield* Sandbox.subscribe // its own subscription: `events` has another reader
      const ended = yield* Effect.fork(
        endEvents.pipe(Stream.filter((e) => e._tag === "CallEnded"), Stream.take(1), Stream.runDrain)
      )
      for (let i = 0; i < 3; i++) {
        // Each turn is due 5 s after the previous; wait for it before moving on.
        yield* TestClock.adjust(i < 2 ? "5 seconds" : "2 seconds")
        if (i < 2) yield* events.pipe(Stream.filter((e) => e._tag === "TurnAdded"), Stream.take(1), Stream.runDrain)
      }
      yield* ended.await
      let last = yield* Queue.take(receiver.received)
      while (last.headers["x-webhook-event"] !== "agent.call_ended") last = yield* Queue.take(receiver.received)
      const end = decodeEnvelope(last.body)
      assert.deepStrictEqual([end.data.callId, end.data.status, end.data.durationSeconds], [call.id, "completed", 17])
      const agentDeliveries = yield* ap.agentWebhooks.listAgentDeliveries({ agent_id: agent.id })
      assert.isTrue(agentDeliveries.some((d) => d.eventType === "agent.call_ended"))
    }).pipe(Effect.provide(SandboxLive)))
})
