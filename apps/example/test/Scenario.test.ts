import { AgentPhone } from "@agentphone-effect/core"
import { UndiciHttpClient } from "@agentphone-effect/node"
import { Sandbox } from "@agentphone-effect/sandbox"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as SubscriptionRef from "effect/SubscriptionRef"
import * as App from "../src/App.js"
import * as Brain from "../src/Brain.js"
import * as Narrator from "../src/Narrator.js"
import { Receiver } from "../src/Receiver.js"
import * as Scenario from "../src/Scenario.js"
import * as Steps from "../src/Steps.js"

// The app's own layers against the sandbox, with simulated time advanced one second per turn of
// the event loop (no timers): the sandbox and the app run on the TestClock of `it.scoped`.
const TestLayer = App.layerSandbox({ step: "1 second", pace: App.nextTick }).pipe(
  Layer.merge(Receiver.layer),
  Layer.provide(UndiciHttpClient.layer),
  Layer.merge(Narrator.Narrator.layerMemory)
)

describe("the scenario against the sandbox", () => {
  it.scoped(
    "creates, provisions, texts, calls, and lists; every delivery is answered 2xx",
    () =>
      Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const receiver = yield* Receiver
        const sandbox = yield* Sandbox.Sandbox
        // Every delivery attempt the sandbox finishes, recorded from before the scenario starts.
        const attempted = yield* SubscriptionRef.make<ReadonlyArray<string>>([])
        yield* Effect.forkScoped(Stream.runForEach(
          yield* sandbox.subscribe,
          (event) =>
            event._tag === "DeliveryAttempted"
              ? SubscriptionRef.update(attempted, (ids) => [...ids, event.deliveryId])
              : Effect.void
        ))

        const outcome = yield* Scenario.run(Steps.plan(undefined))

        // agent, number, webhook
        const agent = outcome.agent!
        assert.strictEqual(agent.voiceMode, "webhook")
        const number = outcome.number!
        assert.strictEqual(number.agentId, agent.id)
        assert.match(number.phoneNumber, /^\+1\d{10}$/)
        assert.strictEqual(outcome.webhookUrl, receiver.url)

        // the inbound SMS came through the signed webhook, and the reply went out
        const sms = outcome.sms!
        assert.strictEqual(sms.inbound.data.message, "Hi! Are you open on Saturday?")
        assert.strictEqual(sms.inbound.data.numberId, number.id)
        assert.strictEqual(sms.reply.to_number, sms.inbound.data.from)

        // the call: live transcript turns, where the agent's lines are the webhook's NDJSON replies
        const call = outcome.call!
        const callerLines = call.turns.filter((t) => t.role === "caller")
        const agentLines = call.turns.filter((t) => t.role === "agent")
        assert.isAbove(callerLines.length, 0)
        assert.deepStrictEqual(
          agentLines.map((t) => t.text),
          callerLines.slice(0, agentLines.length).map((t) => Brain.answer(t.text).text)
        )
        assert.strictEqual(call.ended.data.callId, call.call.id)
        assert.deepStrictEqual(
          call.ended.data.transcript.map((t) => t.content),
          call.turns.map((t) => t.text)
        )
        assert.isAbove(call.recordingBytes, 44, "a WAV file, more than its header")

        // usage and the conversations (one per texter), through the pagination stream
        assert.isAtLeast(outcome.usage!.stats.totalCalls, 1)
        assert.strictEqual(outcome.conversations!.length, 3)

        // every delivery the sandbox made was answered 2xx, and none was rejected
        // (the last delivery may still be on its way back to the sandbox: wait for its attempt to finish)
        const listed = yield* ap.agentWebhooks.listAgentDeliveries({ agent_id: agent.id })
        yield* attempted.changes.pipe(
          Stream.takeUntil((ids) => listed.every((d) => ids.includes(d.id))),
          Stream.runDrain
        )
        const deliveries = yield* ap.agentWebhooks.listAgentDeliveries({ agent_id: agent.id })
        assert.isAtLeast(deliveries.length, 3 + 3 + 1, "3 SMS, 3 voice turns, 1 call ended")
        for (const d of deliveries) assert.isTrue(d.httpStatus !== null && d.httpStatus >= 200 && d.httpStatus < 300)
        assert.strictEqual(yield* receiver.rejected, 0)

        // and the narration printed the turns as they arrived
        const lines = yield* Narrator.lines
        assert.deepStrictEqual(
          lines.filter((l) => l.kind === "turn").map((l) => l.text),
          call.turns.map((t) => `${t.role}: ${t.text}`)
        )
      }).pipe(Effect.provide(TestLayer), Effect.scoped),
    { timeout: 60_000 }
  )
})
