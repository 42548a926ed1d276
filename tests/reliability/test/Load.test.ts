/**
 * Load: 10,000 mixed calls at concurrency 64 against the sandbox (every one answered, nothing lost
 * or stored twice), and 50 concurrent live transcripts whose connections the sandbox drops at
 * random (every turn exactly once, as stored). Afterwards no fiber, socket or transcript stream is
 * left open and the heap is back near its baseline. Durations are printed, never asserted.
 */
import { AgentPhone, type AgentPhoneError } from "@agentphone-effect/core"
import { Sandbox, type Simulation } from "@agentphone-effect/sandbox"
import { TranscriptEvent, TranscriptStream } from "@agentphone-effect/transcripts"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Stream, Supervisor } from "effect"

/** The issue asks for 10,000; CI runs 1,000 (this machine is shared), `RELIABILITY_LOAD_CALLS=10000` for the full run. */
const calls = Number(process.env.RELIABILITY_LOAD_CALLS ?? 1_000)
const concurrency = 64
const liveCalls = 50

const figures: Record<string, unknown> = {}
afterAll(() => console.log(`\n[reliability] load\n${JSON.stringify(figures, null, 2)}`))

const script: ReadonlyArray<Simulation.ScriptStep> = Array.from({ length: 8 }, (_, i) => ({
  caller: `caller line ${i}`,
  agent: `agent line ${i}`
}))

const Live = Layer.merge(
  Sandbox.layer({
    seed: 777,
    script,
    timing: { turnInterval: "3 millis", hangupDelay: "3 millis", heartbeat: "1 seconds" }
  }),
  NodeHttpClient.layerUndici
)

/** The client, counting transcript connections it opens. */
const client = Effect.gen(function*() {
  const sandbox = yield* Sandbox.Sandbox
  const counter = { streams: 0 }
  const http = HttpClient.tapRequest(
    yield* HttpClient.HttpClient,
    (request) =>
      Effect.sync(() => {
        if (request.url.endsWith("/transcript/stream")) counter.streams += 1
      })
  )
  const ap = yield* AgentPhone.make({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, retry: false }).pipe(
    Effect.provideService(HttpClient.HttpClient, http)
  )
  return { ap, sandbox, counter }
})

const socketCount = () => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length
const heapMb = () => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

describe("load", () => {
  it.live(`${calls} mixed calls at concurrency ${concurrency}: every call answered, nothing lost or doubled`, () =>
    Effect.gen(function*() {
      const { ap, sandbox } = yield* client
      const agent = yield* ap.agents.createAgent({ name: "Loaded" })
      yield* ap.numbers.createNumber({ agentId: agent.id })
      const failures: Record<string, number> = {}
      const kinds: Record<string, number> = {}
      const one = (i: number): Effect.Effect<unknown, AgentPhoneError.AgentPhoneError> => {
        switch (i % 5) {
          case 0:
            return ap.contacts.createContact({
              phoneNumber: `+1415${String(2_000_000 + i).padStart(7, "0")}`,
              name: `c${i}`
            })
          case 1:
            return ap.messages.sendMessage({ agent_id: agent.id, to_number: "+14155550123", body: `m${i}` })
          case 2:
            return ap.agents.getAgent({ agent_id: agent.id })
          case 3:
            return ap.contacts.listContacts({ limit: 20 })
          default:
            return ap.agents.listAgents()
        }
      }
      const started = Date.now()
      yield* Effect.forEach(
        Array.from({ length: calls }, (_, i) => i),
        (i) =>
          one(i).pipe(
            Effect.tap(() => Effect.sync(() => (kinds[i % 5] = (kinds[i % 5] ?? 0) + 1))),
            Effect.catchAll((e) => Effect.sync(() => (failures[e._tag] = (failures[e._tag] ?? 0) + 1)))
          ),
        { concurrency, discard: true }
      )
      const millis = Date.now() - started
      const contacts = Array.from(sandbox.store.root.contacts.values()).filter((c) => c.name.startsWith("c"))
      const messages = Array.from(sandbox.store.root.messages.values()).filter((m) => m.body.startsWith("m"))
      const expected = (k: number) => Math.floor(calls / 5) + (calls % 5 > k ? 1 : 0)
      assert.deepStrictEqual(failures, {})
      assert.strictEqual(contacts.length, expected(0))
      assert.strictEqual(new Set(contacts.map((c) => c.name)).size, contacts.length)
      assert.strictEqual(messages.length, expected(1))
      assert.strictEqual(new Set(messages.map((m) => m.body)).size, messages.length)
      Object.assign(figures, {
        mixedCalls: calls,
        concurrency,
        succeeded: Object.values(kinds).reduce((a, b) => a + b, 0),
        failedByTag: failures,
        duplicates: contacts.length - new Set(contacts.map((c) => c.name)).size +
          messages.length - new Set(messages.map((m) => m.body)).size,
        mixedMillis: millis,
        callsPerSecond: Math.round(calls / (millis / 1000))
      })
    }).pipe(Effect.provide(Live)))

  it.live(`${liveCalls} live transcripts with random drops: each turn once; no fiber, socket or stream leaked`, () =>
    Effect.gen(function*() {
      const socketsBefore = socketCount()
      const heapBefore = heapMb()
      const supervisor = yield* Supervisor.track
      const started = Date.now()
      const result = yield* Effect.gen(function*() {
        const { ap, counter, sandbox } = yield* client
        const events = yield* sandbox.subscribe
        const agent = yield* ap.agents.createAgent({ name: "Talker" })
        yield* ap.numbers.createNumber({ agentId: agent.id })
        yield* sandbox.setFaults({ dropStream: { rate: 0.4, afterEvents: 2 } })
        const outcomes = yield* Effect.forEach(
          Array.from({ length: liveCalls }, (_, i) => i),
          (i) =>
            Effect.gen(function*() {
              const call = yield* ap.calls.createOutboundCall({
                agentId: agent.id,
                toNumber: `+1415555${String(3000 + i)}`
              })
              const seen = yield* TranscriptStream.stream(call.id, {
                reconnect: { baseDelay: 0, maxAttempts: 50 }
              }).pipe(Stream.runCollect, Effect.provideService(AgentPhone.AgentPhone, ap))
              const stored = sandbox.store.findCall(call.id)!.call.turns.map((t) => t.id)
              return { seen: Array.from(seen), stored }
            }),
          { concurrency: liveCalls }
        )
        yield* sandbox.clearFaults
        const opened = counter.streams
        // every connection the client opened is closed on the server (a real signal, no polling)
        const closed = yield* events.pipe(
          Stream.filter((e) => e._tag === "TranscriptStreamClosed"),
          Stream.take(opened),
          Stream.runCount
        )
        return { outcomes, opened, closed, open: yield* sandbox.openTranscriptStreams }
      }).pipe(Effect.scoped, Effect.provide(Live), Effect.supervised(supervisor))
      const millis = Date.now() - started

      let turns = 0
      for (const { seen, stored } of result.outcomes) {
        const ids = seen.filter(TranscriptEvent.isTurn).map((t) => t.id)
        assert.deepStrictEqual(ids, stored) // none lost, none doubled, in order
        assert.strictEqual(stored.length, script.length)
        assert.strictEqual(seen.filter((e) => e._tag === "Ended").length, 1)
        turns += ids.length
      }
      assert.strictEqual(result.closed, result.opened)
      assert.strictEqual(result.open, 0)
      const reconnects = result.opened - liveCalls
      assert.isAbove(reconnects, 0) // the faults did cut connections

      const fibers = (yield* supervisor.value).filter((f) => f.unsafePoll() === null)
      assert.strictEqual(fibers.length, 0)
      const socketsAfter = socketCount()
      assert.isAtMost(socketsAfter, socketsBefore)
      const heapAfter = heapMb()
      assert.isBelow(heapAfter, heapBefore + 64)
      Object.assign(figures, {
        liveTranscripts: liveCalls,
        turnsDelivered: turns,
        transcriptConnections: result.opened,
        reconnects,
        lostOrDuplicatedTurns: 0,
        liveFibersAfter: fibers.length,
        socketsBefore,
        socketsAfter,
        heapMbBefore: Math.round(heapBefore),
        heapMbAfter: Math.round(heapAfter),
        gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function",
        transcriptsMillis: millis
      })
    }))
})
