/**
 * Hostile input against every response decoder and every path parameter of the client: each case
 * ends in a value or a typed error — never a thrown defect, a hang, or a request to another endpoint.
 */
import { AgentPhone, AgentPhoneError, Endpoint } from "@agentphone-effect/core"
import { Sse, TranscriptEvent } from "@agentphone-effect/transcripts"
import { Webhook } from "@agentphone-effect/webhooks"
import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Either, Exit, Option, Redacted } from "effect"
import * as fc from "fast-check"
import * as TestServer from "../../../packages/core/test/utils/TestServer.js"

const endpoints: ReadonlyArray<Endpoint.Endpoint<unknown, unknown>> = Object.values(AgentPhone.groups).flatMap((
  group
) => Object.values(group as Record<string, Endpoint.Endpoint<unknown, unknown>>))

const jsonEndpoints = endpoints.filter((e) => e.response._tag === "Json" || e.response._tag === "JsonOrNull")

/** Text an attacker (or a broken proxy) could send as a response body. */
const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify({ data: [v], total: v, hasMore: v, id: v })),
  fc.constantFrom(
    "{\"__proto__\":{\"id\":\"x\",\"total\":1,\"data\":[]}}",
    "{\"constructor\":{\"prototype\":{\"polluted\":true}}}",
    "[".repeat(100_000),
    "[".repeat(50_000) + "]".repeat(50_000),
    "{\"a\":" + "\"x\"".padEnd(1_000_000, " ") + "}",
    "\uFFFD\uD800\uDC00\uD800",
    "null",
    "",
    "\"just a string\""
  ),
  fc.nat({ max: 200 }).map((n) => "{\"data\":".repeat(n) + "[]" + "}".repeat(n))
)

describe("hostile response bodies", () => {
  it(`every JSON decoder (${jsonEndpoints.length} endpoints) returns a value or issues, never throws`, () => {
    fc.assert(
      fc.property(fc.nat({ max: jsonEndpoints.length - 1 }), hostileText, (index, text) => {
        const result = jsonEndpoints[index].decode(text)
        assert.isTrue(Either.isEither(result))
        if (Either.isLeft(result)) assert.isAbove(result.left.length, 0)
      }),
      { numRuns: 1500 }
    )
    assert.isUndefined(({} as Record<string, unknown>).polluted)
  })

  it("a __proto__ key never becomes the prototype of a decoded model", () => {
    for (const endpoint of jsonEndpoints) {
      const result = endpoint.decode("{\"__proto__\":{\"polluted\":true},\"data\":[],\"total\":0,\"hasMore\":false}")
      if (Either.isRight(result) && typeof result.right === "object" && result.right !== null) {
        assert.isUndefined((result.right as Record<string, unknown>).polluted, endpoint.name)
      }
    }
    assert.isUndefined(({} as Record<string, unknown>).polluted)
  })
})

describe("hostile path parameters", () => {
  const withPathParams = endpoints.filter((e) => e.pathParams.length > 0)
  const hostileId = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom(
      "..",
      ".",
      "",
      "/",
      "../agents",
      "a/../../b",
      "?x=1",
      "#frag",
      "a b",
      "é",
      "%2e%2e",
      "%2F",
      "\u0000"
    ),
    fc.array(fc.constantFrom("/", "..", ".", "?", "#", " ", "%", "é", "\\", "a"), { maxLength: 12 }).map((p) =>
      p.join("")
    )
  )

  it(`each of ${withPathParams.length} endpoints: an id stays inside its own path segment, or is refused`, () => {
    fc.assert(
      fc.property(fc.nat({ max: withPathParams.length - 1 }), hostileId, (index, id) => {
        const endpoint = withPathParams[index]
        const request: Record<string, unknown> = {}
        for (const name of endpoint.pathParams) request[name] = id
        // Fill required body/query fields with plausible values where the schema needs them.
        const encoded = endpoint.encode({ ...sampleFields, ...request })
        if (Either.isLeft(encoded)) {
          assert.strictEqual(encoded.left._tag, "InvalidRequestError")
          return
        }
        const url = new URL("https://api.agentphone.ai" + encoded.right.path)
        const want = endpoint.path.split("/").length
        assert.strictEqual(url.pathname.split("/").length, want, `${endpoint.name}: ${JSON.stringify(id)}`)
        assert.strictEqual(url.search, "")
        assert.strictEqual(url.hash, "")
        // The fixed segments of the template are where they belong.
        const got = url.pathname.split("/")
        endpoint.path.split("/").forEach((segment, i) => {
          if (!segment.startsWith("{")) assert.strictEqual(got[i], segment)
          else assert.strictEqual(decodeURIComponent(got[i]), id)
        })
      }),
      { numRuns: 1500 }
    )
  })
})

/** Values for required non-path fields, so that path encoding is what is exercised. */
const sampleFields: Record<string, unknown> = {
  name: "n",
  phoneNumber: "+14155550100",
  numberId: "num_1",
  reaction: "love",
  image_url: "https://example.com/a.png",
  body: { url: "https://example.com/hook" },
  period: "month",
  phone_number: "+14155550100",
  agentId: "agent_1",
  toNumber: "+14155550100"
}

describe("hostile bodies over a real socket", () => {
  const bodies: ReadonlyArray<readonly [number, string | Uint8Array]> = [
    [200, new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])], // invalid UTF-8
    [200, "[".repeat(60_000) + "]".repeat(60_000)],
    [200, "{\"data\":" + "[".repeat(20_000) + "]".repeat(20_000) + ",\"total\":1}"],
    [200, "{\"__proto__\":{\"total\":1},\"data\":[]}"],
    [500, "[".repeat(60_000) + "]".repeat(60_000)],
    [422, "{\"detail\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"],
    [429, "{\"error\":{\"code\":{\"toString\":1}}}"],
    [404, "x".repeat(1_000_000)],
    [200, ""]
  ]
  it.scoped("every hostile body ends in a value or a typed error, never a defect", () =>
    Effect.gen(function*() {
      let i = 0
      const server = yield* TestServer.make(() => {
        const [status, body] = bodies[i++ % bodies.length]
        return { status, body, headers: { "content-type": "application/json" } }
      })
      const ap = yield* AgentPhone.make({ apiKey: Redacted.make("k"), baseUrl: server.url, retry: false }).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      for (let n = 0; n < bodies.length; n++) {
        const exit = yield* Effect.exit(ap.agents.listAgents())
        if (Exit.isFailure(exit)) {
          const failure = Cause.failureOption(exit.cause)
          assert.isTrue(Option.isSome(failure), `defect for body #${n}: ${Cause.pretty(exit.cause).slice(0, 300)}`)
          if (Option.isSome(failure)) {
            assert.isTrue(AgentPhoneError.isAgentPhoneError(failure.value))
            // Rendering the error must not throw either.
            assert.isString(String(failure.value))
            assert.isString(failure.value.message)
          }
        }
      }
    }))
})

describe("hostile transcript streams (SSE parser + event decoding)", () => {
  const sseChunk = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.uint8Array({ maxLength: 512 }).map((b) => new TextDecoder().decode(b)),
    fc.constantFrom(
      "data: {\"__proto__\":{\"role\":\"agent\"},\"content\":\"x\"}\n\n",
      "event: turn\ndata: " + "[".repeat(20_000) + "\n\n",
      "event: turn\ndata: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n\n",
      "event: ended\ndata: {\"constructor\":{\"prototype\":{\"x\":1}}}\n\n",
      "\uFEFF\uFEFFdata: a\r\r\n\n",
      "id: \u0000\nretry: 99999999999999999999\ndata: x\n\n",
      ":".repeat(10_000) + "\n",
      "data:" + "x".repeat(100_000)
    )
  )

  it("any bytes end in events or a typed EventTooLargeError; every event decodes to a TranscriptEvent", () => {
    fc.assert(
      fc.property(fc.array(sseChunk, { maxLength: 20 }), (chunks) => {
        const events: Array<TranscriptEvent.TranscriptEvent> = []
        const parser = Sse.makeParser((event) => events.push(TranscriptEvent.fromSse(event)), {
          maxEventSize: 64 * 1024
        })
        for (const chunk of chunks) {
          const error = parser.feed(new TextEncoder().encode(chunk))
          if (error !== undefined) {
            assert.strictEqual(error._tag, "EventTooLargeError")
            break
          }
        }
        for (const event of events) {
          assert.include(["Turn", "StoredTurn", "Connected", "Ended", "Unknown"], event._tag)
          assert.isUndefined((event as unknown as Record<string, unknown>).x)
        }
      }),
      { numRuns: 600 }
    )
    assert.isUndefined(({} as Record<string, unknown>).x)
  })

  it("a line that never ends is bounded by maxEventSize, not by memory", () => {
    const parser = Sse.makeParser(() => {}, { maxEventSize: 1024 * 1024 })
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024))
    let error: Sse.EventTooLargeError | undefined
    let fed = 0
    while (error === undefined && fed < 64 * 1024 * 1024) {
      error = parser.feed(chunk)
      fed += chunk.length
    }
    assert.isDefined(error)
    assert.isAtMost(fed, 2 * 1024 * 1024)
  })
})

describe("hostile webhook bodies (after a valid signature)", () => {
  it.effect("every body decodes to an event or fails with UndecodableBodyError — never a defect", () =>
    Effect.gen(function*() {
      const bodies = fc.sample(
        fc.oneof(
          hostileText,
          fc.jsonValue().map((data) => JSON.stringify({ event: "agent.message", channel: "sms", data })),
          fc.jsonValue().map((data) => JSON.stringify({ event: "agent.call_ended", channel: "voice", data })),
          fc.constantFrom(
            "{\"event\":\"agent.message\",\"__proto__\":{\"channel\":\"sms\"}}",
            "{\"event\":\"brand.new\",\"__proto__\":{\"polluted\":1}}",
            "{\"event\":\"agent.message\",\"data\":" + "[".repeat(30_000) + "]".repeat(30_000) + "}"
          )
        ),
        600
      )
      for (const body of bodies) {
        const exit = yield* Effect.exit(Webhook.decode(body))
        if (Exit.isFailure(exit)) {
          const failure = Cause.failureOption(exit.cause)
          assert.isTrue(Option.isSome(failure), `defect: ${Cause.pretty(exit.cause).slice(0, 200)}`)
          if (Option.isSome(failure)) assert.strictEqual(failure.value._tag, "UndecodableBodyError")
        } else {
          assert.isUndefined((exit.value[0] as unknown as Record<string, unknown>).polluted)
        }
      }
      assert.isUndefined(({} as Record<string, unknown>).polluted)
    }))
})
