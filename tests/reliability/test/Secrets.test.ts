/**
 * The API key and the webhook secrets never leak: across successful calls, a client error of every
 * tag, webhook verification failures and transcript reconnects, everything observable — every log
 * line (Effect's logger, all levels, the sandbox's own included), every span name, attribute, event
 * and exit (a test Tracer), and every error's message, `toString`, JSON and `util.inspect` — is
 * searched for the secrets and fragments of them. Requests, responses and errors of `ap.httpClient`
 * (what a caller can capture) never show the key either.
 */
import { AgentPhone, Endpoint } from "@agentphone-effect/core"
import { Sandbox } from "@agentphone-effect/sandbox"
import { TranscriptStream } from "@agentphone-effect/transcripts"
import { Webhook, WebhookReceiver, WebhookSigner } from "@agentphone-effect/webhooks"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, LogLevel, Option, Redacted, Schema, Stream } from "effect"
import { inspect } from "node:util"
import * as TestTracer from "../../../packages/core/test/utils/TestTracer.js"
import * as FaultProxy from "./utils/FaultProxy.js"

const apiKey = Redacted.make("sk_live_SECRETKEY_7f3a9c1e5b2d")
const wrongKey = Redacted.make("sk_live_WRONGKEY_4e8d2a6c0f1b")
const webhookSecret = Redacted.make("whsec_SECRETHOOK_9b1d7e3f5a2c")
const otherSecret = Redacted.make("whsec_OTHERHOOK_2c6a0e4b8d1f")
/** Whole values and distinctive fragments (a key cut in half must not show either). */
const needles = [apiKey, wrongKey, webhookSecret, otherSecret].flatMap((r) => {
  const value = Redacted.value(r)
  return [value, value.slice(-12), value.slice(0, 16)]
})

// ---- what we search ---------------------------------------------------------------------------
const observed: Array<string> = []
const show = (value: unknown): string => {
  try {
    return `${String(value)}\n${JSON.stringify(value)}\n${inspect(value, { depth: 8 })}`
  } catch (e) {
    return `${String(value)}\n${inspect(value, { depth: 8 })}\n(JSON failed: ${String(e)})`
  }
}
const observeExit = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isSuccess(exit)) return observed.push(show(exit.value))
  observed.push(Cause.pretty(exit.cause))
  for (const error of Cause.failures(exit.cause)) {
    const e = error as { readonly message?: unknown }
    observed.push(`${String(e.message)}\n${show(error)}`)
  }
}

const logLines: Array<string> = []
const captureLogger = Logger.make((options) => {
  logLines.push(Logger.logfmtLogger.log(options), show(Logger.structuredLogger.log(options)))
})

const { spans, tracer: testTracer } = TestTracer.recording()

const everything = (): Array<string> => [
  ...observed,
  ...logLines,
  ...spans.flatMap((s) => [
    s.name,
    show(Object.fromEntries(s.attributes)),
    show(s.events),
    // a span's failure is exported (status, error); its success value is not (see docs/reliability.md)
    s.exit === undefined || Exit.isSuccess(s.exit) ? "" : Cause.pretty(s.exit.cause)
  ])
]

const figures = { logLines: 0, spans: 0, spanAttributes: 0, errors: 0, tags: new Set<string>() }
afterAll(() => {
  console.log(
    `\n[reliability] secrets\n${
      JSON.stringify(
        {
          logLinesSearched: figures.logLines,
          spansSearched: figures.spans,
          spanAttributesSearched: figures.spanAttributes,
          errorsSearched: figures.errors,
          errorTags: [...figures.tags].sort(),
          leaks: 0
        },
        null,
        2
      )
    }`
  )
})

const assertNoLeak = () => {
  const haystack = everything()
  for (const text of haystack) {
    for (const needle of needles) {
      if (text.includes(needle)) assert.fail(`secret fragment ${needle.slice(0, 6)}… leaked in: ${text.slice(0, 400)}`)
    }
  }
  return haystack.length
}

const Live = Layer.merge(
  Sandbox.layer({
    seed: 404,
    apiKey,
    timing: { turnInterval: "1 millis", hangupDelay: "1 millis", heartbeat: "1 seconds" }
  }),
  NodeHttpClient.layerUndici
)

/** Run, keep the exit (and its error) for the search, return the tag. */
const attempt = <A, E>(effect: Effect.Effect<A, E, never>) =>
  Effect.map(Effect.exit(effect), (exit) => {
    observeExit(exit)
    if (Exit.isFailure(exit)) {
      figures.errors += 1
      const failure = Cause.failureOption(exit.cause)
      const tag = Option.isSome(failure) ? (failure.value as { _tag: string })._tag : "Defect"
      figures.tags.add(tag)
      return tag
    }
    return "Success"
  })

describe("secrets", () => {
  it.live("never appear in logs, spans or errors across calls, errors of every tag, webhooks, transcripts", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.Sandbox
      const http = yield* HttpClient.HttpClient
      const client = (options: Partial<AgentPhone.Options> = {}) =>
        AgentPhone.make({ apiKey, baseUrl: sandbox.baseUrl, retry: false, ...options }).pipe(
          Effect.provideService(HttpClient.HttpClient, http)
        )
      const ap = yield* client({ retry: { times: 1, baseDelay: "1 millis" } })

      // successful calls
      const agent = yield* ap.agents.createAgent({ name: "Keeper" })
      yield* ap.numbers.createNumber({ agentId: agent.id })
      yield* ap.contacts.createContact({ phoneNumber: "+14155550140", name: "Kim" })
      yield* ap.agents.listAgents()
      yield* ap.messages.sendMessage({ agent_id: agent.id, to_number: "+14155550141", body: "hello" })

      // one error of every tag
      const tags: Record<string, string> = {}
      tags.InvalidRequestError = yield* attempt(ap.contacts.getContact({ contact_id: "" }))
      tags.ValidationError = yield* attempt(ap.contacts.createContact({ phoneNumber: "not a number", name: "X" }))
      tags.NotFoundError = yield* attempt(ap.agents.getAgent({ agent_id: "agent_missing" }))
      tags.ConflictError = yield* attempt(ap.contacts.createContact({ phoneNumber: "+14155550140", name: "Again" }))
      tags.UnauthorizedError = yield* attempt(
        Effect.flatMap(client({ apiKey: wrongKey }), (c) => c.agents.listAgents())
      )
      yield* sandbox.setFaults({ rateLimit: { rate: 1, retryAfterSeconds: 0, times: 2 } })
      tags.RateLimitedError = yield* attempt(ap.agents.listAgents())
      yield* sandbox.setFaults({ serverError: { rate: 1, times: 2 } })
      tags.ServerError = yield* attempt(ap.agents.listAgents())
      yield* sandbox.setFaults({ latency: { rate: 1, millis: 20_000, times: 2 } })
      tags.TimeoutError = yield* attempt(ap.agents.listAgents(undefined, { timeout: "100 millis" }))
      yield* sandbox.clearFaults
      const url = new URL(sandbox.baseUrl)
      const proxy = yield* FaultProxy.make({ host: url.hostname, port: Number(url.port) })
      proxy.set("resetBefore")
      tags.TransportError = yield* attempt(
        Effect.flatMap(client({ baseUrl: proxy.url }), (c) => c.agents.listAgents())
      )
      const wrongShape = Endpoint.make("GET", "/v1/agents", {
        response: Endpoint.json(Schema.Struct({ nothingLikeThis: Schema.String }))
      })
      tags.DecodeError = yield* attempt(ap.call(wrongShape, undefined, {}))
      const unknownMethod = Endpoint.make("PUT", "/v1/usage", { response: Endpoint.json(Schema.Unknown) })
      tags.ApiError = yield* attempt(ap.call(unknownMethod, undefined, {}))
      // (the sandbox answers a known path with another method 405, as the API does: an ApiError)
      for (const [expected, got] of Object.entries(tags)) assert.strictEqual(got, expected)

      // webhook verification failures
      const payload = { event: "agent.message", channel: "sms", data: { messageId: "m1" } }
      const now = Math.floor(Date.now() / 1000)
      const good = WebhookSigner.signAt({ secret: webhookSecret, payload, timestamp: now, id: "wh_1" })
      const forged = WebhookSigner.signAt({ secret: otherSecret, payload, timestamp: now, id: "wh_2" })
      const stale = WebhookSigner.signAt({ secret: webhookSecret, payload, timestamp: now - 3600, id: "wh_3" })
      yield* attempt(Webhook.verify(forged.body, forged.headers, webhookSecret))
      yield* attempt(Webhook.verify(stale.body, stale.headers, [webhookSecret, otherSecret]))
      yield* attempt(Webhook.verify(good.body, {}, webhookSecret))
      yield* attempt(Webhook.verify(`${good.body} `, good.headers, webhookSecret))
      yield* attempt(Webhook.verify("{not json", good.headers, webhookSecret))
      const handler = WebhookReceiver.toFetchHandler({ secrets: webhookSecret }, () => Effect.void)
      for (const delivery of [forged, stale]) {
        const text = yield* Effect.promise(async () => {
          const response = await handler(WebhookSigner.toRequest("http://127.0.0.1/hooks", delivery))
          return `${response.status} ${await response.text()}`
        })
        observed.push(text)
      }

      // transcript reconnects (a finished call replayed over dropped connections) and a disconnect
      const events = yield* sandbox.subscribe
      const call = yield* ap.calls.createOutboundCall({ agentId: agent.id, toNumber: "+14155550142" })
      yield* events.pipe(
        Stream.filter((e) => e._tag === "CallEnded" && e.callId === call.id),
        Stream.take(1),
        Stream.runDrain
      )
      yield* sandbox.setFaults({ dropStream: { rate: 1, afterEvents: 1, times: 3 } })
      const transcript = yield* attempt(
        TranscriptStream.followUntilEnded(call.id, { reconnect: { baseDelay: 0 } }).pipe(
          Effect.provideService(AgentPhone.AgentPhone, ap)
        )
      )
      assert.strictEqual(transcript, "Success")
      yield* sandbox.setFaults({ dropStream: { rate: 1, afterEvents: 0 } })
      const gaveUp = yield* attempt(
        TranscriptStream.followUntilEnded(call.id, { reconnect: false }).pipe(
          Effect.provideService(AgentPhone.AgentPhone, ap)
        )
      )
      assert.strictEqual(gaveUp, "TranscriptDisconnectedError")
      yield* sandbox.clearFaults

      // the search
      figures.logLines = logLines.length
      figures.spans = spans.length
      figures.spanAttributes = spans.reduce((n, s) => n + s.attributes.size, 0)
      assert.isAbove(logLines.length, 0)
      assert.isAbove(spans.length, 0)
      assert.isTrue(logLines.some((l) => l.includes("transcript stream: reconnecting")))
      assert.isAbove(assertNoLeak(), 0)
      // the secrets were in use: the sandbox accepted the key and rejected the wrong one
      assert.strictEqual(tags.UnauthorizedError, "UnauthorizedError")
    }).pipe(
      Effect.scoped,
      Effect.provide(Live),
      Effect.withTracer(testTracer),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.provide(Logger.replace(Logger.defaultLogger, captureLogger))
    ))
})

describe("secrets through ap.httpClient", () => {
  it.live("requests, responses and errors of ap.httpClient never show the key (String, JSON, inspect)", () =>
    Effect.gen(function*() {
      const sandbox = yield* Sandbox.Sandbox
      const url = new URL(sandbox.baseUrl)
      const proxy = yield* FaultProxy.make({ host: url.hostname, port: Number(url.port) })
      const seen: Array<readonly [string, unknown]> = []
      const http = yield* HttpClient.HttpClient
      const make = (baseUrl: string) =>
        AgentPhone.make({ apiKey, baseUrl, retry: false }).pipe(Effect.provideService(HttpClient.HttpClient, http))
      const ap = yield* make(sandbox.baseUrl)
      // what a caller can capture: the request after the client's own mapping, the response
      // (and its request), and the errors
      const recorded = ap.httpClient.pipe(
        HttpClient.mapRequest((request) => {
          seen.push(["mapRequest", request])
          return request
        }),
        HttpClient.transformResponse(
          Effect.tap((response) =>
            Effect.sync(() => seen.push(["response", response], ["response.request", response.request]))
          )
        )
      )
      const ok = yield* recorded.get("/v1/agents")
      assert.strictEqual(ok.status, 200) // the key was in use: the sandbox accepted it
      const failed = yield* Effect.flip(HttpClient.filterStatusOk(recorded).get("/v1/agents/agent_missing"))
      seen.push(["ResponseError", failed], ["ResponseError.message", failed.message])
      proxy.set("resetBefore")
      const viaProxy = yield* make(proxy.url)
      const transport = yield* Effect.flip(viaProxy.httpClient.get("/v1/agents"))
      seen.push(["RequestError", transport], ["RequestError.message", transport.message])

      const render = () => seen.map(([what, value]) => [what, show(value)] as const)
      // inside the fiber, and outside any fiber (no redaction context)
      const inside = render()
      const outside = yield* Effect.promise(() => Promise.resolve().then(render))
      const leaked = new Set<string>()
      for (const [what, text] of [...inside, ...outside]) {
        if (needles.some((needle) => text.includes(needle))) leaked.add(what)
      }
      assert.deepStrictEqual([...leaked], [], `the key is shown by: ${[...leaked].join(", ")}`)
    }).pipe(Effect.scoped, Effect.provide(Live)))
})
