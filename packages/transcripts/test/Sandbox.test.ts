import { AgentPhone } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { TranscriptEvent, TranscriptStream } from "@agentphone-effect/transcripts"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Queue, Stream, TestClock } from "effect"

// The project's local AgentPhone server: simulated calls (a turn every 5 s, hang-up 2 s after the
// last), replay on connect, `Last-Event-ID`, heartbeats, and fault injection. Its simulation runs
// on Effect's Clock, so TestClock drives the call while the stream talks to it over real sockets.
const SandboxLive = Sandbox.layerClient({ seed: 11 }, { retry: false })

const startCall = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  const agent = yield* ap.agents.createAgent({ name: "Transcribed" })
  yield* ap.numbers.createNumber({ agentId: agent.id })
  const call = yield* ap.calls.createOutboundCall({ agentId: agent.id, toNumber: "+14155550177" })
  return call.id
})

describe("TranscriptStream against the sandbox", () => {
  it.scoped(
    "follows a live call through dropped connections: every turn exactly once, then ended",
    () =>
      Effect.gen(function*() {
        const callId = yield* startCall
        const sandboxEvents = yield* Sandbox.subscribe
        // every transcript connection is cut after one turn, twice
        yield* Sandbox.setFaults({ dropStream: { rate: 1, afterEvents: 1, times: 2 } })
        const events = yield* Queue.unbounded<TranscriptEvent.TranscriptEvent>()
        const fiber = yield* TranscriptStream.stream(callId, { reconnect: { baseDelay: 0 } }).pipe(
          Stream.runForEach((e) => Queue.offer(events, e)),
          Effect.fork
        )
        const seen: Array<TranscriptEvent.TranscriptEvent> = []
        for (const step of ["5 seconds", "5 seconds", "5 seconds", "2 seconds"] as const) {
          yield* TestClock.adjust(step)
          seen.push(yield* Queue.take(events))
        }
        yield* Fiber.join(fiber)
        seen.push(...(yield* Queue.takeAll(events)))

        assert.deepStrictEqual(seen.map((e) => e._tag), ["StoredTurn", "StoredTurn", "StoredTurn", "Ended"])
        const stored = yield* TranscriptStream.getCallTranscript(callId)
        assert.deepStrictEqual(
          seen.filter(TranscriptEvent.isTurn).map((t) => t.id),
          stored.map((t) => t.id)
        )
        const ended = seen[3]
        assert.isTrue(ended._tag === "Ended" && ended.status === "completed")
        // two cut connections and the last one, closed after `ended`
        const closed = yield* sandboxEvents.pipe(
          Stream.filter((e) => e._tag === "TranscriptStreamClosed"),
          Stream.take(3),
          Stream.runCount
        )
        assert.strictEqual(closed, 3)
      }).pipe(Effect.provide(SandboxLive)),
    30_000
  )

  it.scoped("followUntilEnded on a finished call returns the replayed transcript", () =>
    Effect.gen(function*() {
      const callId = yield* startCall
      yield* TestClock.adjust("30 seconds")
      const transcript = yield* TranscriptStream.followUntilEnded(callId)
      assert.strictEqual(transcript.turns.length, 3)
      const lines = transcript.turns.flatMap((t, i) => TranscriptEvent.toLines(t, i))
      assert.deepStrictEqual(lines.map((l) => l.role), ["user", "agent", "user", "agent", "user", "agent"])
      assert.strictEqual(transcript.ended.status, "completed")
    }).pipe(Effect.provide(SandboxLive)), 30_000)
})
