import { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { ConfigProvider, Effect, Fiber, Layer, Logger, Redacted, TestClock } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import * as TestServer from "./utils/TestServer.js"

const apiKey = Redacted.make("sk_live_SECRET_4242")

const agent = {
  id: "agent_1",
  name: "Support",
  description: null,
  voiceMode: "webhook",
  voice: "11labs-Rachel",
  createdAt: "2026-01-01T00:00:00Z"
}

/** The service over a real local server. */
const overServer = (handler: Parameters<typeof TestServer.make>[0], options: Partial<AgentPhone.Options> = {}) =>
  Effect.gen(function*() {
    const server = yield* TestServer.make(handler)
    const ap = yield* AgentPhone.make({ apiKey, baseUrl: server.url, ...options }).pipe(
      Effect.provide(FetchHttpClient.layer)
    )
    return { server, ap }
  })

/** The service over a scripted transport (no sockets): for TestClock-driven tests. */
const scripted = (replies: Array<() => Response>, options: Partial<AgentPhone.Options> = {}) => {
  const seen: Array<string> = []
  const client = HttpClient.make((request) => {
    seen.push(request.method)
    const next = replies[Math.min(seen.length - 1, replies.length - 1)]
    return Effect.succeed(HttpClientResponse.fromWeb(request, next()))
  })
  return Effect.map(
    AgentPhone.make({ apiKey, ...options }).pipe(Effect.provideService(HttpClient.HttpClient, client)),
    (ap) => ({ ap, seen })
  )
}

describe("typed errors from real HTTP responses", () => {
  const cases: Array<[number, unknown, string, Record<string, string>?]> = [
    [422, { detail: [{ loc: ["body", "name"], msg: "Field required", type: "missing" }] }, "ValidationError"],
    [401, { detail: "Invalid API key" }, "UnauthorizedError"],
    [403, { detail: "Forbidden" }, "UnauthorizedError"],
    [404, { detail: "Agent not found" }, "NotFoundError"],
    [409, { detail: "Contact already exists" }, "ConflictError"],
    [429, { error: { message: "Rate limit exceeded", code: "RATE_LIMIT_EXCEEDED" } }, "RateLimitedError", {
      "retry-after": "7"
    }],
    [500, "<html>oops</html>", "ServerError"],
    [503, { detail: "Unavailable" }, "ServerError"],
    [402, { error: { message: "Insufficient balance", code: "INSUFFICIENT_BALANCE" } }, "ApiError"]
  ]
  for (const [status, body, tag, headers] of cases) {
    it.scoped(`${status} → ${tag}`, () =>
      Effect.gen(function*() {
        const { ap, server } = yield* overServer(() => ({ status, body, ...(headers ? { headers } : {}) }), {
          retry: false
        })
        const error = yield* Effect.flip(ap.agents.getAgent({ agent_id: "agent_1" }))
        assert.strictEqual(error._tag, tag)
        assert.strictEqual(server.requests.length, 1)
        assert.include(error.message, "agents.getAgent")
        assert.include(error.message, "/v1/agents/agent_1")
        if (error._tag === "ValidationError") {
          assert.deepStrictEqual(error.issues[0].loc, ["body", "name"])
          assert.include(error.message, "body.name: Field required")
        }
        if (error._tag === "RateLimitedError") {
          assert.strictEqual(error.retryAfterMillis, 7000)
          assert.strictEqual(error.code, "RATE_LIMIT_EXCEEDED")
          assert.isFalse(error.quota)
        }
        if (error._tag === "ServerError" && status === 500) assert.strictEqual(error.body, "<html>oops</html>")
        if (error._tag === "ApiError") assert.strictEqual(error.code, "INSUFFICIENT_BALANCE")
      }))
  }

  it.scoped("a body that breaks the documented shape → DecodeError naming the field", () =>
    Effect.gen(function*() {
      const { ap } = yield* overServer(() => ({ body: { ...agent, createdAt: 42 } }))
      const error = yield* Effect.flip(ap.agents.getAgent({ agent_id: "agent_1" }))
      assert.strictEqual(error._tag, "DecodeError")
      if (error._tag === "DecodeError") {
        assert.deepStrictEqual(error.issues[0].loc, ["createdAt"])
        assert.include(error.message, "agents.getAgent")
      }
    }))

  it.scoped("extra fields and unknown enum values decode (forward compatible)", () =>
    Effect.gen(function*() {
      const { ap } = yield* overServer(() => ({ body: { ...agent, voiceMode: "sip-trunk", brandNew: { x: 1 } } }))
      const got = yield* ap.agents.getAgent({ agent_id: "agent_1" })
      assert.strictEqual(got.voiceMode, "sip-trunk")
      assert.deepStrictEqual((got as unknown as Record<string, unknown>).brandNew, { x: 1 })
    }))

  it.scoped("connection refused → TransportError", () =>
    Effect.gen(function*() {
      const { server } = yield* overServer(() => ({}))
      const url = server.url
      yield* Effect.promise(() => new Promise<void>((r) => server.server.close(() => r())))
      const ap = yield* AgentPhone.make({ apiKey, baseUrl: url, retry: false }).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      const error = yield* Effect.flip(ap.agents.listAgents())
      assert.strictEqual(error._tag, "TransportError")
    }))

  it.scoped("a request that breaks its type fails before any I/O, naming the field", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* overServer(() => ({ body: agent }))
      const missing = yield* Effect.flip(ap.contacts.createContact({ name: "Ann" } as never))
      assert.strictEqual(missing._tag, "InvalidRequestError")
      assert.include(missing.message, "phoneNumber")
      const badRange = yield* Effect.flip(ap.agents.createAgent({ name: "x", voiceSpeed: 9 }))
      assert.strictEqual(badRange._tag, "InvalidRequestError")
      assert.include(badRange.message, "voiceSpeed")
      const dotDot = yield* Effect.flip(ap.agents.getAgent({ agent_id: ".." }))
      assert.strictEqual(dotDot._tag, "InvalidRequestError")
      const empty = yield* Effect.flip(ap.contacts.getContact({ contact_id: "" }))
      assert.strictEqual(empty._tag, "InvalidRequestError")
      assert.strictEqual(server.requests.length, 0)
    }))

  it.scoped("path parameters are percent-encoded and cannot reach another endpoint", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* overServer(() => ({ body: agent }))
      yield* ap.agents.getAgent({ agent_id: "../contacts?x=1#y é" })
      assert.strictEqual(server.requests[0].path, "/v1/agents/..%2Fcontacts%3Fx%3D1%23y%20%C3%A9")
    }))
})

describe("retries", () => {
  it.effect("GET: retried twice on 503 with backoff driven by TestClock, then fails", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([() => new Response(null, { status: 503 })])
      const fiber = yield* Effect.fork(Effect.flip(ap.agents.listAgents()))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(seen.length, 3)
    }))

  it.effect("GET: succeeds on the third attempt", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([
        () => new Response(null, { status: 502 }),
        () => Response.json({ detail: "slow down" }, { status: 429 }),
        () => Response.json({ data: [agent], total: 1 })
      ])
      const fiber = yield* Effect.fork(ap.agents.listAgents())
      yield* TestClock.adjust("1 minute")
      const page = yield* Fiber.join(fiber)
      assert.strictEqual(page.total, 1)
      assert.strictEqual(seen.length, 3)
    }))

  it.effect("POST is not retried by default", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([() => new Response(null, { status: 503 })])
      const error = yield* Effect.flip(ap.contacts.createContact({ phoneNumber: "+14155550100", name: "Ann" }))
      assert.strictEqual(error._tag, "ServerError")
      assert.strictEqual(seen.length, 1)
    }))

  it.effect("POST is retried when the caller opts in", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([() => new Response(null, { status: 503 })])
      const fiber = yield* Effect.fork(Effect.flip(
        ap.contacts.createContact({ phoneNumber: "+14155550100", name: "Ann" }, { retry: { retryNonIdempotent: true } })
      ))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      assert.strictEqual(seen.length, 3)
    }))

  it.effect("Retry-After (seconds) is honoured: no retry before it elapses", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([
        () => new Response(null, { status: 429, headers: { "retry-after": "30" } }),
        () => Response.json({ data: [], total: 0 })
      ])
      const fiber = yield* Effect.fork(ap.agents.listAgents())
      yield* TestClock.adjust("29 seconds")
      assert.strictEqual(seen.length, 1)
      yield* TestClock.adjust("1 second")
      const page = yield* Fiber.join(fiber)
      assert.strictEqual(page.total, 0)
      assert.strictEqual(seen.length, 2)
    }))

  it.effect("Retry-After as an HTTP date, capped at maxRetryAfter", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([
        () =>
          new Response(null, { status: 429, headers: { "retry-after": new Date(Date.UTC(2030, 0, 1)).toUTCString() } }),
        () => Response.json({ data: [], total: 0 })
      ], { retry: { maxRetryAfter: "5 seconds" } })
      const fiber = yield* Effect.fork(ap.agents.listAgents())
      yield* TestClock.adjust("4 seconds")
      assert.strictEqual(seen.length, 1)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(fiber)
      assert.strictEqual(seen.length, 2)
    }))

  it.effect("quota 429s are not retried", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([
        () => Response.json({ error: { message: "limit", code: "OUTBOUND_LIMIT_REACHED" } }, { status: 429 })
      ])
      const error = yield* Effect.flip(ap.agents.listAgents())
      assert.strictEqual(error._tag, "RateLimitedError")
      if (error._tag === "RateLimitedError") assert.isTrue(error.quota)
      assert.strictEqual(seen.length, 1)
    }))

  it.effect("404 is not retried; retry: false disables retries per call", () =>
    Effect.gen(function*() {
      const notFound = yield* scripted([() => Response.json({ detail: "nope" }, { status: 404 })])
      yield* Effect.flip(notFound.ap.agents.listAgents())
      assert.strictEqual(notFound.seen.length, 1)
      const off = yield* scripted([() => new Response(null, { status: 500 })])
      yield* Effect.flip(off.ap.agents.listAgents(undefined, { retry: false }))
      assert.strictEqual(off.seen.length, 1)
    }))

  it.effect("layer-level retry policy: times", () =>
    Effect.gen(function*() {
      const { ap, seen } = yield* scripted([() => new Response(null, { status: 500 })], { retry: { times: 4 } })
      const fiber = yield* Effect.fork(Effect.flip(ap.agents.listAgents()))
      yield* TestClock.adjust("10 minutes")
      yield* Fiber.join(fiber)
      assert.strictEqual(seen.length, 5)
    }))
})

describe("timeouts", () => {
  const hanging = HttpClient.make(() => Effect.never)
  it.effect("each attempt times out (default 60 s) with TimeoutError", () =>
    Effect.gen(function*() {
      const ap = yield* AgentPhone.make({ apiKey, retry: false }).pipe(
        Effect.provideService(HttpClient.HttpClient, hanging)
      )
      const fiber = yield* Effect.fork(Effect.flip(ap.agents.listAgents()))
      yield* TestClock.adjust("59 seconds")
      assert.isUndefined(fiber.unsafePoll() ?? undefined)
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
      if (error._tag === "TimeoutError") assert.strictEqual(error.timeoutMillis, 60000)
    }))

  it.effect("per-call timeout wins; timeouts are retried for GET", () =>
    Effect.gen(function*() {
      let attempts = 0
      const client = HttpClient.make(() => Effect.suspend(() => (attempts++, Effect.never)))
      const ap = yield* AgentPhone.make({ apiKey }).pipe(Effect.provideService(HttpClient.HttpClient, client))
      const fiber = yield* Effect.fork(Effect.flip(ap.agents.listAgents({}, { timeout: "1 second" })))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      assert.strictEqual(error._tag, "TimeoutError")
      assert.strictEqual(attempts, 3)
    }))
})

describe("secrets", () => {
  it.scoped("the API key never appears in errors, toString, JSON or logs", () =>
    Effect.gen(function*() {
      const logs: Array<string> = []
      const logger = Logger.make(({ message, annotations }) => logs.push(JSON.stringify({ message, annotations })))
      const { ap } = yield* overServer(() => ({ status: 401, body: { detail: "Invalid API key" } }))
      const error = yield* Effect.flip(ap.agents.listAgents()).pipe(
        Effect.tap((e) => Effect.logError("failed", e)),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      const renderings = [error.message, String(error), JSON.stringify(error), JSON.stringify(ap.config), ...logs]
      for (const text of renderings) assert.notInclude(text, "SECRET_4242")
      assert.strictEqual(String(ap.config.apiKey), "<redacted>")
    }))

  it.scoped("the key is sent as a bearer token", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* overServer(() => ({ body: { data: [], total: 0 } }))
      yield* ap.agents.listAgents()
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer sk_live_SECRET_4242")
    }))
})

describe("sub-accounts and options", () => {
  it.scoped("withSubAccount sets X-Sub-Account-Id on any endpoint; the request's own property wins", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* overServer((r) =>
        r.path.startsWith("/v1/contacts/")
          ? { body: { id: "c", phoneNumber: "+1", name: "n", createdAt: "t", updatedAt: "t" } }
          : { body: { data: [], total: 0 } }
      )
      yield* ap.contacts.getContact({ contact_id: "c" }).pipe(AgentPhone.withSubAccount("sub_1"))
      yield* ap.agents.listAgents({ "X-Sub-Account-Id": "sub_2" }).pipe(AgentPhone.withSubAccount("sub_1"))
      yield* ap.agents.listAgents({}, { subAccountId: "sub_3" })
      yield* ap.agents.listAgents()
      assert.deepStrictEqual(server.requests.map((r) => r.headers["x-sub-account-id"]), [
        "sub_1",
        "sub_2",
        "sub_3",
        undefined
      ])
    }))

  it.scoped("queryParams append after the endpoint's own query", () =>
    Effect.gen(function*() {
      const { ap, server } = yield* overServer(() => ({ body: { data: [], total: 0 } }))
      yield* ap.agents.listAgents({ offset: 20 }, { queryParams: { limit: 50 } })
      assert.deepStrictEqual(server.requests[0].query, [["offset", "20"], ["limit", "50"]])
    }))

  it.effect("layerConfig reads AGENTPHONE_API_KEY and AGENTPHONE_BASE_URL", () =>
    Effect.gen(function*() {
      const ap = yield* AgentPhone.AgentPhone
      assert.strictEqual(ap.config.baseUrl, "http://127.0.0.1:9/prefix")
      assert.strictEqual(Redacted.value(ap.config.apiKey), "from-env")
    }).pipe(
      Effect.provide(
        AgentPhone.layerConfig().pipe(
          Layer.provide(FetchHttpClient.layer),
          Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(
            new Map([["AGENTPHONE_API_KEY", "from-env"], ["AGENTPHONE_BASE_URL", "http://127.0.0.1:9/prefix/"]])
          )))
        )
      )
    ))
})

describe("a program over AgentPhone.layer + FetchHttpClient.layer", () => {
  it.scoped("lists agents and creates a contact against a local server", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((r) =>
        r.method === "GET"
          ? { body: { data: [agent], total: 1 } }
          : {
            status: 201,
            body: { id: "contact_1", ...JSON.parse(r.rawBody ?? "{}"), createdAt: "t", updatedAt: "t" }
          }
      )
      const program = Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        const agents = yield* ap.agents.listAgents()
        const contact = yield* ap.contacts.createContact({ phoneNumber: "+14155550123", name: "Ann" })
        return { agents, contact }
      })
      const { agents, contact } = yield* program.pipe(
        Effect.provide(AgentPhone.layer({ apiKey, baseUrl: server.url }).pipe(Layer.provide(FetchHttpClient.layer)))
      )
      assert.strictEqual(agents.data[0].name, "Support")
      assert.strictEqual(contact.id, "contact_1")
      assert.strictEqual(contact.phoneNumber, "+14155550123")
      assert.deepStrictEqual(server.requests.map((r) => `${r.method} ${r.path}`), [
        "GET /v1/agents",
        "POST /v1/contacts"
      ])
    }))
})
