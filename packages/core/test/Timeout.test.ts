import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Duration, Effect, Exit, Fiber, Redacted, TestClock } from "effect"
import * as AgentPhoneClient from "../src/AgentPhoneClient.js"
import * as Agents from "../src/Agents.js"

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
