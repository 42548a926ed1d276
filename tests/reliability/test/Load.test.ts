/**
 * Load: 10,000 mixed calls at concurrency 64 against the sandbox with light 429 / 5xx injection
 * (every call accounted for, nothing lost or stored twice), and 50 concurrent live transcripts
 * whose connections the sandbox drops at random (every turn exactly once, as stored). Afterwards no
 * fiber, socket or transcript stream is left open and the heap is back near its baseline (after a
 * forced GC). Durations are printed, never asserted.
 */
import { AgentPhone, type AgentPhoneError } from "@agentphone-effect/core"
import { Sandbox, type Simulation } from "@agentphone-effect/sandbox"
import { TranscriptEvent, TranscriptStream } from "@agentphone-effect/transcripts"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Stream, Supervisor } from "effect"
import { collectedHeapMb, handles, heapMb, tcp, total, trackSockets } from "./utils/Resources.js"

/** The 10,000 (about 45 s on the shared 2-core machine); `RELIABILITY_LOAD_CALLS` changes it. */
const calls = Number(process.env.RELIABILITY_LOAD_CALLS ?? 10_000)
const concurrency = 64
const liveCalls = 50
/** The mixed run's time limit: generous, for a loaded CI machine (durations are never asserted). */
const mixedTimeout = 600_000
/** How far above its baseline the heap may stay once everything is closed and collected. */
const heapSlackMb = 8

const figures: Record<string, unknown> = {}
afterAll(() => {
  // Test output, recorded in docs/reliability.md.
  console.log(`\n[reliability] load\n${JSON.stringify(figures, null, 2)}`)
})

const round = (mb: number) => Math.round(mb * 10) / 10

const tagOf = (exit: Exit.Exit<unknown, AgentPhoneError.AgentPhoneError>): string => {
  if (Exit.isSuccess(exit)) return "Success"
  const failure = Cause.failureOption(exit.cause)
  return Option.isSome(failure) ? failure.value._tag : "Defect"
}

// ---------------------------------------------------------------------------------------------
// The sandbox and a client that counts the requests it sends.
// ---------------------------------------------------------------------------------------------

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

const client = (retry: Partial<AgentPhone.RetryPolicy> | false) =>
  Effect.gen(function*() {
    const sandbox = yield* Sandbox.Sandbox
    const counter = { requests: 0, posts: 0, streams: 0 }
    const http = HttpClient.tapRequest(
      yield* HttpClient.HttpClient,
      (request) =>
        Effect.sync(() => {
          counter.requests += 1
          if (request.method === "POST") counter.posts += 1
          if (request.url.endsWith("/transcript/stream")) counter.streams += 1
        })
    )
    const ap = yield* AgentPhone.make({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl, retry }).pipe(
      Effect.provideService(HttpClient.HttpClient, http)
    )
    return { ap, sandbox, counter }
  })

// ---------------------------------------------------------------------------------------------
// Mixed calls
// ---------------------------------------------------------------------------------------------

const kinds = ["createContact", "sendMessage", "getAgent", "listContacts", "listAgents"] as const
type Kind = typeof kinds[number]

interface MixedResult {
  readonly attempted: number
  readonly succeeded: number
  readonly failedByTag: Record<string, number>
  readonly byKind: Record<Kind, Record<string, number>>
  readonly requests: number
  readonly postRequests: number
  readonly stored: { readonly contacts: ReadonlyArray<string>; readonly messages: ReadonlyArray<string> }
  readonly succeededPosts: { readonly contacts: ReadonlyArray<string>; readonly messages: ReadonlyArray<string> }
  readonly heapPeakMb: number
  readonly millis: number
}

/** `n` mixed calls at `concurrency`, with 2% 429 (`Retry-After: 0`) and 2% 503 on every request. */
const mixed = (n: number) =>
  Effect.gen(function*() {
    const { ap, counter, sandbox } = yield* client({ times: 2, baseDelay: "1 millis", maxDelay: "5 millis" })
    const agent = yield* ap.agents.createAgent({ name: "Loaded" })
    yield* ap.numbers.createNumber({ agentId: agent.id })
    const requestsBefore = counter.requests
    const postsBefore = counter.posts
    yield* sandbox.setFaults({
      rateLimit: { rate: 0.02, retryAfterSeconds: 0 },
      serverError: { rate: 0.02, status: 503 }
    })
    const byKind = Object.fromEntries(kinds.map((k) => [k, {}])) as Record<Kind, Record<string, number>>
    const succeededPosts = { contacts: [] as Array<string>, messages: [] as Array<string> }
    let attempted = 0
    let heapPeakMb = heapMb()
    const one = (i: number): Effect.Effect<unknown, AgentPhoneError.AgentPhoneError> => {
      switch (kinds[i % kinds.length]) {
        case "createContact":
          return ap.contacts.createContact({
            phoneNumber: `+1415${String(2_000_000 + i).padStart(7, "0")}`,
            name: `c${i}`
          }).pipe(Effect.tap(() => Effect.sync(() => succeededPosts.contacts.push(`c${i}`))))
        case "sendMessage":
          return ap.messages.sendMessage({ agent_id: agent.id, to_number: "+14155550123", body: `m${i}` }).pipe(
            Effect.tap(() => Effect.sync(() => succeededPosts.messages.push(`m${i}`)))
          )
        case "getAgent":
          return ap.agents.getAgent({ agent_id: agent.id })
        case "listContacts":
          return ap.contacts.listContacts({ limit: 20 })
        default:
          return ap.agents.listAgents()
      }
    }
    const started = Date.now()
    yield* Effect.forEach(
      Array.from({ length: n }, (_, i) => i),
      (i) =>
        Effect.suspend(() => {
          attempted += 1
          return Effect.exit(one(i))
        }).pipe(Effect.map((exit) => {
          const tally = byKind[kinds[i % kinds.length]]
          const tag = tagOf(exit)
          tally[tag] = (tally[tag] ?? 0) + 1
          if (i % 128 === 0) heapPeakMb = Math.max(heapPeakMb, heapMb())
        })),
      { concurrency, discard: true }
    )
    const millis = Date.now() - started
    yield* sandbox.clearFaults
    let succeeded = 0
    const failedByTag: Record<string, number> = {}
    for (const tally of Object.values(byKind)) {
      for (const [tag, count] of Object.entries(tally)) {
        if (tag === "Success") succeeded += count
        else failedByTag[tag] = (failedByTag[tag] ?? 0) + count
      }
    }
    const result: MixedResult = {
      attempted,
      succeeded,
      failedByTag,
      byKind,
      requests: counter.requests - requestsBefore,
      postRequests: counter.posts - postsBefore,
      stored: {
        contacts: Array.from(sandbox.store.root.contacts.values(), (c) => c.name),
        messages: Array.from(sandbox.store.root.messages.values(), (m) => m.body)
      },
      succeededPosts,
      heapPeakMb: Math.max(heapPeakMb, heapMb()),
      millis
    }
    return result
  }).pipe(Effect.provide(Live))

/** `n` concurrent live calls, each read through `TranscriptStream`, 40% of connections cut after 2 events. */
const transcripts = (n: number, peak: { mb: number }) =>
  Effect.gen(function*() {
    const { ap, counter, sandbox } = yield* client(false)
    const events = yield* sandbox.subscribe
    const agent = yield* ap.agents.createAgent({ name: "Talker" })
    yield* ap.numbers.createNumber({ agentId: agent.id })
    yield* sandbox.setFaults({ dropStream: { rate: 0.4, afterEvents: 2 } })
    const outcomes = yield* Effect.forEach(
      Array.from({ length: n }, (_, i) => i),
      (i) =>
        Effect.gen(function*() {
          const call = yield* ap.calls.createOutboundCall({
            agentId: agent.id,
            toNumber: `+1415555${String(3000 + i)}`
          })
          const seen = yield* TranscriptStream.stream(call.id, {
            reconnect: { baseDelay: 0, maxAttempts: 50 }
          }).pipe(Stream.runCollect, Effect.provideService(AgentPhone.AgentPhone, ap))
          peak.mb = Math.max(peak.mb, heapMb())
          const stored = sandbox.store.findCall(call.id)!.call.turns.map((t) => t.id)
          return { seen: Array.from(seen), stored }
        }),
      { concurrency: n }
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
  }).pipe(Effect.scoped, Effect.provide(Live))

const sorted = (xs: ReadonlyArray<string>) => [...xs].sort()
const duplicatesIn = (xs: ReadonlyArray<string>) => xs.length - new Set(xs).size

describe("load", () => {
  it.scopedLive(
    `${calls} mixed calls at concurrency ${concurrency}: every call accounted for, nothing lost or doubled`,
    () =>
      Effect.gen(function*() {
        const sockets = yield* trackSockets
        // Warm up (module initialisation, JIT, undici's pools) so the baseline is steady state.
        yield* mixed(200)
        yield* sockets.settled
        const handlesBefore = handles()
        const heapBefore = collectedHeapMb()
        const openedBefore = sockets.opened()
        const supervisor = yield* Supervisor.track
        const result = yield* mixed(calls).pipe(Effect.supervised(supervisor))
        const fibers = (yield* supervisor.value).filter((f) => f.unsafePoll() === null)
        const socketsOpened = sockets.opened() - openedBefore
        const socketsOpen = sockets.open()
        yield* sockets.settled
        const handlesAfter = handles()
        const { stored, succeededPosts } = result
        const heapAfter = collectedHeapMb()

        // every call accounted for
        assert.strictEqual(result.attempted, calls)
        assert.strictEqual(result.succeeded + total(result.failedByTag), calls)
        // only the typed errors the faults can cause, and only where they are expected
        for (const tag of Object.keys(result.failedByTag)) {
          assert.include(["RateLimitedError", "ServerError"], tag)
        }
        assert.isAbove(total(result.failedByTag), 0) // the faults did fire
        // POSTs are not retried, so nothing is stored twice; a stored record is exactly a success
        assert.deepStrictEqual(sorted(stored.contacts), sorted(succeededPosts.contacts))
        assert.deepStrictEqual(sorted(stored.messages), sorted(succeededPosts.messages))
        const duplicates = duplicatesIn(stored.contacts) + duplicatesIn(stored.messages)
        assert.strictEqual(duplicates, 0)
        // reads were retried within their budget (3 attempts); every POST was sent exactly once
        const posts = total(result.byKind.createContact) + total(result.byKind.sendMessage)
        const retries = result.requests - calls
        assert.strictEqual(result.postRequests, posts)
        assert.isAbove(retries, 0)
        assert.isAtMost(result.requests, posts + (calls - posts) * 3)
        // nothing left behind: no fiber, no open socket, no extra handle, the heap back to baseline
        assert.strictEqual(fibers.length, 0)
        assert.isAbove(socketsOpened, 0)
        assert.strictEqual(socketsOpen, 0)
        assert.isAtMost(tcp(handlesAfter), tcp(handlesBefore))
        assert.isAtMost(total(handlesAfter), total(handlesBefore))
        assert.isBelow(heapAfter, heapBefore + heapSlackMb)

        figures.mixed = {
          attempted: result.attempted,
          concurrency,
          succeeded: result.succeeded,
          failedByTag: result.failedByTag,
          byKind: result.byKind,
          duplicates,
          requestsSent: result.requests,
          retries,
          storedContacts: stored.contacts.length,
          storedMessages: stored.messages.length,
          liveFibersAfter: fibers.length,
          socketsOpened,
          socketsLeftOpen: socketsOpen,
          handlesBefore,
          handlesAfter,
          heapMbBefore: round(heapBefore),
          heapMbPeak: round(result.heapPeakMb),
          heapMbAfter: round(heapAfter),
          millis: result.millis,
          callsPerSecond: Math.round(calls / (result.millis / 1000))
        }
      }),
    mixedTimeout
  )

  it.scopedLive(`${liveCalls} live transcripts with random drops: each turn once; no fiber, socket or stream leaked`, () =>
    Effect.gen(function*() {
      const sockets = yield* trackSockets
      // Warm up (as above) with a few calls, so the baseline is steady state.
      yield* transcripts(5, { mb: 0 })
      yield* sockets.settled
      const openedBefore = sockets.opened()
      const handlesBefore = handles()
      const heapBefore = collectedHeapMb()
      const peak = { mb: heapBefore }
      const supervisor = yield* Supervisor.track
      const started = Date.now()
      const result = yield* transcripts(liveCalls, peak).pipe(Effect.supervised(supervisor))
      const millis = Date.now() - started

      let turns = 0
      let lost = 0
      let duplicated = 0
      for (const { seen, stored } of result.outcomes) {
        const ids = seen.filter(TranscriptEvent.isTurn).map((t) => t.id)
        lost += stored.filter((id) => !ids.includes(id)).length
        duplicated += ids.length - new Set(ids).size
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
      const socketsOpened = sockets.opened() - openedBefore
      const socketsOpen = sockets.open()
      assert.isAbove(socketsOpened, 0)
      assert.strictEqual(socketsOpen, 0)
      yield* sockets.settled
      const handlesAfter = handles()
      assert.isAtMost(tcp(handlesAfter), tcp(handlesBefore))
      assert.isAtMost(total(handlesAfter), total(handlesBefore))
      const heapAfter = collectedHeapMb()
      assert.isBelow(heapAfter, heapBefore + heapSlackMb)
      figures.transcripts = {
        liveTranscripts: liveCalls,
        turnsDelivered: turns,
        transcriptConnections: result.opened,
        reconnects,
        lostTurns: lost,
        duplicatedTurns: duplicated,
        liveFibersAfter: fibers.length,
        socketsOpened,
        socketsLeftOpen: socketsOpen,
        handlesBefore,
        handlesAfter,
        heapMbBefore: round(heapBefore),
        heapMbPeak: round(peak.mb),
        heapMbAfter: round(heapAfter),
        millis
      }
    }))
})
