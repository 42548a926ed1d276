import { HttpClient, HttpClientResponse } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Redacted } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import * as TestTracer from "./utils/TestTracer.js"

const apiKey = Redacted.make("sk_live_SECRET_4242")

/** The service over a transport that answers every request with `body` (no sockets). */
const answering = (body: unknown, status = 200) => {
  const client = HttpClient.make((request) =>
    Effect.succeed(
      HttpClientResponse.fromWeb(
        request,
        new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })
      )
    )
  )
  return AgentPhone.make({ apiKey, baseUrl: "http://api.test" }).pipe(
    Effect.provideService(HttpClient.HttpClient, client)
  )
}

const contact = (over: Record<string, unknown> = {}) => ({
  id: "ct_1",
  phoneNumber: "+14155550123",
  name: "Ada",
  email: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
  ...over
})

describe("the executor's fast paths keep every check", () => {
  it.effect("a response breaking several fields fails with every issue, not only the first", () =>
    Effect.gen(function*() {
      const ap = yield* answering({ data: [contact({ id: 7, createdAt: false })], hasMore: "no", total: 1 })
      const error = yield* Effect.flip(ap.contacts.listContacts())
      assert.strictEqual(error._tag, "DecodeError")
      if (error._tag === "DecodeError") {
        const locs = error.issues.map((i) => i.loc.join("."))
        assert.includeMembers(locs, ["data.0.id", "data.0.createdAt", "hasMore"])
      }
    }))

  it.effect("a request breaking several fields fails with every issue, before any I/O", () =>
    Effect.gen(function*() {
      const ap = yield* answering(contact())
      const error = yield* Effect.flip(ap.contacts.createContact({ phoneNumber: 1, name: 2 } as never))
      assert.strictEqual(error._tag, "InvalidRequestError")
      if (error._tag === "InvalidRequestError") {
        const locs = error.issues.map((i) => i.loc.join("."))
        assert.includeMembers(locs, ["phoneNumber", "name"])
      }
    }))

  it.effect("a valid response still keeps fields the schema does not know", () =>
    Effect.gen(function*() {
      const ap = yield* answering({ data: [contact({ brandNew: 1 })], hasMore: false, total: 1, cursor: "c" })
      const list = yield* ap.contacts.listContacts()
      assert.strictEqual((list.data[0] as unknown as Record<string, unknown>).brandNew, 1)
      assert.strictEqual((list as unknown as Record<string, unknown>).cursor, "c")
    }))

  it.effect("one span per call, named for the method, with method, path and status; no nested http.client span", () =>
    Effect.gen(function*() {
      const { spans, tracer } = TestTracer.recording()
      const ap = yield* answering(contact())
      yield* ap.contacts.getContact({ contact_id: "ct_1" }).pipe(Effect.withTracer(tracer))
      assert.deepStrictEqual(spans.map((s) => s.name), ["AgentPhone.contacts.getContact"])
      const attributes = spans[0].attributes
      assert.strictEqual(attributes.get("http.request.method"), "GET")
      assert.strictEqual(attributes.get("url.path"), "/v1/contacts/ct_1")
      assert.strictEqual(attributes.get("http.response.status_code"), 200)
    }))

  it.effect("inside the transport, the call's span is the current span (with a timeout and without)", () =>
    Effect.gen(function*() {
      const { spans, tracer } = TestTracer.recording()
      const seen: Array<string> = []
      const client = HttpClient.make((request) =>
        Effect.flatMap(Effect.orDie(Effect.currentSpan), (span) => {
          seen.push(span.name)
          return Effect.succeed(HttpClientResponse.fromWeb(request, new Response(JSON.stringify(contact()))))
        })
      )
      for (const timeout of [Duration.seconds(5), Duration.infinity]) {
        const ap = yield* AgentPhone.make({ apiKey, baseUrl: "http://api.test", timeout }).pipe(
          Effect.provideService(HttpClient.HttpClient, client)
        )
        const after = yield* Effect.zipRight(ap.contacts.getContact({ contact_id: "ct_1" }), Effect.currentSpan).pipe(
          Effect.withSpan("caller"),
          Effect.withTracer(tracer)
        )
        // the caller's span is its own again after the call
        assert.strictEqual(after.name, "caller")
      }
      // the call's span, with no http.client span of the transport's in between
      assert.deepStrictEqual(seen, ["AgentPhone.contacts.getContact", "AgentPhone.contacts.getContact"])
      assert.deepStrictEqual(spans.map((s) => s.name), [
        "caller",
        "AgentPhone.contacts.getContact",
        "caller",
        "AgentPhone.contacts.getContact"
      ])
    }))

  it.effect("the span records a failed call's status", () =>
    Effect.gen(function*() {
      const { spans, tracer } = TestTracer.recording()
      const ap = yield* answering({ detail: "not found" }, 404)
      const error = yield* Effect.flip(ap.contacts.getContact({ contact_id: "ct_9" }).pipe(Effect.withTracer(tracer)))
      assert.strictEqual(error._tag, "NotFoundError")
      assert.strictEqual(spans[0].attributes.get("http.response.status_code"), 404)
    }))
})
