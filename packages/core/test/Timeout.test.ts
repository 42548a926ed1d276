import { HttpClient, HttpClientError, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Duration, Effect, Exit, Fiber, FiberId, Redacted, TestClock } from "effect"
import * as AbortableHttpClient from "../src/AbortableHttpClient.js"
import * as AgentPhoneClient from "../src/AgentPhoneClient.js"
import * as Agents from "../src/Agents.js"
import * as Messages from "../src/Messages.js"
import * as TestTracer from "./utils/TestTracer.js"

// The per-attempt timeout under Effect's live clock, where it does not go through
// `Effect.timeoutFail` (the TestClock-driven tests in AgentPhone.test.ts cover that path).

const apiKey = Redacted.make("sk_live_SECRET_4242")

const overClient = (client: HttpClient.HttpClient, options: Partial<AgentPhoneClient.Options> = {}) =>
  AgentPhoneClient.make({ apiKey, retry: false, ...options }).pipe(
    Effect.provideService(HttpClient.HttpClient, client)
  )

describe("per-attempt timeout (live clock)", () => {
  it.live("an attempt that never answers fails with TimeoutError and is interrupted", () =>
    Effect.gen(function*() {
      const interrupted = yield* Deferred.make<void>()
      const hanging = HttpClient.make(() =>
        Effect.onInterrupt(Effect.never, () => Deferred.succeed(interrupted, void 0))
      )
      const client = yield* overClient(hanging, { timeout: "20 millis" })
      const error = yield* Effect.flip(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      )
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.timeoutMillis, 20)
      // The attempt is interrupted (without the caller waiting for it): this completes.
      yield* Deferred.await(interrupted)
    }))

  it.live("an answer before the deadline is the result; a typed failure passes through", () =>
    Effect.gen(function*() {
      const ok = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, Response.json({ data: [], hasMore: false, total: 0 })))
      )
      const client = yield* overClient(ok, { timeout: "30 seconds" })
      const page = yield* Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      assert.strictEqual(page.total, 0)

      const notFound = HttpClient.make((request) =>
        Effect.succeed(HttpClientResponse.fromWeb(request, Response.json({ detail: "nope" }, { status: 404 })))
      )
      const failing = yield* overClient(notFound, { timeout: "30 seconds" })
      const error = yield* Effect.flip(
        Agents.getAgent({ agent_id: "agent_1" }).pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, failing))
      )
      assert.strictEqual(error._tag, "NotFoundError")
    }))

  it.live("interrupting the caller interrupts the attempt and waits for it to stop", () =>
    Effect.gen(function*() {
      const started = yield* Deferred.make<void>()
      let finalized = false
      const hanging = HttpClient.make(() =>
        Effect.zipRight(
          Deferred.succeed(started, void 0),
          Effect.onInterrupt(Effect.never, () => Effect.sync(() => (finalized = true)))
        )
      )
      const client = yield* overClient(hanging, { timeout: "30 seconds" })
      const fiber = yield* Effect.fork(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      )
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      assert.isTrue(finalized)
    }))

  it.effect("an infinite timeout runs the attempt as it is (no deadline, under any clock)", () =>
    Effect.gen(function*() {
      const started = yield* Deferred.make<void>()
      const hanging = HttpClient.make(() => Effect.zipRight(Deferred.succeed(started, void 0), Effect.never))
      const client = yield* overClient(hanging, { timeout: Duration.infinity })
      const fiber = yield* Effect.fork(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      )
      yield* Deferred.await(started)
      yield* TestClock.adjust("3650 days")
      assert.isUndefined(fiber.unsafePoll() ?? undefined)
      yield* Fiber.interrupt(fiber)
    }))
})

/**
 * A transport that takes an `Abort`: `send` answers a request sent with one (its plain `execute`
 * is never used on this path: it dies, so a test that reaches it fails).
 */
const abortable = (
  send: AbortableHttpClient.ExecuteAbortable,
  plain: (request: HttpClientRequest.HttpClientRequest) => Effect.Effect<HttpClientResponse.HttpClientResponse> = () =>
    Effect.dieMessage("the plain execute ran")
): AbortableHttpClient.AbortableHttpClient =>
  Object.assign(HttpClient.make(plain), { [AbortableHttpClient.TypeId]: send })

const okAgents = (request: HttpClientRequest.HttpClientRequest) =>
  HttpClientResponse.fromWeb(request, Response.json({ data: [], hasMore: false, total: 0 }))

/** Fails with a transport error once `abort` aborts (and never answers before). */
const untilAborted = (request: HttpClientRequest.HttpClientRequest, abort: AbortableHttpClient.Abort) =>
  Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
    abort.onAbort(() =>
      resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: "aborted" })))
    )
  })

describe("per-attempt timeout over a transport that takes an Abort (AbortableHttpClient)", () => {
  it.live("the deadline aborts the request, on the caller's fiber: the call fails with TimeoutError", () =>
    Effect.gen(function*() {
      const seen: Array<{ readonly abort: AbortableHttpClient.Abort; readonly fiber: FiberId.FiberId }> = []
      const client = yield* overClient(
        abortable((request, abort) =>
          Effect.flatMap(Effect.fiberId, (fiber) => {
            seen.push({ abort, fiber })
            return untilAborted(request, abort)
          })
        ),
        { timeout: "20 millis" }
      )
      const caller = yield* Effect.fiberId
      const error = yield* Effect.flip(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      )
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.timeoutMillis, 20)
      assert.strictEqual(seen.length, 1)
      assert.isTrue(seen[0]!.abort.aborted)
      // no fiber per attempt: the transport ran on the caller's fiber
      assert.deepStrictEqual(seen[0]!.fiber, caller)
    }))

  it.live("an answer before the deadline is the result, and its Abort is never aborted", () =>
    Effect.gen(function*() {
      const aborts: Array<AbortableHttpClient.Abort> = []
      const client = yield* overClient(
        abortable((request, abort) => {
          aborts.push(abort)
          return Effect.succeed(okAgents(request))
        }),
        { timeout: "30 seconds" }
      )
      const page = yield* Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      assert.strictEqual(page.total, 0)
      assert.strictEqual(aborts.length, 1)
      assert.isFalse(aborts[0]!.aborted)
    }))

  it.live("failures before the deadline are what they are: a 404 is NotFoundError, a transport failure TransportError", () =>
    Effect.gen(function*() {
      const notFound = yield* overClient(
        abortable((request) =>
          Effect.succeed(HttpClientResponse.fromWeb(request, Response.json({ detail: "nope" }, { status: 404 })))
        ),
        { timeout: "30 seconds" }
      )
      const missing = yield* Effect.flip(
        Agents.getAgent({ agent_id: "agent_1" }).pipe(
          Effect.provideService(AgentPhoneClient.AgentPhoneClient, notFound)
        )
      )
      assert.strictEqual(missing._tag, "NotFoundError")

      const refused = yield* overClient(
        abortable((request) =>
          Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause: "refused" }))
        ),
        { timeout: "30 seconds" }
      )
      const unreachable = yield* Effect.flip(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, refused))
      )
      assert.strictEqual(unreachable._tag, "TransportError")
    }))

  it.live("a timed-out attempt is retried with an Abort of its own", () =>
    Effect.gen(function*() {
      const aborts: Array<AbortableHttpClient.Abort> = []
      const client = yield* AgentPhoneClient.make({
        apiKey,
        timeout: "20 millis",
        retry: { times: 1, baseDelay: "1 millis" }
      }).pipe(
        Effect.provideService(
          HttpClient.HttpClient,
          abortable((request, abort) => {
            aborts.push(abort)
            return aborts.length === 1 ? untilAborted(request, abort) : Effect.succeed(okAgents(request))
          })
        )
      )
      const page = yield* Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      assert.strictEqual(page.total, 0)
      assert.strictEqual(aborts.length, 2)
      assert.notStrictEqual(aborts[0], aborts[1])
      assert.deepStrictEqual(aborts.map((a) => a.aborted), [true, false])
    }))

  it.live("interrupting the caller interrupts the transport's request", () =>
    Effect.gen(function*() {
      const started = yield* Deferred.make<void>()
      const stopped = yield* Deferred.make<void>()
      const client = yield* overClient(
        abortable(() =>
          Effect.zipRight(
            Deferred.succeed(started, void 0),
            Effect.onInterrupt(Effect.never, () => Deferred.succeed(stopped, void 0))
          )
        ),
        { timeout: "30 seconds" }
      )
      const fiber = yield* Effect.fork(
        Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      )
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      assert.isTrue(yield* Deferred.isDone(stopped))
    }))

  it.live("a client derived from it (its middleware) is not abortable: the fiber-based deadline covers it", () =>
    Effect.gen(function*() {
      const base = abortable(
        () => Effect.dieMessage("the Abort method ran"),
        (request) => Effect.succeed(okAgents(request))
      )
      const derived = HttpClient.mapRequest(base, HttpClientRequest.setHeader("x-test", "1"))
      assert.isTrue(AbortableHttpClient.isAbortable(base))
      assert.isFalse(AbortableHttpClient.isAbortable(derived))
      const client = yield* overClient(derived, { timeout: "30 seconds" })
      const page = yield* Agents.listAgents().pipe(Effect.provideService(AgentPhoneClient.AgentPhoneClient, client))
      assert.strictEqual(page.total, 0)
    }))

  it.live("a POST is sent under an Abort too (its body with it)", () =>
    Effect.gen(function*() {
      const bodies: Array<unknown> = []
      const client = yield* overClient(
        abortable((request) => {
          bodies.push(
            request.body._tag === "Uint8Array"
              ? JSON.parse(new TextDecoder().decode(request.body.body))
              : request.body._tag
          )
          return Effect.succeed(HttpClientResponse.fromWeb(request, Response.json({ id: "msg_1", status: "queued" })))
        }),
        { timeout: "30 seconds" }
      )
      yield* Effect.exit(
        Messages.sendMessage({ to_number: "+14155550123", body: "hi" }).pipe(
          Effect.provideService(AgentPhoneClient.AgentPhoneClient, client)
        )
      )
      assert.deepStrictEqual(bodies, [{ to_number: "+14155550123", body: "hi" }])
    }))

  it.live("the call's span ends with the call's exit: its value as void, a timeout, an interruption", () =>
    Effect.gen(function*() {
      const { spans, tracer } = TestTracer.recording()
      const started = yield* Deferred.make<void>()
      let calls = 0
      const client = yield* overClient(
        abortable((request, abort) => {
          calls++
          if (calls === 1) return Effect.succeed(okAgents(request))
          if (calls === 2) return untilAborted(request, abort)
          return Effect.zipRight(Deferred.succeed(started, void 0), Effect.never)
        }),
        { timeout: "20 millis" }
      )
      const call = Agents.listAgents().pipe(
        Effect.provideService(AgentPhoneClient.AgentPhoneClient, client),
        Effect.withTracer(tracer)
      )
      yield* call
      const timedOut = yield* Effect.flip(call)
      assert.strictEqual(timedOut._tag, "TimeoutError")
      const fiber = yield* Effect.fork(call)
      yield* Deferred.await(started)
      yield* Fiber.interrupt(fiber)
      assert.deepStrictEqual(spans.map((span) => span.name), Array(3).fill("AgentPhone.agents.listAgents"))
      assert.deepStrictEqual(spans[0]!.exit, Exit.void)
      assert.isTrue(spans[1]!.exit !== undefined && Exit.isFailure(spans[1]!.exit))
      assert.isTrue(spans[2]!.exit !== undefined && Exit.isInterrupted(spans[2]!.exit))
      assert.strictEqual(spans[0]!.attributes.get("http.request.method"), "GET")
      assert.strictEqual(spans[0]!.attributes.get("http.response.status_code"), 200)
    }))
})
