import { AgentPhone } from "@agentphone-effect/core"
import { Sse, TranscriptEvent, TranscriptStream } from "@agentphone-effect/transcripts"
import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Clock, Deferred, Effect, Exit, Fiber, Layer, Option, Queue, Redacted, Stream, TestClock } from "effect"
import * as SseServer from "./utils/SseServer.js"

const turn = (id: number | undefined, content: string, role = "user") =>
  Sse.encode({
    event: "turn",
    id: id === undefined ? undefined : String(id),
    data: JSON.stringify({ role, content, createdAt: "2026-11-25T00:00:00Z" })
  })
const connected = Sse.encode({ event: "connected", data: JSON.stringify({ callId: "call_1", status: "in-progress" }) })
const ended = Sse.encode({
  event: "ended",
  data: JSON.stringify({ callId: "call_1", status: "completed", durationSeconds: 9 })
})

/** The AgentPhone service against a real server. */
const live = (url: string) =>
  AgentPhone.layer({ apiKey: Redacted.make("sk_test_transcripts"), baseUrl: url }).pipe(
    Layer.provide(NodeHttpClient.layerUndici)
  )

const contents = (events: Iterable<TranscriptEvent.TranscriptEvent>) =>
  Array.from(events).map((e) =>
    e._tag === "Turn"
      ? e.content
      : e._tag === "StoredTurn"
      ? e.transcript
      : e._tag === "Unknown"
      ? `?${e.reason}`
      : e._tag
  )

const collect = (url: string, options?: TranscriptStream.Options) =>
  TranscriptStream.stream("call_1", { reconnect: { baseDelay: 0 }, ...options }).pipe(
    Stream.runCollect,
    Effect.map(Chunk.toReadonlyArray),
    Effect.provide(live(url))
  )

describe("TranscriptStream against a local SSE server", () => {
  it.scoped("resumes after a drop mid-event: each turn once, Last-Event-ID sent", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make((i) =>
        i === 0
          ? {
            parts: [connected, turn(1, "one"), turn(2, "two", "agent"), "event: turn\nid: 3\ndata: {\"role\":\"us"],
            then: "destroy"
          }
          : {
            // this server ignores Last-Event-ID and replays everything
            parts: [connected, turn(1, "one"), turn(2, "two", "agent"), turn(3, "three"), turn(4, "four"), ended],
            then: "end"
          }
      )
      const events = yield* collect(server.url)
      assert.deepStrictEqual(contents(events), ["Connected", "one", "two", "three", "four", "Ended"])
      assert.strictEqual(server.requests.length, 2)
      assert.strictEqual(server.requests[0].headers["last-event-id"], undefined)
      assert.strictEqual(server.requests[1].headers["last-event-id"], "2")
      assert.strictEqual(server.requests[0].path, "/v1/calls/call_1/transcript/stream")
      assert.strictEqual(server.requests[0].headers.accept, "text/event-stream")
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer sk_test_transcripts")
      const last = events[events.length - 1]
      assert.isTrue(last._tag === "Ended" && last.status === "completed" && last.durationSeconds === 9)
    }))

  it.scoped("resumes after a clean close mid-stream; a server honouring Last-Event-ID is fine too", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make((i, req) =>
        i === 0
          ? { parts: [turn(1, "one"), turn(2, "two")], then: "end" }
          : i === 1
          ? {
            parts: [req.headers["last-event-id"] === "2" ? turn(3, "three") : "", ": heartbeat\n\n"],
            then: "destroy"
          }
          : { parts: [turn(1, "one"), turn(2, "two"), turn(3, "three"), turn(4, "four"), ended], then: "end" }
      )
      const events = yield* collect(server.url)
      assert.deepStrictEqual(contents(events), ["one", "two", "three", "four", "Ended"])
      assert.deepStrictEqual(server.requests.map((r) => r.headers["last-event-id"]), [undefined, "2", "3"])
    }))

  it.scoped("without any ids, replayed turns are skipped by position", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make((i) =>
        i === 0
          ? { parts: [turn(undefined, "a"), turn(undefined, "b"), "data: {\"role\":\"user\",\"con"], then: "destroy" }
          : i === 1
          ? { parts: [turn(undefined, "a")], then: "end" }
          : { parts: [turn(undefined, "a"), turn(undefined, "b"), turn(undefined, "c"), ended], then: "end" }
      )
      const events = yield* collect(server.url)
      assert.deepStrictEqual(contents(events), ["a", "b", "c", "Ended"])
      assert.isTrue(server.requests.every((r) => r.headers["last-event-id"] === undefined))
    }))

  it.scoped("stored-turn shapes and unnamed events, deduplicated by their data id", () =>
    Effect.gen(function*() {
      const stored = (id: string, text: string) =>
        Sse.encode({
          data: JSON.stringify({ id, transcript: text, confidence: 0.9, response: `re: ${text}`, createdAt: "t" })
        })
      const server = yield* SseServer.make((i) =>
        i === 0
          ? { parts: [stored("t1", "hi"), stored("t2", "bye")], then: "destroy" }
          : { parts: [stored("t1", "hi"), stored("t2", "bye"), stored("t3", "ok"), ended], then: "end" }
      )
      const events = yield* collect(server.url)
      assert.deepStrictEqual(contents(events), ["hi", "bye", "ok", "Ended"])
      const first = events[0]
      assert.isTrue(first._tag === "StoredTurn" && first.id === "t1" && first.response === "re: hi")
      assert.strictEqual(first._tag === "StoredTurn" && first.confidence, 0.9)
    }))

  it.scoped("unknown event types and an undecodable turn do not end the stream", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make(() => ({
        parts: [
          Sse.encode({ event: "sentiment", data: "{\"score\":1}" }),
          Sse.encode({ event: "turn", data: "{not json" }),
          Sse.encode({ event: "turn", data: "{\"role\":\"user\"}" }),
          turn(1, "fine"),
          ended
        ],
        then: "end"
      }))
      const events = yield* collect(server.url)
      assert.deepStrictEqual(contents(events), [
        "?UnknownEvent",
        "?UndecodableTurn",
        "?UndecodableTurn",
        "fine",
        "Ended"
      ])
      const unknown = events[0]
      assert.isTrue(unknown._tag === "Unknown" && unknown.event === "sentiment" && unknown.data === "{\"score\":1}")
    }))

  it.scoped("an oversized event fails the stream with EventTooLargeError", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make(() => ({
        parts: [turn(1, "ok"), Sse.encode({ event: "turn", data: "x".repeat(5000) })],
        then: "hold"
      }))
      const error = yield* Effect.flip(collect(server.url, { maxEventSize: 1000 }))
      assert.strictEqual(error._tag, "EventTooLargeError")
    }))

  it.scoped("a 404 fails at once with NotFoundError; no reconnect", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make(() => ({
        status: 404,
        headers: { "content-type": "application/json" },
        parts: ["{\"detail\":\"Call not found\"}"],
        then: "end"
      }))
      const error = yield* Effect.flip(collect(server.url))
      assert.strictEqual(error._tag, "NotFoundError")
      assert.strictEqual(error._tag === "NotFoundError" && error.detail, "Call not found")
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("a 503 is retried", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make((i) =>
        i === 0 ? { status: 503, parts: [], then: "end" } : { parts: [turn(1, "up"), ended], then: "end" }
      )
      assert.deepStrictEqual(contents(yield* collect(server.url)), ["up", "Ended"])
    }))

  it.scoped("interrupting the stream closes the connection at once", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make(() => ({ parts: [connected, turn(1, "hello")], then: "hold" }))
      const first = yield* Deferred.make<TranscriptEvent.TranscriptEvent>()
      const fiber = yield* TranscriptStream.stream("call_1").pipe(
        Stream.runForEach((e) => Deferred.succeed(first, e)),
        Effect.provide(live(server.url)),
        Effect.fork
      )
      assert.strictEqual((yield* Deferred.await(first))._tag, "Connected")
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(server.requests[0].closed)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("followUntilEnded returns the collected transcript", () =>
    Effect.gen(function*() {
      const server = yield* SseServer.make(() => ({
        parts: [connected, turn(1, "q"), turn(2, "a", "agent"), ended],
        then: "end"
      }))
      const transcript = yield* TranscriptStream.followUntilEnded("call_1").pipe(Effect.provide(live(server.url)))
      assert.deepStrictEqual(contents(transcript.turns), ["q", "a"])
      assert.strictEqual(transcript.ended.status, "completed")
      assert.strictEqual(transcript.connected?.status, "in-progress")
      const lines = transcript.turns.flatMap((t, i) => TranscriptEvent.toLines(t, i))
      assert.deepStrictEqual(lines.map((l) => `${l.role}: ${l.text}`), ["user: q", "agent: a"])
    }))

  it.scoped("getCallTranscript reads {data} and {transcripts}", () =>
    Effect.gen(function*() {
      const item = { id: "t1", transcript: "hello", confidence: 0.8, response: null, createdAt: "t" }
      const server = yield* SseServer.make((i) => ({
        headers: { "content-type": "application/json" },
        parts: [JSON.stringify(i === 0 ? { data: [item] } : { transcripts: [item, { ...item, id: "t2" }] })],
        then: "end"
      }))
      const a = yield* TranscriptStream.getCallTranscript("call_1").pipe(Effect.provide(live(server.url)))
      const b = yield* TranscriptStream.getCallTranscript("call_1").pipe(Effect.provide(live(server.url)))
      assert.deepStrictEqual(a.map((t) => t.id), ["t1"])
      assert.deepStrictEqual(b.map((t) => t.id), ["t1", "t2"])
      assert.strictEqual(a[0]._tag, "StoredTurn")
      assert.strictEqual(server.requests[0].path, "/v1/calls/call_1/transcript")
    }))
})

describe("TranscriptStream with large reads", () => {
  it.effect("a backlog arriving in reads over 16 KiB: each turn once across a drop, Last-Event-ID sent", () =>
    Effect.gen(function*() {
      const turns = Array.from({ length: 400 }, (_, i) => turn(i + 1, `turn ${i + 1} é—😀 ${"x".repeat(i % 50)}`))
      const requests: Array<string | undefined> = []
      // every body is one read: the first drops mid-event after 300 turns, the second replays all
      const bodies = [
        connected + turns.slice(0, 300).join("") + "event: turn\nid: 301\ndata: {\"role\":\"us",
        connected + turns.join("") + ended
      ]
      const client = HttpClient.make((request) =>
        Effect.sync(() => {
          const text = bodies[requests.length]
          requests.push(request.headers["last-event-id"])
          const bytes = new TextEncoder().encode(text)
          const body = new ReadableStream<Uint8Array>({
            start: (c) => {
              c.enqueue(bytes)
              c.close()
            }
          })
          return HttpClientResponse.fromWeb(request, new Response(body, { status: 200 }))
        })
      )
      assert.isAbove(new TextEncoder().encode(bodies[0]).length, 2 * 16 * 1024)
      const events = yield* TranscriptStream.stream("call_1", { reconnect: { baseDelay: 0 } }).pipe(
        Stream.runCollect,
        Effect.map(Chunk.toReadonlyArray),
        Effect.provide(
          AgentPhone.layer({ apiKey: Redacted.make("sk_test"), baseUrl: "http://sandbox.invalid" }).pipe(
            Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
          )
        )
      )
      assert.deepStrictEqual(
        contents(events),
        ["Connected", ...Array.from({ length: 400 }, (_, i) => `turn ${i + 1} é—😀 ${"x".repeat(i % 50)}`), "Ended"]
      )
      assert.deepStrictEqual(requests, [undefined, "300"])
    }))
})

// ---------------------------------------------------------------------------------------------
// A scripted in-memory transport, so TestClock drives the watchdog and the backoff exactly
// ---------------------------------------------------------------------------------------------

const HOUR = 3_600_000

interface Connection {
  readonly lastEventId: string | undefined
  /** TestClock time when the request was made. */
  readonly at: number
  readonly push: (text: string) => void
  readonly close: () => void
}

const scripted = (respond: (index: number) => "stream" | "503" | "transport") =>
  Effect.gen(function*() {
    const connections = yield* Queue.unbounded<Connection>()
    const all: Array<Connection> = []
    const client = HttpClient.make((request) =>
      Effect.gen(function*() {
        const at = yield* Clock.currentTimeMillis
        const mode = respond(all.length)
        const lastEventId = request.headers["last-event-id"]
        if (mode !== "stream") {
          all.push({ lastEventId, at, push: () => {}, close: () => {} })
          if (mode === "transport") {
            return yield* Effect.fail(
              new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNRESET") })
            )
          }
          return HttpClientResponse.fromWeb(request, new Response("busy", { status: 503 }))
        }
        let controller!: ReadableStreamDefaultController<Uint8Array>
        const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
        const connection: Connection = {
          lastEventId,
          at,
          push: (text) => controller.enqueue(new TextEncoder().encode(text)),
          close: () => controller.close()
        }
        all.push(connection)
        yield* Queue.offer(connections, connection)
        return HttpClientResponse.fromWeb(request, new Response(body, { status: 200 }))
      })
    )
    const layer = AgentPhone.layer({ apiKey: Redacted.make("sk_test"), baseUrl: "http://sandbox.invalid" }).pipe(
      Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
    )
    return { connections, all, layer }
  })

/**
 * Advance the TestClock to each pending sleep in turn until `done` holds or the fiber ends. Sleeps
 * ending at or after `horizon` are ignored: the TestClock keeps the sleeps of finished timeouts
 * listed, so tests of the backoff set a long idle timeout and look only at nearer sleeps.
 */
const advanceUntil = (fiber: Fiber.RuntimeFiber<unknown, unknown>, done: () => boolean, horizon = Infinity) =>
  Effect.gen(function*() {
    for (let spins = 0; spins < 100_000 && !done(); spins++) {
      if (Option.isSome(yield* Fiber.poll(fiber))) return
      const sleeps = Chunk.toReadonlyArray(yield* TestClock.sleeps()).filter((t) => t < horizon)
      if (sleeps.length === 0) {
        yield* Effect.yieldNow()
        continue
      }
      yield* TestClock.setTime(Math.min(...sleeps))
      yield* Effect.yieldNow()
    }
  })

describe("TranscriptStream under TestClock", () => {
  it.scoped("the idle watchdog reconnects after 45 s of silence; a heartbeat resets it", () =>
    Effect.gen(function*() {
      const t = yield* scripted(() => "stream")
      const events = yield* Queue.unbounded<TranscriptEvent.TranscriptEvent>()
      const fiber = yield* TranscriptStream.stream("call_1", { reconnect: { jitter: false } }).pipe(
        Stream.runForEach((e) => Queue.offer(events, e)),
        Effect.provide(t.layer),
        Effect.fork
      )
      const c1 = yield* Queue.take(t.connections)
      c1.push(turn(1, "one"))
      assert.strictEqual(((yield* Queue.take(events)) as TranscriptEvent.Turn).content, "one")
      // the watchdog is armed for the next read (sleeps: response timeout, read 1, read 2, all at 45 s)
      yield* waitForSleeps(45_000, 3)
      // let 30 s pass in silence, then a heartbeat: the 45 s window starts again from there
      yield* TestClock.adjust("30 seconds")
      c1.push(": heartbeat\n\n")
      yield* waitForSleepAfter(30_000)
      yield* advanceUntil(fiber, () => t.all.length >= 2)
      const c2 = yield* Queue.take(t.connections)
      // watchdog at 30 + 45 s, then the first backoff delay of 500 ms
      assert.strictEqual(c2.at, 75_000 + 500)
      assert.strictEqual(c2.lastEventId, "1")
      c2.push(turn(1, "one") + turn(2, "two") + ended)
      yield* Fiber.join(fiber)
      const rest = Chunk.toReadonlyArray(yield* Queue.takeAll(events))
      assert.deepStrictEqual(contents(rest), ["two", "Ended"])
    }))

  it.scoped("backoff doubles from baseDelay, is capped at maxDelay, and gives up after maxAttempts", () =>
    Effect.gen(function*() {
      const t = yield* scripted((i) => (i % 2 === 0 ? "transport" : "503"))
      const fiber = yield* TranscriptStream.stream("call_1", {
        reconnect: { baseDelay: "1 second", maxDelay: "5 seconds", maxAttempts: 5, jitter: false },
        idleTimeout: "1 hour"
      }).pipe(Stream.runDrain, Effect.provide(t.layer), Effect.fork)
      yield* advanceUntil(fiber, () => false, HOUR)
      const exit = yield* Fiber.await(fiber)
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? Option.getOrThrow(Chunk.head(causeFailures(exit.cause))) : undefined
      assert.strictEqual(error?._tag, "TranscriptDisconnectedError")
      assert.strictEqual(error?._tag === "TranscriptDisconnectedError" && error.attempts, 5)
      assert.match(error?.message ?? "", /5 reconnection attempts/)
      const gaps = t.all.slice(1).map((c, i) => c.at - t.all[i].at)
      assert.deepStrictEqual(gaps, [1000, 2000, 4000, 5000, 5000])
    }))

  it.scoped("data received resets the backoff", () =>
    Effect.gen(function*() {
      // stream, fail, fail, stream (data), fail, stream (ended)
      const modes = ["stream", "transport", "transport", "stream", "transport", "stream"] as const
      const t = yield* scripted((i) => modes[i] ?? "transport")
      const fiber = yield* TranscriptStream.stream("call_1", {
        reconnect: { baseDelay: "1 second", jitter: false },
        idleTimeout: "1 hour"
      }).pipe(
        Stream.runCollect,
        Effect.provide(t.layer),
        Effect.fork
      )
      const c1 = yield* Queue.take(t.connections)
      c1.push(turn(1, "one"))
      c1.close()
      yield* advanceUntil(fiber, () => t.all.length >= 4, HOUR)
      const c2 = yield* Queue.take(t.connections)
      c2.push(turn(2, "two"))
      c2.close()
      yield* advanceUntil(fiber, () => t.all.length >= 6, HOUR)
      const c3 = yield* Queue.take(t.connections)
      c3.push(ended)
      const events = yield* Fiber.join(fiber)
      assert.deepStrictEqual(contents(events), ["one", "two", "Ended"])
      const gaps = t.all.slice(1).map((c, i) => c.at - t.all[i].at)
      assert.deepStrictEqual(gaps, [1000, 2000, 4000, 1000, 2000])
      assert.deepStrictEqual(t.all.map((c) => c.lastEventId), [undefined, "1", "1", "1", "2", "2"])
    }))

  it.scoped("a server that sends only a comment and drops exhausts the budget (no endless reconnects)", () =>
    Effect.gen(function*() {
      const t = yield* scripted(() => "stream")
      yield* Queue.take(t.connections).pipe(
        Effect.tap((c) => Effect.sync(() => (c.push(": connected\n\n"), c.close()))),
        Effect.forever,
        Effect.forkScoped
      )
      const fiber = yield* TranscriptStream.stream("call_1", {
        reconnect: { baseDelay: "1 second", maxAttempts: 3, jitter: false },
        idleTimeout: "1 hour"
      }).pipe(Stream.runDrain, Effect.provide(t.layer), Effect.fork)
      yield* advanceUntil(fiber, () => false, HOUR)
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TranscriptDisconnectedError")
      assert.strictEqual(t.all.length, 4)
    }))

  it.scoped("reconnect: false fails on the first drop", () =>
    Effect.gen(function*() {
      const t = yield* scripted(() => "stream")
      const fiber = yield* TranscriptStream.stream("call_1", { reconnect: false }).pipe(
        Stream.runDrain,
        Effect.provide(t.layer),
        Effect.fork
      )
      const c1 = yield* Queue.take(t.connections)
      c1.close()
      const error = yield* Effect.flip(Fiber.join(fiber))
      assert.strictEqual(error._tag, "TranscriptDisconnectedError")
      assert.match(error.message, /closed the stream before the call ended/)
    }))
})

const causeFailures = <E>(cause: import("effect/Cause").Cause<E>) =>
  Chunk.fromIterable(
    (function*() {
      const stack = [cause]
      while (stack.length > 0) {
        const c = stack.pop()!
        if (c._tag === "Fail") yield c.error
        else if (c._tag === "Sequential" || c._tag === "Parallel") stack.push(c.left, c.right)
      }
    })()
  )

/** Wait until at least `count` sleeps end at `deadline` (the TestClock keeps finished ones listed). */
const waitForSleeps = (deadline: number, count: number) =>
  Effect.gen(function*() {
    for (;;) {
      const sleeps = Chunk.toReadonlyArray(yield* TestClock.sleeps())
      if (sleeps.filter((t) => t === deadline).length >= count) return
      yield* Effect.yieldNow()
    }
  })

/** Wait until a sleep is due later than `after` + 45 s (the watchdog re-armed after `after`). */
const waitForSleepAfter = (after: number) =>
  Effect.gen(function*() {
    for (let i = 0; i < 100_000; i++) {
      if (Chunk.toReadonlyArray(yield* TestClock.sleeps()).some((t) => t >= after + 45_000)) return
      yield* Effect.yieldNow()
    }
  })
