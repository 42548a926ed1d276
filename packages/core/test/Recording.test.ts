import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Option, Redacted, Stream } from "effect"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as AgentPhone from "../src/AgentPhone.js"
import * as TestServer from "./utils/TestServer.js"

/** Every byte value, many times: not valid UTF-8, so a text decode would corrupt it. */
const audio = new Uint8Array(256 * 1024).map((_, i) => (i * 7 + (i >> 8)) & 0xff)

const service = (url: string) =>
  AgentPhone.make({ apiKey: Redacted.make("sk_SECRET"), baseUrl: url }).pipe(Effect.provide(FetchHttpClient.layer))

const concat = (chunks: Chunk.Chunk<Uint8Array>) => {
  const out = new Uint8Array(Chunk.reduce(chunks, 0, (n, c) => n + c.length))
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.length
  }
  return out
}

describe("call recordings", () => {
  it.scoped("getCallRecording returns the bytes intact and sends no Authorization", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({
        status: 200,
        headers: { "content-type": "audio/wav" },
        body: audio
      }))
      const ap = yield* service(server.url)
      const bytes = yield* ap.calls.getCallRecording({ call_id: "call_1" })
      assert.deepStrictEqual(bytes, audio)
      assert.strictEqual(server.requests[0].path, "/v1/calls/call_1/recording")
      assert.isUndefined(server.requests[0].headers.authorization)
    }))

  it.scoped("getCallRecordingStream streams the same bytes, lazily, without Authorization", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({
        status: 200,
        headers: { "content-type": "audio/wav" },
        body: audio
      }))
      const ap = yield* service(server.url)
      const stream = ap.calls.getCallRecordingStream({ call_id: "call_1" })
      assert.strictEqual(server.requests.length, 0)
      const chunks = yield* Stream.runCollect(stream)
      assert.deepStrictEqual(concat(chunks), audio)
      assert.isUndefined(server.requests[0].headers.authorization)
    }))

  it.scoped("no recording is a NotFoundError, for both forms", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({ status: 404, body: { detail: "Recording not found" } }))
      const ap = yield* service(server.url)
      const a = yield* Effect.flip(ap.calls.getCallRecording({ call_id: "c" }))
      const b = yield* Effect.flip(Stream.runDrain(ap.calls.getCallRecordingStream({ call_id: "c" })))
      assert.strictEqual(a._tag, "NotFoundError")
      assert.strictEqual(b._tag, "NotFoundError")
    }))
})

describe("streamCallTranscript", () => {
  const sse = "data: {\"id\":\"t1\",\"transcript\":\"héllo\"}\r\n\r\n: heartbeat\n\nevent: ended\ndata: {}\n\n"

  it.scoped("is the raw text/event-stream body as bytes, with auth and the SSE accept header", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: sse
      }))
      const ap = yield* service(server.url)
      const stream = ap.calls.streamCallTranscript({ call_id: "call_9" })
      assert.strictEqual(server.requests.length, 0, "sent only when the stream runs")
      const bytes = concat(yield* Stream.runCollect(stream))
      assert.strictEqual(new TextDecoder().decode(bytes), sse)
      const request = server.requests[0]
      assert.strictEqual(request.path, "/v1/calls/call_9/transcript/stream")
      assert.strictEqual(request.headers.accept, "text/event-stream")
      assert.strictEqual(request.headers.authorization, "Bearer sk_SECRET")
    }))

  it.scoped("an error status fails the stream with the typed error", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({ status: 401, body: { detail: "Invalid API key" } }))
      const ap = yield* service(server.url)
      const error = yield* Effect.flip(Stream.runDrain(ap.calls.streamCallTranscript({ call_id: "c" })))
      assert.strictEqual(error._tag, "UnauthorizedError")
    }))
})

describe("streamCallTranscript on a live call", () => {
  it.scoped("delivers bytes as they arrive, and stopping early closes the connection", () =>
    Effect.gen(function*() {
      const closed = yield* Deferred.make<void>()
      const server = yield* Effect.acquireRelease(
        Effect.async<{ server: Server; url: string }>((resume) => {
          const server = createServer((_req, res) => {
            res.writeHead(200, { "content-type": "text/event-stream" })
            res.write("data: {\"id\":\"t1\"}\n\n") // and never end: a live call
            res.on("close", () => Effect.runFork(Deferred.succeed(closed, undefined)))
          })
          server.listen(0, "127.0.0.1", () =>
            resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })))
        }),
        ({ server }) =>
          Effect.async<void>((resume) => {
            server.closeAllConnections()
            server.close(() =>
              resume(Effect.void)
            )
          })
      )
      const ap = yield* service(server.url)
      const first = yield* Stream.runHead(ap.calls.streamCallTranscript({ call_id: "live" }))
      assert.strictEqual(new TextDecoder().decode(Option.getOrThrow(first)), "data: {\"id\":\"t1\"}\n\n")
      yield* Deferred.await(closed)
    }))
})
