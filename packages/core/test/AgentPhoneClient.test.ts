import { FetchHttpClient } from "@effect/platform"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Layer, Redacted, Stream } from "effect"
import { inspect } from "node:util"
import * as AgentPhone from "../src/AgentPhone.js"
import * as AgentPhoneClient from "../src/AgentPhoneClient.js"
import * as Agents from "../src/Agents.js"
import * as Calls from "../src/Calls.js"
import * as Contacts from "../src/Contacts.js"
import * as TestServer from "./utils/TestServer.js"

const contact = (i: number) => ({
  id: `ct_${i}`,
  phoneNumber: `+1415555${String(i).padStart(4, "0")}`,
  name: `Contact ${i}`,
  createdAt: "2025-05-20T10:11:12Z",
  updatedAt: "2025-05-20T10:11:12Z"
})

/** Five contacts, paged by `offset` / `limit` (default 2 per page). */
const contactsServer = TestServer.make((request) => {
  if (request.path === "/v1/calls/call_1/recording") {
    return { status: 200, headers: { "content-type": "audio/wav" }, body: new Uint8Array([0, 1, 2, 255]) }
  }
  if (request.path === "/v1/calls/call_1/transcript/stream") {
    return { status: 200, headers: { "content-type": "text/event-stream" }, body: "event: ended\ndata: {}\n\n" }
  }
  if (request.path === "/v1/agents/voices") return { status: 200, body: { data: [] } }
  const q = new URLSearchParams(request.rawQuery ?? "")
  const offset = Number(q.get("offset") ?? 0)
  const limit = Number(q.get("limit") ?? 2)
  const data = Array.from({ length: Math.max(0, Math.min(5, offset + limit) - offset) }, (_, i) => contact(offset + i))
  return { status: 200, body: { data, hasMore: offset + data.length < 5, total: 5 } }
})

const clientLayer = (url: string) =>
  AgentPhoneClient.layer({ apiKey: Redacted.make("sk_ROW_SECRET"), baseUrl: url }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )

describe("callable rows over AgentPhoneClient", () => {
  it.scoped("a row is an Effect that needs only the executor, with the same request on the wire", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const page = yield* Contacts.listContacts({ limit: 3 }).pipe(Effect.provide(clientLayer(server.url)))
      assert.deepStrictEqual(page.data.map((c) => c.id), ["ct_0", "ct_1", "ct_2"])
      assert.strictEqual(server.requests[0].method, "GET")
      assert.strictEqual(server.requests[0].path, "/v1/contacts")
      assert.strictEqual(server.requests[0].rawQuery, "limit=3")
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer sk_ROW_SECRET")
    }))

  it.scoped("a row without a request takes options only; invalid input fails before any I/O", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const live = clientLayer(server.url)
      yield* Agents.listVoices({ headers: { "x-trace": "t1" } }).pipe(Effect.provide(live))
      assert.strictEqual(server.requests[0].headers["x-trace"], "t1")
      const error = yield* Effect.flip(
        Contacts.getContact({ contact_id: ".." }).pipe(Effect.provide(live))
      )
      assert.strictEqual(error._tag, "InvalidRequestError")
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("`stream` pages a list lazily, one request per page pulled", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const live = clientLayer(server.url)
      const firstThree = yield* Stream.runCollect(Stream.take(Contacts.listContacts.stream(), 3)).pipe(
        Effect.provide(live)
      )
      assert.deepStrictEqual(Chunk.toArray(firstThree).map((c) => c.id), ["ct_0", "ct_1", "ct_2"])
      assert.strictEqual(server.requests.length, 2)
      const all = yield* Stream.runCollect(Contacts.listContacts.stream()).pipe(Effect.provide(live))
      assert.strictEqual(Chunk.size(all), 5)
    }))

  it.scoped("downloads: the row gives bytes, `stream` the same bytes; a byte-stream row is a Stream", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const live = clientLayer(server.url)
      const bytes = yield* Calls.getCallRecording({ call_id: "call_1" }).pipe(Effect.provide(live))
      assert.deepStrictEqual(Array.from(bytes), [0, 1, 2, 255])
      const streamed = yield* Stream.runCollect(Calls.getCallRecording.stream({ call_id: "call_1" })).pipe(
        Effect.provide(live)
      )
      assert.deepStrictEqual(Chunk.toArray(streamed).flatMap((c) => Array.from(c)), [0, 1, 2, 255])
      const sse = yield* Stream.runCollect(
        Stream.decodeText(Calls.streamCallTranscript({ call_id: "call_1" }))
      ).pipe(Effect.provide(live))
      assert.strictEqual(Chunk.join(sse, ""), "event: ended\ndata: {}\n\n")
      assert.strictEqual(server.requests.at(-1)?.headers.accept, "text/event-stream")
    }))

  it.scoped("AgentPhone.layer provides the executor too, and the grouped method is the same call", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const live = AgentPhone.layer({ apiKey: Redacted.make("k"), baseUrl: server.url }).pipe(
        Layer.provide(FetchHttpClient.layer)
      )
      const [viaRow, viaService] = yield* Effect.all([
        Contacts.listContacts({ limit: 2 }),
        Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.listContacts({ limit: 2 }))
      ]).pipe(Effect.provide(live))
      assert.deepStrictEqual(viaRow, viaService)
      assert.deepStrictEqual(server.requests.map((r) => r.rawQuery), ["limit=2", "limit=2"])
    }))

  it.scoped("a row carries its official name, in errors too", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({ status: 404, body: { detail: "Contact not found" } }))
      assert.strictEqual(Contacts.getContact.name, "contacts.getContact")
      assert.strictEqual(Contacts.getContact.path, "/v1/contacts/{contact_id}")
      const error = yield* Effect.flip(
        Contacts.getContact({ contact_id: "ct_9" }).pipe(Effect.provide(clientLayer(server.url)))
      )
      assert.strictEqual(error._tag, "NotFoundError")
      assert.include(error.message, "contacts.getContact")
      assert.notInclude(error.message, "sk_ROW_SECRET")
    }))

  it.scoped("httpClient sends the key, but what the caller holds never shows it", () =>
    Effect.gen(function*() {
      const server = yield* contactsServer
      const client = yield* AgentPhoneClient.make({ apiKey: Redacted.make("sk_ROW_SECRET"), baseUrl: server.url }).pipe(
        Effect.provide(FetchHttpClient.layer)
      )
      const seen: Array<HttpClientRequest.HttpClientRequest> = []
      const http = client.httpClient.pipe(HttpClient.tapRequest((request) => Effect.sync(() => seen.push(request))))
      const response = yield* http.get("/v1/contacts", { urlParams: { limit: 1 } })
      const body = yield* response.json
      assert.strictEqual((body as { total: number }).total, 5)
      assert.strictEqual(response.status, 200)
      assert.strictEqual(server.requests[0].headers.authorization, "Bearer sk_ROW_SECRET")
      assert.strictEqual(server.requests[0].rawQuery, "limit=1")
      assert.strictEqual(response.request.url, `${server.url}/v1/contacts`)
      assert.isUndefined(response.request.headers.authorization)
      for (const value of [seen[0], response, response.request]) {
        for (const text of [JSON.stringify(value), String(value), inspect(value, { depth: 10 })]) {
          assert.notInclude(text, "sk_ROW_SECRET")
        }
      }
    }))
})
