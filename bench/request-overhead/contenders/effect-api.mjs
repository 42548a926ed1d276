// The Effect baseline client: what a plain, idiomatic @effect/platform client looks like, with no SDK on top.
// HttpClient + prependUrl + bearerToken (Redacted) + filterStatusOk + Schema decode into Schema.Class models.
// Tracer propagation is switched off (house style, cheat-sheet section 1: otherwise every request gets
// traceparent + b3 headers); the per-request client span is still created, as in any Effect HttpClient.
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

const NullableString = Schema.optional(Schema.NullOr(Schema.String))

export class Contact extends Schema.Class("Contact")({
  id: Schema.String,
  phoneNumber: Schema.String,
  name: Schema.String,
  email: NullableString,
  notes: NullableString,
  createdAt: Schema.String,
  updatedAt: Schema.String
}) {}

export class ContactList extends Schema.Class("ContactList")({
  data: Schema.Array(Contact),
  hasMore: Schema.Boolean,
  total: Schema.Number
}) {}

export class SendMessageResponse extends Schema.Class("SendMessageResponse")({
  id: Schema.String,
  status: Schema.String,
  channel: Schema.String,
  from_number: Schema.String,
  to_number: Schema.String,
  conversation_id: NullableString,
  media_urls: Schema.optional(Schema.Array(Schema.String))
}) {}

export const makeApi = ({ baseUrl, token, tracerPropagation = false }) =>
  Effect.map(HttpClient.HttpClient, (base) => {
    const apiKey = Redacted.make(token)
    const client = base.pipe(
      HttpClient.mapRequest((req) =>
        req.pipe(HttpClientRequest.prependUrl(baseUrl), HttpClientRequest.bearerToken(apiKey))
      ),
      HttpClient.filterStatusOk,
      HttpClient.withTracerPropagation(tracerPropagation)
    )
    const decodeList = HttpClientResponse.schemaBodyJson(ContactList)
    const decodeSent = HttpClientResponse.schemaBodyJson(SendMessageResponse)
    return {
      listContacts: () => client.get("/v1/contacts").pipe(Effect.flatMap(decodeList)),
      sendMessage: (body) =>
        client.execute(HttpClientRequest.bodyUnsafeJson(HttpClientRequest.post("/v1/messages"), body)).pipe(
          Effect.flatMap(decodeSent)
        )
    }
  })

/** Adapt an Effect API (built over `layer`) to the promise interface the harness drives. */
export async function promiseClient(layer, options) {
  const runtime = ManagedRuntime.make(layer)
  const api = await runtime.runPromise(makeApi(options))
  const list = Effect.map(Effect.suspend(api.listContacts), (l) => l.data.length)
  return {
    listContacts: () => runtime.runPromise(list),
    sendMessage: (body) => runtime.runPromise(Effect.map(api.sendMessage(body), (r) => r.to_number)),
    // Throughput runs stay inside Effect: one runPromise, n requests, `concurrency` fibers.
    runMany: (op, n, concurrency) =>
      runtime.runPromise(
        Effect.replicateEffect(
          op === "list" ? list : Effect.suspend(() => api.sendMessage({ body: "hi", to_number: "+14155550123" })),
          n,
          { concurrency, discard: true }
        )
      ),
    close: () => runtime.dispose()
  }
}
