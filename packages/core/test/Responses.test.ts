import { assert, describe, it } from "@effect/vitest"
import { Either, Option, Redacted } from "effect"
import * as AgentPhone from "../src/AgentPhone.js"
import type * as Calls from "../src/Calls.js"
import type * as Endpoint from "../src/Endpoint.js"
import type * as Webhooks from "../src/Webhooks.js"
import responses from "./fixtures/responses.json" with { type: "json" }

interface Example {
  readonly status: number
  readonly body?: unknown
  readonly bodyBase64?: string
}

const examples = Object.entries(responses.endpoints as Record<string, Example>)
const rowOf = (name: string): Endpoint.Endpoint<unknown, unknown, unknown> => {
  const [group, method] = name.split(".")
  return (AgentPhone.groups as unknown as Record<string, Record<string, Endpoint.Endpoint<unknown, unknown, unknown>>>)[
    group
  ][method]
}
const isJson = (row: Endpoint.Endpoint<unknown, unknown, unknown>) =>
  row.response._tag === "Json" || row.response._tag === "JsonOrNull"

describe("every model decodes the shared response examples", () => {
  it("there is an example for every one of the 67 methods", () => {
    assert.strictEqual(examples.length, 67)
    for (const [name] of examples) assert.isDefined(rowOf(name), name)
  })

  for (const [name, example] of examples) {
    const row = rowOf(name)
    if (!isJson(row)) continue
    it(name, () => {
      const decoded = row.decode(JSON.stringify(example.body))
      assert.isTrue(Either.isRight(decoded), Either.isLeft(decoded) ? JSON.stringify(decoded.left) : "")
    })
  }

  it("unknown keys are kept, at the top and inside", () => {
    const body = structuredClone(responses.endpoints["calls.getCall"].body) as Record<string, any>
    body.futureField = { a: 1 }
    body.transcripts[0].speaker = "caller"
    const decoded = Either.getOrThrow(rowOf("calls.getCall").decode(JSON.stringify(body))) as Calls.CallDetail
    assert.deepStrictEqual((decoded as unknown as Record<string, unknown>).futureField, { a: 1 })
    assert.strictEqual((decoded.transcripts[0] as unknown as Record<string, unknown>).speaker, "caller")
  })

  it("an enum value the server adds later still decodes", () => {
    const body = { ...responses.endpoints["calls.endCall"].body, status: "ringing", direction: "sip" }
    const decoded = Either.getOrThrow(rowOf("calls.endCall").decode(JSON.stringify(body))) as Calls.Call
    assert.strictEqual(decoded.status, "ringing")
    assert.strictEqual(decoded.direction, "sip")
  })

  it("a documented required key that is missing is a decode failure that names it", () => {
    for (const [name, example] of examples) {
      const row = rowOf(name)
      const body = example.body
      if (!isJson(row) || typeof body !== "object" || body === null || Array.isArray(body) || !("id" in body)) continue
      const { id: _, ...rest } = body as Record<string, unknown>
      const decoded = row.decode(JSON.stringify(rest))
      assert.isTrue(Either.isLeft(decoded), `${name} without id`)
      if (Either.isLeft(decoded)) assert.include(JSON.stringify(decoded.left.map((i) => i.loc)), "id", name)
    }
  })

  it("getCallTranscript accepts {data} and {transcripts}", () => {
    const turns = responses.endpoints["calls.getCallTranscript"].body.data
    for (const body of [{ data: turns }, { transcripts: turns }]) {
      const decoded = Either.getOrThrow(
        rowOf("calls.getCallTranscript").decode(JSON.stringify(body))
      ) as Calls.CallTranscript
      assert.strictEqual(decoded.data.length, turns.length)
      assert.strictEqual(decoded.data[0].id, turns[0].id)
    }
  })

  it("listDeliveries accepts {items, total, offset, limit} and {data, hasMore, total}", async () => {
    const Webhooks_ = await import("../src/Webhooks.js")
    const items = responses.endpoints["webhooks.listDeliveries"].body.items
    for (const body of [{ items, total: 9, offset: 0, limit: 2 }, { data: items, hasMore: true, total: 9 }]) {
      const decoded = Either.getOrThrow(
        rowOf("webhooks.listDeliveries").decode(JSON.stringify(body))
      ) as Webhooks.ListDeliveriesResponse
      assert.deepStrictEqual(Webhooks_.deliveriesOf(decoded).map((d) => d.id), items.map((d) => d.id))
    }
  })

  it("getWebhook: JSON null and an empty body are None, an object is Some", () => {
    const row = rowOf("webhooks.getWebhook")
    assert.isTrue(Option.isNone(Either.getOrThrow(row.decode("null")) as Option.Option<unknown>))
    assert.isTrue(Option.isNone(Either.getOrThrow(row.decode("")) as Option.Option<unknown>))
    const some = Either.getOrThrow(row.decode(JSON.stringify(responses.endpoints["webhooks.getWebhook"].body)))
    assert.isTrue(Option.isSome(some as Option.Option<unknown>))
  })

  it("a webhook secret is Redacted: readable on purpose, never printed", () => {
    const body = responses.endpoints["webhooks.createOrUpdateWebhook"].body
    const hook = Either.getOrThrow(
      rowOf("webhooks.createOrUpdateWebhook").decode(JSON.stringify(body))
    ) as Webhooks.WebhookResponse
    assert.strictEqual(Redacted.value(hook.secret), body.secret)
    assert.notInclude(String(hook), body.secret)
    assert.notInclude(JSON.stringify(hook), body.secret)
  })
})
