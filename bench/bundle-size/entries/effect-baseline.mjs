// One list-contacts call with the Effect baseline: HttpClient + FetchHttpClient + one Schema.Class model.
// Per-module imports, as an SDK's src/ would use (see effect-baseline-barrel.mjs for the barrel form).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

class Contact extends Schema.Class("Contact")({
  id: Schema.String,
  phoneNumber: Schema.String,
  name: Schema.String,
  email: Schema.optional(Schema.NullOr(Schema.String)),
  notes: Schema.optional(Schema.NullOr(Schema.String)),
  createdAt: Schema.String,
  updatedAt: Schema.String
}) {}
const ContactList = Schema.Struct({ data: Schema.Array(Contact), hasMore: Schema.Boolean, total: Schema.Number })

export async function main(baseUrl, token) {
  const program = Effect.gen(function*() {
    const client = (yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((req) =>
        req.pipe(HttpClientRequest.prependUrl(baseUrl), HttpClientRequest.bearerToken(Redacted.make(token)))
      ),
      HttpClient.filterStatusOk,
      HttpClient.withTracerPropagation(false)
    )
    const list = yield* client.get("/v1/contacts").pipe(Effect.flatMap(HttpClientResponse.schemaBodyJson(ContactList)))
    return list.data.length
  })
  return Effect.runPromise(program.pipe(Effect.provide(FetchHttpClient.layer)))
}
