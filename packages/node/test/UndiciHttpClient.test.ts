import { AgentPhone } from "@agentphone-effect/core"
import { UndiciHttpClient } from "@agentphone-effect/node"
import { HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Layer, Redacted, Stream } from "effect"
import { abortableContract } from "../../core/test/utils/AbortableContract.js"
import { json, serve } from "../../core/test/utils/RawServer.js"

const withClient = <A, E>(f: (client: HttpClient.HttpClient) => Effect.Effect<A, E>) =>
  Effect.flatMap(HttpClient.HttpClient, f).pipe(Effect.provide(UndiciHttpClient.layer))

describe("UndiciHttpClient", () => {
  it.scoped("sends the method, path, query and headers; reads status, headers, cookies and text", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) =>
        json(res, 201, { ok: true }, { "x-request-id": "r-1", "set-cookie": "session=abc; Path=/" })
      )
      const response = yield* withClient((client) =>
        client.execute(
          HttpClientRequest.get(`${server.url}/v1/things`, {
            urlParams: { limit: "2", q: "a b" },
            headers: { "x-custom": "yes" }
          })
        ).pipe(Effect.flatMap((response) => Effect.map(response.text, (text) => ({ response, text }))))
      )
      assert.strictEqual(response.response.status, 201)
      assert.strictEqual(response.text, "{\"ok\":true}")
      assert.strictEqual(response.response.headers["x-request-id"], "r-1")
      assert.strictEqual(response.response.cookies.cookies.session?.value, "abc")
      assert.strictEqual(server.seen[0]!.method, "GET")
      assert.strictEqual(server.seen[0]!.url, "/v1/things?limit=2&q=a+b")
      assert.strictEqual(server.seen[0]!.headers["x-custom"], "yes")
    }))

  it.scoped("sends JSON, text and streamed bodies", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) => json(res, 200, { echo: seen.body }))
      const bodies = [
        HttpBody.unsafeJson({ to_number: "+14155550123", body: "héllo" }),
        HttpBody.text("plain text", "text/plain"),
        HttpBody.stream(Stream.make("str", "eam").pipe(Stream.encodeText), "text/plain")
      ]
      const echoed = yield* withClient((client) =>
        Effect.forEach(bodies, (body) =>
          client.execute(HttpClientRequest.post(`${server.url}/echo`, { body })).pipe(
            Effect.flatMap((response) => response.json)
          ))
      )
      assert.deepStrictEqual(echoed, [
        { echo: "{\"to_number\":\"+14155550123\",\"body\":\"héllo\"}" },
        { echo: "plain text" },
        { echo: "stream" }
      ])
      assert.strictEqual(server.seen[0]!.headers["content-type"], "application/json")
      assert.strictEqual(server.seen[1]!.headers["content-type"], "text/plain")
    }))

  it.scoped("sends a FormData body as multipart with its boundary", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) => json(res, 200, { echo: seen.body }))
      const form = new FormData()
      form.append("note", "hello form")
      yield* withClient((client) =>
        client.execute(HttpClientRequest.post(`${server.url}/form`, { body: HttpBody.formData(form) })).pipe(
          Effect.flatMap((response) => response.text)
        )
      )
      const contentType = String(server.seen[0]!.headers["content-type"])
      assert.match(contentType, /^multipart\/form-data; boundary=/)
      assert.include(server.seen[0]!.body, contentType.split("boundary=")[1]!)
      assert.include(server.seen[0]!.body, "name=\"note\"")
      assert.include(server.seen[0]!.body, "hello form")
    }))

  it.scoped("a body that is not JSON is a ResponseError (Decode) from json, never a throw", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.end("{not json")
      })
      const error = yield* withClient((client) =>
        Effect.flip(Effect.flatMap(client.get(`${server.url}/bad`), (response) => response.json))
      )
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
    }))

  it.scoped("a body reader reads once and gives the same result when asked again; stream reads as it arrives", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) => {
        if (seen.url === "/stream") {
          res.writeHead(200, { "content-type": "text/plain" })
          res.write("one,")
          res.end("two")
        } else json(res, 200, { n: 1 })
      })
      const [first, second, asJson, bytes] = yield* withClient((client) =>
        Effect.gen(function*() {
          const response = yield* client.get(`${server.url}/json`)
          const first = yield* response.text
          const second = yield* response.text
          const asJson = yield* response.json
          const streamed = yield* client.get(`${server.url}/stream`)
          const bytes = yield* Stream.runCollect(streamed.stream)
          return [first, second, asJson, Chunk.toReadonlyArray(bytes)] as const
        })
      )
      assert.strictEqual(first, "{\"n\":1}")
      assert.strictEqual(second, first)
      assert.deepStrictEqual(asJson, { n: 1 })
      assert.strictEqual(Buffer.concat(bytes).toString("utf8"), "one,two")
    }))

  it.scoped("a body can be read whole in every form, any number of times", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, { n: 1, s: "é" }))
      const [text, bytes, value, again] = yield* withClient((client) =>
        Effect.gen(function*() {
          const response = yield* client.get(`${server.url}/json`)
          const text = yield* response.text
          const bytes = yield* response.arrayBuffer
          const value = yield* response.json
          return [text, bytes, value, yield* response.arrayBuffer] as const
        })
      )
      assert.strictEqual(text, "{\"n\":1,\"s\":\"é\"}")
      assert.strictEqual(Buffer.from(bytes).toString("utf8"), text)
      assert.deepStrictEqual(value, { n: 1, s: "é" })
      // each arrayBuffer is a copy of its own
      assert.notStrictEqual(again, bytes)
      assert.strictEqual(again.byteLength, Buffer.byteLength(text))
    }))

  it.scoped("a body read whole can then be read as a stream, with the same bytes, any number of times", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, { n: 1, s: "é" }))
      const [text, first, second] = yield* withClient((client) =>
        Effect.gen(function*() {
          const response = yield* client.get(`${server.url}/json`)
          const text = yield* response.text
          const collect = Stream.runFold(response.stream, "", (s, chunk) => s + Buffer.from(chunk).toString("latin1"))
          return [text, yield* collect, yield* collect] as const
        })
      )
      const expected = Buffer.from("{\"n\":1,\"s\":\"é\"}").toString("latin1")
      assert.strictEqual(text, "{\"n\":1,\"s\":\"é\"}")
      assert.strictEqual(first, expected)
      assert.strictEqual(second, expected)
    }))

  it.scoped("a large body read later arrives whole, as text and as a stream", () =>
    Effect.gen(function*() {
      // 8 MiB: far more than is held unread, so the connection is paused until a reader comes
      const big = Buffer.alloc(8 * 1024 * 1024, "abcdefgh")
      const server = yield* serve((seen, _, res) => {
        if (seen.url === "/ping") return json(res, 200, { pong: true })
        res.writeHead(200, { "content-type": "text/plain", "content-length": String(big.length) })
        res.end(big)
      })
      const [text, streamed] = yield* withClient((client) =>
        Effect.gen(function*() {
          const first = yield* client.get(`${server.url}/big`)
          const second = yield* client.get(`${server.url}/big`)
          // other requests run meanwhile, on other connections
          yield* Effect.flatMap(client.get(`${server.url}/ping`), (response) => response.json)
          const text = yield* first.text
          const streamed = yield* Stream.runFold(second.stream, 0, (n, chunk) => n + chunk.length)
          return [text, streamed] as const
        })
      )
      assert.strictEqual(text.length, big.length)
      assert.isTrue(text === big.toString("utf8"))
      assert.strictEqual(streamed, big.length)
    }))

  it.scoped("a body read as a stream is not also read whole (a ResponseError, not an empty body)", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, { n: 1 }))
      const [bytes, error] = yield* withClient((client) =>
        Effect.gen(function*() {
          const response = yield* client.get(`${server.url}/json`)
          const bytes = yield* Stream.runFold(response.stream, 0, (n, chunk) => n + chunk.length)
          return [bytes, yield* Effect.flip(response.text)] as const
        })
      )
      assert.strictEqual(bytes, "{\"n\":1}".length)
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
    }))

  it.scoped("a connection refused is a RequestError (Transport); a bad URL is a RequestError (InvalidUrl)", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => json(res, 200, {}))
      const deadUrl = server.url
      server.close()
      const refused = yield* withClient((client) => Effect.flip(client.get(`${deadUrl}/x`)))
      assert.strictEqual(refused._tag, "RequestError")
      assert.strictEqual(refused.reason, "Transport")
      const invalid = yield* withClient((client) => Effect.flip(client.get("not a url")))
      assert.strictEqual(invalid._tag, "RequestError")
      assert.strictEqual(invalid.reason, "InvalidUrl")
    }))

  it.scoped("a body cut short is a ResponseError (Decode)", () =>
    Effect.gen(function*() {
      const server = yield* serve((_, __, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" })
        // the head and a part of the body reach the socket, then the connection is cut
        res.write("{\"partial\":", () => res.destroy())
      })
      const error = yield* withClient((client) =>
        Effect.flip(Effect.flatMap(client.get(`${server.url}/cut`), (response) => response.text))
      )
      assert.strictEqual(error._tag, "ResponseError")
      assert.strictEqual(error.reason, "Decode")
    }))

  it.scoped("interrupting a request that waits for its response aborts it (the server sees the connection close)", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((seen, req, res) => {
        if (seen.url === "/ok") return json(res, 200, { ok: true })
        req.socket.on("close", () => Deferred.unsafeDone(closed, Exit.void))
        Deferred.unsafeDone(arrived, Exit.void) // and never answer
      })
      const ok = yield* withClient((client) =>
        Effect.gen(function*() {
          const fiber = yield* Effect.fork(client.get(`${server.url}/hang`))
          yield* Deferred.await(arrived)
          const exit = yield* Fiber.interrupt(fiber)
          assert.isTrue(Exit.isInterrupted(exit))
          yield* Deferred.await(closed)
          // the client still works afterwards
          return yield* Effect.flatMap(client.get(`${server.url}/ok`), (response) => response.json)
        })
      )
      assert.deepStrictEqual(ok, { ok: true })
    }))

  it.scoped("interrupting a body read destroys the body (the server sees the connection close)", () =>
    Effect.gen(function*() {
      const closed = yield* Deferred.make<void>()
      const server = yield* serve((_, req, res) => {
        req.socket.on("close", () => Deferred.unsafeDone(closed, Exit.void))
        res.writeHead(200, { "content-type": "text/plain" })
        res.write("first part, and then nothing") // the rest never comes
      })
      yield* withClient((client) =>
        Effect.gen(function*() {
          const response = yield* client.get(`${server.url}/slow`)
          const started = yield* Deferred.make<void>()
          // the child goes on into the read in the same run, before its parent resumes
          const reading = yield* Effect.fork(Effect.zipRight(Deferred.succeed(started, undefined), response.text))
          yield* Deferred.await(started)
          const exit = yield* Fiber.interrupt(reading)
          assert.isTrue(Exit.isInterrupted(exit))
          yield* Deferred.await(closed)
        })
      )
    }))

  it.scoped("AgentPhone runs over it: a call is sent with the key and decoded", () =>
    Effect.gen(function*() {
      const server = yield* serve((seen, _, res) =>
        seen.headers.authorization === "Bearer sk_test_node"
          ? json(res, 200, {
            data: [{
              id: "agt_1",
              name: "Support",
              description: null,
              voiceMode: "hosted",
              voice: "alloy",
              createdAt: "2026-01-01T00:00:00Z"
            }],
            total: 1
          })
          : json(res, 401, { detail: "bad key" })
      )
      const agents = yield* Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents()).pipe(
        Effect.provide(
          AgentPhone.layer({ apiKey: Redacted.make("sk_test_node"), baseUrl: server.url }).pipe(
            Layer.provide(UndiciHttpClient.layer)
          )
        )
      )
      assert.strictEqual(agents.total, 1)
      assert.strictEqual(agents.data[0]!.name, "Support")
      assert.strictEqual(server.seen[0]!.url, "/v1/agents")
    }))

  describe("under an Abort (core's AbortableHttpClient: a call's deadline)", () => {
    abortableContract(UndiciHttpClient.layer)
  })
})
