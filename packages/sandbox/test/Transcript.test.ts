import { AgentPhone } from "@agentphone-effect/core"
import { Sandbox, Simulation } from "@agentphone-effect/sandbox"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as TestClock from "effect/TestClock"
import { api } from "./utils/Api.js"
import { connect, nextEvent } from "./utils/Sse.js"

const Turn = Schema.parseJson(Schema.Struct({ id: Schema.String, transcript: Schema.String }))
const decodeTurn = Schema.decodeUnknownSync(Turn)

const SandboxLive = Sandbox.layerClient({ seed: 3 }, { retry: false })

/** An agent with a number, and an outbound call from it. */
const startCall = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  const agent = yield* ap.agents.createAgent({ name: "Streamer" })
  yield* api("POST", "/v1/numbers", { agentId: agent.id })
  const call = yield* api("POST", "/v1/calls", { agentId: agent.id, toNumber: "+14155550150" })
  assert.strictEqual(call.status, 200)
  return call.json.id as string
})

describe("transcript stream (TestClock)", () => {
  it.scoped("replays, goes live, heartbeats, ends and closes", () =>
    Effect.gen(function*() {
      const callId = yield* startCall
      const first = yield* connect(callId)
      const comments: Array<string> = []

      yield* TestClock.adjust("5 seconds")
      const t1 = yield* nextEvent(first, comments)
      assert.strictEqual(decodeTurn(t1.data).transcript, Simulation.defaultScript[0].caller)
      assert.strictEqual(t1.id, decodeTurn(t1.data).id)

      yield* TestClock.adjust("5 seconds")
      const t2 = yield* nextEvent(first, comments)
      assert.strictEqual(decodeTurn(t2.data).transcript, Simulation.defaultScript[1].caller)

      // A second client gets the replay with ids, then the live turns.
      const second = yield* connect(callId)
      assert.deepStrictEqual([(yield* nextEvent(second)).id, (yield* nextEvent(second)).id], [t1.id, t2.id])

      yield* TestClock.adjust("5 seconds") // 15 s: turn 3 and the first heartbeat
      const t3 = yield* nextEvent(first, comments)
      assert.strictEqual(decodeTurn(t3.data).transcript, Simulation.defaultScript[2].caller)
      assert.strictEqual((yield* nextEvent(second)).id, t3.id)

      yield* TestClock.adjust("2 seconds") // hang-up
      const ended = yield* nextEvent(first, comments)
      assert.strictEqual(ended.event, "ended")
      assert.strictEqual(
        Schema.decodeUnknownSync(Schema.parseJson(Schema.Struct({ status: Schema.String })))(ended.data).status,
        "completed"
      )
      assert.isTrue((yield* nextEvent(first, comments)).eof)
      assert.strictEqual((yield* nextEvent(second)).event, "ended")
      assert.isTrue((yield* nextEvent(second)).eof)
      assert.include(comments, "heartbeat")

      // A finished call: replay, `ended`, close.
      const late = yield* connect(callId)
      const replay = [yield* nextEvent(late), yield* nextEvent(late), yield* nextEvent(late), yield* nextEvent(late)]
      assert.deepStrictEqual(replay.map((f) => f.id ?? f.event), [t1.id, t2.id, t3.id, "ended"])
      assert.isTrue((yield* nextEvent(late)).eof)
    }).pipe(Effect.provide(SandboxLive)))

  it.scoped("resumes with Last-Event-ID after a disconnect, without losing or repeating a turn", () =>
    Effect.gen(function*() {
      const events = yield* Sandbox.subscribe
      const callId = yield* startCall
      const scope = yield* Scope.make()
      const first = yield* connect(callId).pipe(Scope.extend(scope))
      yield* TestClock.adjust("5 seconds")
      const t1 = yield* nextEvent(first)
      // The client goes away: the server ends its side of the stream.
      yield* Scope.close(scope, Exit.void)
      yield* events.pipe(Stream.filter((e) => e._tag === "TranscriptStreamClosed"), Stream.take(1), Stream.runDrain)
      assert.strictEqual(yield* Effect.flatMap(Sandbox.Sandbox, (s) => s.openTranscriptStreams), 0)

      yield* TestClock.adjust("5 seconds") // turn 2 while nobody listens
      const resumed = yield* connect(callId, t1.id)
      const t2 = yield* nextEvent(resumed)
      yield* TestClock.adjust("5 seconds")
      const t3 = yield* nextEvent(resumed)
      yield* TestClock.adjust("2 seconds")
      assert.strictEqual((yield* nextEvent(resumed)).event, "ended")

      const transcript = yield* api("GET", `/v1/calls/${callId}/transcript`)
      assert.deepStrictEqual([t1.id, t2.id, t3.id], transcript.json.data.map((t: { id: string }) => t.id))
    }).pipe(Effect.provide(SandboxLive)))

  it.scoped("a dropped stream (fault injection) is resumed with Last-Event-ID", () =>
    Effect.gen(function*() {
      const callId = yield* startCall
      yield* TestClock.adjust("10 seconds")
      yield* Sandbox.setFaults({ dropStream: { rate: 1, afterEvents: 1, times: 1 } })
      const dropped = yield* connect(callId)
      const t1 = yield* nextEvent(dropped)
      assert.isTrue((yield* nextEvent(dropped)).eof) // closed before `ended`
      const again = yield* connect(callId, t1.id)
      const t2 = yield* nextEvent(again)
      assert.notStrictEqual(t2.id, t1.id)
      yield* TestClock.adjust("7 seconds")
      const t3 = yield* nextEvent(again)
      assert.strictEqual((yield* nextEvent(again)).event, "ended")
      const transcript = yield* api("GET", `/v1/calls/${callId}/transcript`)
      assert.deepStrictEqual([t1.id, t2.id, t3.id], transcript.json.data.map((t: { id: string }) => t.id))
    }).pipe(Effect.provide(SandboxLive)))

  it.scoped("endCall hangs up a live call: the stream ends and the call completes", () =>
    Effect.gen(function*() {
      const callId = yield* startCall
      const stream = yield* connect(callId)
      yield* TestClock.adjust("5 seconds")
      yield* nextEvent(stream)
      const ended = yield* api("POST", `/v1/calls/${callId}/end`)
      assert.strictEqual(ended.json.status, "completed")
      assert.strictEqual(ended.json.durationSeconds, 5)
      assert.strictEqual((yield* nextEvent(stream)).event, "ended")
      assert.isTrue((yield* nextEvent(stream)).eof)
      yield* TestClock.adjust("30 seconds")
      const call = yield* api("GET", `/v1/calls/${callId}`)
      assert.strictEqual(call.json.transcripts.length, 1)
    }).pipe(Effect.provide(SandboxLive)))
})
