/**
 * Faults between the client and the server: 429 storms with `Retry-After`, 5xx bursts, responses
 * slower than the timeout (sandbox fault injection), and connection resets before / after the
 * request reaches the server and truncated bodies (a TCP fault proxy). Every call ends in a value
 * or the right typed error within the retry budget (attempts are counted, never timed), and a POST
 * is never executed twice unless the caller opted in.
 */
import type { AgentPhone } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Harness from "./utils/Harness.js"

const figures = new Harness.Figures()
afterAll(() => figures.print("faults"))

/** A small, fast policy: 2 retries (3 attempts), 1 ms backoff. */
const policy = { times: 2, baseDelay: "1 millis", maxDelay: "5 millis" } as const
const budget = policy.times + 1

/** An agent with a number (set up with no fault active, not through the proxy). */
const setup = (h: Harness.Harness) =>
  Effect.gen(function*() {
    const agent = yield* h.direct.agents.createAgent({ name: "Faulty" })
    yield* h.direct.numbers.createNumber({ agentId: agent.id })
    return agent.id
  })

let sent = 0
/** Send one uniquely-bodied message; returns its exit, attempts and how many copies were stored. */
const send = (h: Harness.Harness, agentId: string, options: AgentPhone.RequestOptions = {}) =>
  Effect.gen(function*() {
    const label = `send-${++sent}`
    const exit = yield* Effect.exit(
      h.ap.messages.sendMessage(
        { agent_id: agentId, to_number: "+14155550177", body: label },
        Harness.op(label, options)
      )
    )
    const attempts = h.attempts(label)
    const stored = Array.from(h.sandbox.store.root.messages.values()).filter((m) => m.body === label).length
    figures.record(exit, attempts)
    return { exit, attempts, stored, tag: Harness.tagOf(exit) }
  })

let contacts = 0
const createContact = (h: Harness.Harness, options: AgentPhone.RequestOptions = {}) =>
  Effect.gen(function*() {
    const label = `contact-${++contacts}`
    const phone = `+1415555${String(1000 + contacts).padStart(4, "0")}`
    const exit = yield* Effect.exit(
      h.ap.contacts.createContact({ phoneNumber: phone, name: label }, Harness.op(label, options))
    )
    const attempts = h.attempts(label)
    const stored = Array.from(h.sandbox.store.root.contacts.values()).filter((c) => c.name === label).length
    figures.record(exit, attempts)
    return { exit, attempts, stored, tag: Harness.tagOf(exit) }
  })

let reads = 0
const getAgent = (h: Harness.Harness, agentId: string, options: AgentPhone.RequestOptions = {}) =>
  Effect.gen(function*() {
    const label = `get-${++reads}`
    const exit = yield* Effect.exit(h.ap.agents.getAgent({ agent_id: agentId }, Harness.op(label, options)))
    const attempts = h.attempts(label)
    figures.record(exit, attempts)
    return { exit, attempts, tag: Harness.tagOf(exit) }
  })

/** Duplicates: copies stored beyond the first, when the caller did not opt in. */
const noDuplicate = (r: { readonly stored: number }) => {
  figures.duplicates += Math.max(0, r.stored - 1)
  assert.isAtMost(r.stored, 1)
}

describe("faults (sandbox fault injection)", () => {
  it.live("a 429 storm with Retry-After: every read succeeds or fails RateLimitedError within the budget", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: { ...policy, times: 3 } })
      const agentId = yield* setup(h)
      yield* Sandbox.setFaults({ rateLimit: { rate: 0.6, retryAfterSeconds: 0 } })
      const results = yield* Effect.forEach(Array.from({ length: 60 }), () => getAgent(h, agentId), {
        concurrency: 8
      })
      let retried = 0
      for (const r of results) {
        if (r.tag === "Success") assert.isAtMost(r.attempts, 4)
        else {
          assert.strictEqual(r.tag, "RateLimitedError")
          assert.strictEqual(r.attempts, 4)
        }
        if (r.attempts > 1) retried++
      }
      assert.isAbove(retried, 0)
      assert.isAbove(results.filter((r) => r.tag === "Success").length, 0)
      figures.extra["storm429.calls"] = results.length
      figures.extra["storm429.retriedCalls"] = retried
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(101))))

  it.live("a Retry-After beyond maxRetryAfter is capped, so the retry time stays bounded", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: { ...policy, maxRetryAfter: "2 millis" } })
      const agentId = yield* setup(h)
      yield* Sandbox.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: 3600, times: 1 } })
      const r = yield* getAgent(h, agentId)
      assert.strictEqual(r.tag, "Success")
      assert.strictEqual(r.attempts, 2)
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(102))))

  it.live("a 5xx burst: reads recover inside the budget, fail ServerError past it", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy })
      const agentId = yield* setup(h)
      yield* Sandbox.setFaults({ serverError: { rate: 1, status: 502, times: policy.times } })
      const recovered = yield* getAgent(h, agentId)
      assert.strictEqual(recovered.tag, "Success")
      assert.strictEqual(recovered.attempts, budget)
      yield* Sandbox.setFaults({ serverError: { rate: 1, status: 503 } })
      const failed = yield* getAgent(h, agentId)
      assert.strictEqual(failed.tag, "ServerError")
      assert.strictEqual(failed.attempts, budget)
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(103))))

  it.live("a POST under 429 / 5xx is sent once unless the caller opts in; with opt-in it is retried", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy })
      const agentId = yield* setup(h)
      yield* Sandbox.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: 0, times: 1 } })
      const limited = yield* send(h, agentId)
      assert.deepStrictEqual([limited.tag, limited.attempts, limited.stored], ["RateLimitedError", 1, 0])
      yield* Sandbox.setFaults({ serverError: { rate: 1, times: 1 } })
      const broken = yield* createContact(h)
      assert.deepStrictEqual([broken.tag, broken.attempts, broken.stored], ["ServerError", 1, 0])

      const optIn = { retry: { retryNonIdempotent: true } }
      yield* Sandbox.setFaults({ serverError: { rate: 1, times: 2 } })
      const retried = yield* send(h, agentId, optIn)
      assert.deepStrictEqual([retried.tag, retried.attempts, retried.stored], ["Success", 3, 1])
      yield* Sandbox.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: 0, times: 1 } })
      const contact = yield* createContact(h, optIn)
      assert.deepStrictEqual([contact.tag, contact.attempts, contact.stored], ["Success", 2, 1])
      for (const r of [limited, broken, retried, contact]) noDuplicate(r)
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(104))))

  it.live("responses slower than the timeout: TimeoutError after the budget (reads) or one attempt (POST)", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy, timeout: "150 millis" })
      const agentId = yield* setup(h)
      yield* Sandbox.setFaults({ latency: { rate: 1, millis: 20_000 } })
      const read = yield* getAgent(h, agentId)
      assert.deepStrictEqual([read.tag, read.attempts], ["TimeoutError", budget])
      const post = yield* send(h, agentId)
      assert.deepStrictEqual([post.tag, post.attempts], ["TimeoutError", 1])
      noDuplicate(post)
      yield* Sandbox.clearFaults
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(105))))
})

describe("faults (TCP fault proxy)", () => {
  it.live("a reset before the request reaches the server: reads retry; a POST is not resent unless opted in", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy })
      const agentId = yield* setup(h)
      h.proxy.set("resetBefore", policy.times)
      const recovered = yield* getAgent(h, agentId)
      assert.deepStrictEqual([recovered.tag, recovered.attempts], ["Success", budget])
      h.proxy.set("resetBefore")
      const failed = yield* getAgent(h, agentId)
      assert.deepStrictEqual([failed.tag, failed.attempts], ["TransportError", budget])

      h.proxy.set("resetBefore", 1)
      const once = yield* send(h, agentId)
      assert.deepStrictEqual([once.tag, once.attempts, once.stored], ["TransportError", 1, 0])
      h.proxy.set("resetBefore", 1)
      const optedIn = yield* send(h, agentId, { retry: { retryNonIdempotent: true } })
      assert.deepStrictEqual([optedIn.tag, optedIn.attempts, optedIn.stored], ["Success", 2, 1])
      for (const r of [once, optedIn]) noDuplicate(r)
      figures.extra["proxy.resetBefore"] = h.proxy.stats.resetBefore
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(106))))

  it.live("a reset after the server processed the request: a POST is executed once and reported lost", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy })
      const agentId = yield* setup(h)
      h.proxy.set("resetAfter", policy.times)
      const recovered = yield* getAgent(h, agentId)
      assert.deepStrictEqual([recovered.tag, recovered.attempts], ["Success", budget])

      h.proxy.set("resetAfter", 1)
      const message = yield* send(h, agentId)
      assert.deepStrictEqual([message.tag, message.attempts, message.stored], ["TransportError", 1, 1])
      h.proxy.set("resetAfter", 1)
      const contact = yield* createContact(h)
      assert.deepStrictEqual([contact.tag, contact.attempts, contact.stored], ["TransportError", 1, 1])
      for (const r of [message, contact]) noDuplicate(r)

      // Opting in retries the POST: the server now holds two copies of the message (this is why it
      // is opt-in), and a second createContact for the same number answers 409.
      h.proxy.set("resetAfter", 1)
      const optIn = { retry: { retryNonIdempotent: true } }
      const twice = yield* send(h, agentId, optIn)
      assert.deepStrictEqual([twice.tag, twice.attempts, twice.stored], ["Success", 2, 2])
      h.proxy.set("resetAfter", 1)
      const conflict = yield* createContact(h, optIn)
      assert.deepStrictEqual([conflict.tag, conflict.attempts, conflict.stored], ["ConflictError", 2, 1])
      figures.extra["optIn.resetAfter.storedCopies"] = twice.stored
      figures.extra["proxy.resetAfter"] = h.proxy.stats.resetAfter
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(107))))

  it.live("a truncated body: reads retry then fail TransportError; a POST is not resent", () =>
    Effect.gen(function*() {
      const h = yield* Harness.make({ retry: policy })
      const agentId = yield* setup(h)
      h.proxy.set("truncate", policy.times)
      const recovered = yield* getAgent(h, agentId)
      assert.deepStrictEqual([recovered.tag, recovered.attempts], ["Success", budget])
      h.proxy.set("truncate")
      const failed = yield* getAgent(h, agentId)
      assert.deepStrictEqual([failed.tag, failed.attempts], ["TransportError", budget])
      h.proxy.set("truncate", 1)
      const post = yield* send(h, agentId)
      assert.deepStrictEqual([post.tag, post.attempts, post.stored], ["TransportError", 1, 1])
      noDuplicate(post)
      figures.extra["proxy.truncated"] = h.proxy.stats.truncated
    }).pipe(Effect.scoped, Effect.provide(Harness.SandboxLive(108))))
})
