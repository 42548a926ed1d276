import { FetchHttpClient } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Layer, Predicate, Redacted, Stream } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import responses from "./fixtures/responses.json" with { type: "json" }
import vectors from "./fixtures/vectors.json" with { type: "json" }
import * as TestServer from "./utils/TestServer.js"

interface Vector {
  readonly id: string
  readonly resource: string
  readonly method: string
  readonly sdkArgs: unknown
  readonly request: {
    readonly method: string
    readonly path: string
    readonly query: ReadonlyArray<ReadonlyArray<string>>
    readonly rawQuery: string | null
    readonly headers: {
      readonly authorization: string | null
      readonly accept: string
      readonly contentType: string | null
      readonly xSubAccountId: string | null
    }
    readonly body: unknown
    readonly rawBody: string | null
  }
}

interface Example {
  readonly status: number
  readonly contentType?: string | null
  readonly body?: unknown
  readonly bodyBase64?: string
  readonly headers?: Record<string, string>
}

const examples = responses.endpoints as Record<string, Example>
const groups = AgentPhone.groups as Record<string, Record<string, unknown>>
const covered = (vectors as ReadonlyArray<Vector>).filter((v) => groups[v.resource]?.[v.method] !== undefined)

const replyFor = (v: Vector): TestServer.Reply => {
  const example = examples[`${v.resource}.${v.method}`]
  const headers = { ...example?.headers, ...(example?.contentType ? { "content-type": example.contentType } : {}) }
  if (example?.bodyBase64 !== undefined) {
    return { status: example.status, headers, body: new Uint8Array(Buffer.from(example.bodyBase64, "base64")) }
  }
  if (example === undefined || example.body === null || example.body === undefined) {
    return { status: example?.status ?? 204 }
  }
  return { status: example.status, headers, body: example.body }
}

describe("wire vectors (recorded from the official SDK)", () => {
  it("covers all 134 vectors of the 67 methods", () => {
    assert.strictEqual(vectors.length, 134)
    assert.strictEqual(covered.length, 134)
    assert.strictEqual(new Set(covered.map((v) => `${v.resource}.${v.method}`)).size, 67)
  })

  for (const vector of covered) {
    it.scoped(vector.id, () =>
      Effect.gen(function*() {
        const server = yield* TestServer.make(() => replyFor(vector))
        const ap = yield* AgentPhone.make({ apiKey: Redacted.make("test-token"), baseUrl: server.url }).pipe(
          Effect.provide(Layer.fresh(FetchHttpClient.layer))
        )
        const method = (ap as unknown as Record<
          string,
          Record<string, (...args: Array<unknown>) => Effect.Effect<unknown, unknown>>
        >)[vector.resource][vector.method]
        const called = vector.sdkArgs === null ? method() : method(vector.sdkArgs)
        // A streaming method (streamCallTranscript) returns a Stream: run it to the end.
        const result = yield* Effect.either(
          Predicate.hasProperty(called, Stream.StreamTypeId)
            ? Stream.runCollect(called as unknown as Stream.Stream<unknown, unknown>)
            : called
        )
        assert.isTrue(result._tag === "Right", `call failed: ${result._tag === "Left" ? String(result.left) : ""}`)

        assert.strictEqual(server.requests.length, 1)
        const got = server.requests[0]
        const want = vector.request
        assert.strictEqual(got.method, want.method)
        assert.strictEqual(got.path, want.path)
        assert.deepStrictEqual(got.query.map(([k, v]) => [k, v]), want.query.map(([k, v]) => [k, v]))
        assert.strictEqual(got.rawQuery, want.rawQuery)
        // `*/*` everywhere, as the official SDK sends; the transcript stream asks for its media type
        assert.strictEqual(
          got.headers.accept,
          vector.method === "streamCallTranscript" ? "text/event-stream" : want.headers.accept
        )
        if (want.rawBody === null) {
          assert.isNull(got.rawBody)
        } else {
          assert.deepStrictEqual(JSON.parse(got.rawBody ?? "null"), want.body)
        }
        assert.strictEqual(got.headers["content-type"] !== undefined, want.headers.contentType !== null)
        if (want.headers.contentType !== null) assert.match(got.headers["content-type"] ?? "", /^application\/json/)
        assert.strictEqual(got.headers.authorization ?? null, want.headers.authorization)
        assert.strictEqual(got.headers["x-sub-account-id"] ?? null, want.headers.xSubAccountId)
      }))
  }
})
