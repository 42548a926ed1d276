import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as AbortableHttpClient from "../../src/AbortableHttpClient.js"
import * as AgentPhone from "../../src/AgentPhone.js"
import { json, serve } from "./RawServer.js"

/**
 * What every `AbortableHttpClient` must do, registered as tests (call it inside a `describe`) for
 * the client `transport` provides: it takes an `Abort` (a client derived from it does not); an
 * AgentPhone call's deadline aborts a pending head and a body being received (a `TimeoutError`, and
 * the server sees the connection close); an `Abort` already aborted fails at once with a
 * `RequestError` and sends nothing; one that never aborts changes nothing.
 */
export const abortableContract = (transport: Layer.Layer<HttpClient.HttpClient>): void => {
  const overAgentPhone = (url: string) =>
    Effect.provide(
      AgentPhone.layer({ apiKey: Redacted.make("sk_test_abort"), baseUrl: url, timeout: "50 millis", retry: false })
        .pipe(Layer.provide(transport))
    )
  const listAgents = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents())

  it.effect("takes an Abort; a client derived with middleware does not", () =>
    Effect.gen(function*() {
      const client = yield* Effect.provide(HttpClient.HttpClient, transport)
      assert.isTrue(AbortableHttpClient.isAbortable(client))
      assert.isFalse(AbortableHttpClient.isAbortable(HttpClient.filterStatusOk(client)))
    }))

  // (the deadline may pass before the request even reaches the server, as on a cold first fetch:
  // either way the call times out and leaves no connection open)
  it.scopedLive("the deadline aborts a request that waits for its response: TimeoutError, and the connection closes", () =>
    Effect.gen(function*() {
      const server = yield* serve(() => {}) // never answers
      const error = yield* Effect.flip(overAgentPhone(server.url)(listAgents))
      assert.strictEqual(error._tag, "TimeoutError")
      yield* server.idle
    }))

  it.scopedLive("the deadline aborts a body being received: TimeoutError, and the connection closes", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.write("{\"data\": [") // and never the rest
      })
      const error = yield* Effect.flip(overAgentPhone(server.url)(listAgents))
      assert.strictEqual(error._tag, "TimeoutError")
      yield* server.idle
    }))

  it.scoped("an Abort already aborted fails at once (a RequestError, nothing sent); one that never aborts changes nothing", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, { n: 1 }))
      // (the client is used inside its layer: a transport may close its connections with it)
      yield* Effect.gen(function*() {
        const client = yield* HttpClient.HttpClient
        if (!AbortableHttpClient.isAbortable(client)) return assert.fail("not abortable")
        const send = client[AbortableHttpClient.TypeId]
        const error = yield* Effect.flip(
          send(HttpClientRequest.get(`${server.url}/json`), { aborted: true, onAbort: () => {} })
        )
        assert.strictEqual(error._tag, "RequestError")
        assert.strictEqual(error.reason, "Transport")
        assert.strictEqual(server.seen.length, 0)
        const response = yield* send(HttpClientRequest.get(`${server.url}/json`), { aborted: false, onAbort: () => {} })
        assert.deepStrictEqual(yield* response.json, { n: 1 })
        assert.strictEqual(server.seen.length, 1)
      }).pipe(Effect.provide(transport))
    }))
}
