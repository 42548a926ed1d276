import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Chunk, Effect, Redacted, Stream } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import * as TestServer from "./utils/TestServer.js"

const contact = (i: number) => ({
  id: `ct_${i}`,
  phoneNumber: `+1415555${String(i).padStart(4, "0")}`,
  name: `Contact ${i}`,
  createdAt: "2025-05-20T10:11:12Z",
  updatedAt: "2025-05-20T10:11:12Z"
})

const agent = (i: number) => ({
  id: `agent_${i}`,
  name: `Agent ${i}`,
  description: null,
  voiceMode: "webhook",
  voice: "v",
  createdAt: "2025-05-20T10:11:12Z"
})

const delivery = (i: number) => ({
  id: `whd_${i}`,
  messageId: null,
  eventType: "agent.message",
  channel: "sms",
  status: "delivered",
  httpStatus: 200,
  errorMessage: null,
  responseBody: null,
  attemptCount: 1,
  lastAttemptAt: null,
  nextRetryAt: null,
  createdAt: "2025-06-02T17:01:45Z"
})

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i)

/** A server holding `total` items, paged by `offset` / `limit` (default page size `pageSize`). */
const offsetServer = (
  total: number,
  envelope: (items: Array<unknown>, offset: number, limit: number) => unknown,
  item: (i: number) => unknown,
  pageSize = 2
) =>
  TestServer.make((request) => {
    const q = new URLSearchParams(request.rawQuery ?? "")
    const offset = Number(q.get("offset") ?? 0)
    const limit = Number(q.get("limit") ?? pageSize)
    const items = range(offset, Math.min(total, offset + limit)).map(item)
    return { status: 200, body: envelope(items, offset, limit) }
  })

const service = (url: string) =>
  AgentPhone.make({ apiKey: Redacted.make("k"), baseUrl: url }).pipe(Effect.provide(FetchHttpClient.layer))

const offsets = (server: TestServer.TestServer) =>
  server.requests.map((r) => new URLSearchParams(r.rawQuery ?? "").get("offset"))

describe("offset pagination streams", () => {
  const withHasMore = (total: number) => (items: Array<unknown>, offset: number) => ({
    data: items,
    hasMore: offset + items.length < total,
    total
  })

  it.scoped("take(n) fetches only the pages it needs", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(10, withHasMore(10), contact)
      const ap = yield* service(server.url)
      const stream = ap.contacts.listContactsStream({ limit: 2 })
      assert.strictEqual(server.requests.length, 0, "nothing is sent before the stream runs")
      const three = yield* Stream.runCollect(Stream.take(stream, 3))
      assert.deepStrictEqual(Chunk.toReadonlyArray(three).map((c) => c.id), ["ct_0", "ct_1", "ct_2"])
      assert.strictEqual(server.requests.length, 2)
      assert.deepStrictEqual(offsets(server), [null, "2"])
      const two = yield* Stream.runCollect(Stream.take(stream, 2))
      assert.strictEqual(two.length, 2)
      assert.strictEqual(server.requests.length, 3, "a page is enough for take(2)")
    }))

  it.scoped("many pages: ends on hasMore false without an extra request", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(5, withHasMore(5), contact)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.contacts.listContactsStream({ limit: 2 }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((c) => c.id), range(0, 5).map((i) => `ct_${i}`))
      assert.deepStrictEqual(offsets(server), [null, "2", "4"])
    }))

  it.scoped("an empty list is one request", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(0, withHasMore(0), contact)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.contacts.listContactsStream())
      assert.strictEqual(all.length, 0)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("one page is one request", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(2, withHasMore(2), contact, 50)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.contacts.listContactsStream())
      assert.strictEqual(all.length, 2)
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("{data, total} (listAgents): ends when offset reaches total", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(4, (items) => ({ data: items, total: 4 }), agent)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.agents.listAgentsStream())
      assert.strictEqual(all.length, 4)
      assert.deepStrictEqual(offsets(server), [null, "2"])
    }))

  it.scoped("a short page ends a list whose envelope has neither hasMore nor total", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(
        5,
        (items) => ({ data: items.map((_, i) => ({ id: `sub_${i}`, name: "n" })) }),
        (i) => i
      )
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.subAccounts.listSubAccountsStream({ limit: 2 }))
      assert.strictEqual(all.length, 5)
      assert.deepStrictEqual(offsets(server), [null, "2", "4"])
    }))

  it.scoped("a page size given as a query option counts too", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(3, (items) => ({ data: items, total: 100 }), agent)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.agents.listAgentsStream({}, { queryParams: { limit: 2 } }))
      assert.strictEqual(all.length, 3)
      assert.strictEqual(server.requests.length, 2)
    }))

  it.scoped("deliveries page in either envelope", () =>
    Effect.gen(function*() {
      const items = yield* offsetServer(
        3,
        (items, offset, limit) => ({ items, total: 3, offset, limit }),
        delivery,
        2
      )
      const data = yield* offsetServer(3, withHasMore(3), delivery, 2)
      for (const server of [items, data]) {
        const ap = yield* service(server.url)
        const all = yield* Stream.runCollect(ap.webhooks.listDeliveriesStream({ limit: 2 }))
        assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((d) => d.id), ["whd_0", "whd_1", "whd_2"])
        assert.strictEqual(server.requests.length, 2)
      }
    }))

  it.scoped("every page carries the sub-account of the stream", () =>
    Effect.gen(function*() {
      const server = yield* offsetServer(3, withHasMore(3), contact)
      const ap = yield* service(server.url)
      yield* Stream.runDrain(ap.contacts.listContactsStream({ limit: 2 }).pipe(AgentPhone.withSubAccount("sub_9")))
      assert.deepStrictEqual(server.requests.map((r) => r.headers["x-sub-account-id"]), ["sub_9", "sub_9"])
    }))

  it.scoped("a failing page fails the stream with its typed error", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((_, i) =>
        i === 0
          ? { status: 200, body: { data: [contact(0)], hasMore: true, total: 9 } }
          : { status: 404, body: { detail: "gone" } }
      )
      const ap = yield* service(server.url)
      const error = yield* Effect.flip(Stream.runCollect(ap.contacts.listContactsStream()))
      assert.strictEqual(error._tag, "NotFoundError")
    }))
})

describe("timestamp-cursor pagination streams", () => {
  const message = (i: number) => ({
    id: `msg_${i}`,
    from_: "+14155550123",
    to: "+14155550100",
    body: `message ${i}`,
    direction: "inbound",
    receivedAt: new Date(Date.UTC(2025, 5, 1, 0, 0, i)).toISOString()
  })
  /** 5 messages, newest first, 2 per page, before-exclusive. */
  const cursorServer = (count: number) =>
    TestServer.make((request) => {
      const q = new URLSearchParams(request.rawQuery ?? "")
      const before = q.get("before")
      const all = range(0, count).reverse().map(message)
      const older = before === null ? all : all.filter((m) => Date.parse(m.receivedAt) < Date.parse(before))
      const page = older.slice(0, 2)
      return { status: 200, body: { data: page, hasMore: older.length > 2 } }
    })

  it.scoped("walks back with before = the oldest timestamp of the page, stops on hasMore false", () =>
    Effect.gen(function*() {
      const server = yield* cursorServer(5)
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(
        ap.numbers.getMessagesStream({ number_id: "num_1", after: "2025-01-01T00:00:00Z" })
      )
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((m) => m.id), ["msg_4", "msg_3", "msg_2", "msg_1", "msg_0"])
      assert.strictEqual(server.requests.length, 3)
      const second = new URLSearchParams(server.requests[1].rawQuery ?? "")
      assert.strictEqual(second.get("before"), message(3).receivedAt)
      assert.strictEqual(second.get("after"), "2025-01-01T00:00:00Z")
      assert.strictEqual(server.requests[1].path, "/v1/numbers/num_1/messages")
    }))

  it.scoped("take(1) is one request", () =>
    Effect.gen(function*() {
      const server = yield* cursorServer(5)
      const ap = yield* service(server.url)
      yield* Stream.runDrain(Stream.take(ap.numbers.getMessagesStream({ number_id: "num_1" }), 1))
      assert.strictEqual(server.requests.length, 1)
    }))

  it.scoped("a server that repeats the page (inclusive before) cannot make the stream loop", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make(() => ({
        status: 200,
        body: { data: [message(1), message(1)].map((m, i) => ({ ...m, id: `m${i}` })), hasMore: true }
      }))
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.numbers.getMessagesStream({ number_id: "n" }))
      assert.strictEqual(all.length, 4)
      assert.strictEqual(server.requests.length, 2)
    }))

  it.scoped("conversation messages page the same way", () =>
    Effect.gen(function*() {
      const server = yield* TestServer.make((request) => {
        const before = new URLSearchParams(request.rawQuery ?? "").get("before")
        const m = (id: string, at: string) => ({
          id,
          body: "b",
          fromNumber: "+1",
          toNumber: "+2",
          direction: "outbound",
          receivedAt: at
        })
        return before === null
          ? {
            status: 200,
            body: { data: [m("a", "2025-06-02T10:00:00Z"), m("b", "2025-06-02T11:00:00Z")], hasMore: true }
          }
          : { status: 200, body: { data: [m("c", "2025-06-01T10:00:00Z")], hasMore: false } }
      })
      const ap = yield* service(server.url)
      const all = yield* Stream.runCollect(ap.conversations.getConversationMessagesStream({ conversation_id: "c1" }))
      assert.deepStrictEqual(Chunk.toReadonlyArray(all).map((m) => m.id), ["a", "b", "c"])
      assert.strictEqual(new URLSearchParams(server.requests[1].rawQuery ?? "").get("before"), "2025-06-02T10:00:00Z")
    }))
})
