import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Layer, Redacted, Stream } from "effect"
import * as AbortableHttpClient from "../src/AbortableHttpClient.js"
import * as AgentPhone from "../src/AgentPhone.js"
import * as AgentPhoneClient from "../src/AgentPhoneClient.js"
import * as Calls from "../src/Calls.js"
import * as FetchTransport from "../src/FetchTransport.js"
import { abortableContract } from "./utils/AbortableContract.js"
import { json, serve } from "./utils/RawServer.js"

const never: AbortableHttpClient.Abort = { aborted: false, onAbort: () => {} }

/** The client's abortable form, as AgentPhone calls use it. */
const underAbort = Effect.flatMap(FetchTransport.make, (client) => Effect.succeed(client[AbortableHttpClient.TypeId]))

const overAgentPhone = (url: string) =>
  Effect.provide(
    AgentPhone.layer({ apiKey: Redacted.make("sk_test_fetch"), baseUrl: url, retry: false }).pipe(
      Layer.provide(FetchTransport.layer)
    )
  )

describe("FetchTransport", () => {
  describe("under an Abort (AbortableHttpClient: a call's deadline)", () => {
    abortableContract(FetchTransport.layer)
  })

  it.effect("the platform's own FetchHttpClient does not take an Abort", () =>
    Effect.gen(function*() {
      assert.isFalse(
        AbortableHttpClient.isAbortable(yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer))
      )
    }))

  it.scoped("AgentPhone runs over it: the method, path, query, key and JSON body are sent, the response decoded", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) =>
        seen.method === "GET"
          ? json(res, 200, { data: [], hasMore: false, total: 0 })
          : json(res, 200, { id: "ct_1", phoneNumber: "+14155550123", name: "Ada", createdAt: "t", updatedAt: "t" })
      )
      const [page, created] = yield* Effect.flatMap(AgentPhone.AgentPhone, (ap) =>
        Effect.all([
          ap.contacts.listContacts({ limit: 5 }),
          ap.contacts.createContact({ phoneNumber: "+14155550123", name: "Ada" })
        ])).pipe(overAgentPhone(server.url))
      assert.strictEqual(page.total, 0)
      assert.strictEqual(created.name, "Ada")
      const [get, post] = server.seen
      assert.strictEqual(get.url, "/v1/contacts?limit=5")
      assert.strictEqual(get.headers.authorization, "Bearer sk_test_fetch")
      assert.strictEqual(post.method, "POST")
      assert.deepStrictEqual(JSON.parse(post.body), { phoneNumber: "+14155550123", name: "Ada" })
      assert.strictEqual(post.headers["content-type"], "application/json")
    }))

  it.scoped("interrupting a request that waits for its response aborts it (the server sees the connection close)", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((_, req) => {
        req.socket.on("close", () => Deferred.unsafeDone(closed, Exit.void))
        Deferred.unsafeDone(arrived, Exit.void) // and never answer
      })
      const send = yield* underAbort
      const fiber = yield* Effect.fork(send(HttpClientRequest.get(`${server.url}/slow`), never))
      yield* Deferred.await(arrived)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      yield* Deferred.await(closed)
    }))

  it.scoped("interrupting a body read aborts it (the server sees the connection close)", () =>
    Effect.gen(function*() {
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((_, req, res) => {
        req.socket.on("close", () => Deferred.unsafeDone(closed, Exit.void))
        res.writeHead(200, { "content-type": "text/plain" })
        res.write("partial") // and never the rest
      })
      const send = yield* underAbort
      const response = yield* send(HttpClientRequest.get(`${server.url}/body`), never)
      const started = yield* Deferred.make<void>()
      // the child goes on into the read in the same run, before its parent resumes
      const fiber = yield* Effect.fork(Effect.zipRight(Deferred.succeed(started, undefined), response.text))
      yield* Deferred.await(started)
      const exit = yield* Fiber.interrupt(fiber)
      assert.isTrue(Exit.isInterrupted(exit))
      yield* Deferred.await(closed)
    }))

  it.scoped("a body is read once: text and json agree when asked again; a second reader of another form fails typed", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 201, { n: 1 }))
      const send = yield* underAbort
      const response = yield* send(HttpClientRequest.get(`${server.url}/json`), never)
      assert.strictEqual(response.status, 201)
      assert.strictEqual(response.headers["content-type"], "application/json")
      assert.strictEqual(yield* response.text, "{\"n\":1}")
      assert.deepStrictEqual(yield* response.json, { n: 1 })
      assert.strictEqual(yield* response.text, "{\"n\":1}")
      const error = yield* Effect.flip(response.arrayBuffer)
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
      // the response names the request it answers, and shows as the platform's responses do
      assert.strictEqual(response.request.url, `${server.url}/json`)
      assert.isTrue(HttpClientResponse.TypeId in response)
      assert.deepInclude(response.toJSON(), { _id: "@effect/platform/HttpClientResponse", status: 201 })
    }))

  it.scoped("a body that is not JSON is a ResponseError (Decode) from json, never a throw", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end("{not json")
      })
      const send = yield* underAbort
      const response = yield* send(HttpClientRequest.get(`${server.url}/bad`), never)
      const error = yield* Effect.flip(response.json)
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
    }))

  it.scoped("sends text, bytes and streamed bodies and urlParams; uses the RequestInit and Fetch of the context", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) => json(res, 200, { got: seen.body }))
      const send = yield* underAbort
      const text = yield* Effect.flatMap(
        send(HttpClientRequest.post(`${server.url}/t`).pipe(HttpClientRequest.bodyText("plain words")), never),
        (r) => r.json
      )
      assert.deepStrictEqual(text, { got: "plain words" })
      const bytes = yield* Effect.flatMap(
        send(
          HttpClientRequest.post(`${server.url}/b`).pipe(
            HttpClientRequest.bodyUint8Array(new TextEncoder().encode("some bytes"))
          ),
          never
        ),
        (r) => r.json
      )
      assert.deepStrictEqual(bytes, { got: "some bytes" })
      const streamed = yield* Effect.flatMap(
        send(
          HttpClientRequest.post(`${server.url}/s`).pipe(
            HttpClientRequest.bodyStream(
              Stream.make(new TextEncoder().encode("stream"), new TextEncoder().encode("ed"))
            )
          ),
          never
        ),
        (r) => r.json
      )
      assert.deepStrictEqual(streamed, { got: "streamed" })
      yield* Effect.flatMap(
        send(HttpClientRequest.get(`${server.url}/q`).pipe(HttpClientRequest.setUrlParam("a", "b c")), never),
        (r) => r.text
      )
      assert.strictEqual(server.seen[3].url, "/q?a=b+c")
      // RequestInit headers are sent (the request's own win); a provided Fetch is the one called
      let called = 0
      const counting: typeof globalThis.fetch = (input, init) => {
        called++
        return globalThis.fetch(input, init)
      }
      yield* Effect.flatMap(
        send(HttpClientRequest.get(`${server.url}/init`).pipe(HttpClientRequest.setHeader("x-own", "1")), never),
        (r) => r.text
      ).pipe(
        Effect.provideService(FetchHttpClient.RequestInit, { headers: { "x-init": "yes", "x-own": "0" } }),
        Effect.provideService(FetchHttpClient.Fetch, counting)
      )
      assert.strictEqual(server.seen[4].headers["x-init"], "yes")
      assert.strictEqual(server.seen[4].headers["x-own"], "1")
      assert.strictEqual(called, 1)
    }))

  it.effect("a bad URL is a RequestError (InvalidUrl)", () =>
    Effect.gen(function*() {
      const send = yield* underAbort
      const invalid = yield* Effect.flip(send(HttpClientRequest.get("http://["), never))
      assert.strictEqual(invalid._tag, "RequestError")
      assert.strictEqual(invalid.reason, "InvalidUrl")
    }))

  it.scoped("a Fetch provided to the layer is the one both paths call; the call's own wins over it", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, { data: [], hasMore: false, total: 0 }))
      const calls: Array<string> = []
      const counting = (name: string): typeof globalThis.fetch => (input, init) => {
        calls.push(name)
        return globalThis.fetch(input, init)
      }
      const transport = FetchTransport.layer.pipe(
        Layer.provide(Layer.succeed(FetchHttpClient.Fetch, counting("layer")))
      )
      yield* Effect.gen(function*() {
        const ap = yield* AgentPhone.AgentPhone
        yield* ap.contacts.listContacts() // the abortable path
        yield* Effect.flatMap(ap.httpClient.get("/v1/contacts"), (r) => r.text) // the platform's
        yield* ap.contacts.listContacts().pipe(Effect.provideService(FetchHttpClient.Fetch, counting("call")))
      }).pipe(
        Effect.provide(
          AgentPhone.layer({ apiKey: Redacted.make("sk_test_fetch"), baseUrl: server.url }).pipe(
            Layer.provide(transport)
          )
        )
      )
      assert.deepStrictEqual(calls, ["layer", "layer", "call"])
      assert.strictEqual(server.seen.length, 3)
    }))

  it.scoped("binary rows: a recording read whole and as a stream, the same bytes", () =>
    Effect.gen(function*() {
      const wav = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256)
      const server = yield* serve((_, __, res) => {
        res.writeHead(200, { "content-type": "audio/wav" })
        res.end(wav)
      })
      const [whole, streamed] = yield* Effect.all([
        Calls.getCallRecording({ call_id: "call_1" }),
        Stream.runCollect(Calls.getCallRecording.stream({ call_id: "call_1" }))
      ]).pipe(
        Effect.provide(
          AgentPhoneClient.layer({ apiKey: Redacted.make("sk_test_fetch"), baseUrl: server.url }).pipe(
            Layer.provide(FetchTransport.layer)
          )
        )
      )
      assert.deepStrictEqual(whole, wav)
      const bytes = Chunk.toReadonlyArray(streamed).flatMap((chunk) => Array.from(chunk))
      assert.deepStrictEqual(Uint8Array.from(bytes), wav)
      assert.strictEqual(server.seen[0].url, "/v1/calls/call_1/recording")
    }))

  it.effect("a connection refused, or a provided fetch that throws, is a RequestError (Transport)", () =>
    Effect.gen(function*() {
      const send = yield* underAbort
      const error = yield* Effect.flip(send(HttpClientRequest.get("http://127.0.0.1:1/"), never))
      assert.strictEqual(error._tag, "RequestError")
      assert.strictEqual(error.reason, "Transport")
      const throwing: typeof globalThis.fetch = () => {
        throw new TypeError("no network here")
      }
      const thrown = yield* Effect.flip(send(HttpClientRequest.get("http://127.0.0.1:1/"), never)).pipe(
        Effect.provideService(FetchHttpClient.Fetch, throwing)
      )
      assert.strictEqual(thrown._tag, "RequestError")
      assert.strictEqual(thrown.reason, "Transport")
      assert.instanceOf(thrown.cause, TypeError)
    }))
})
