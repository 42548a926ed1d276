// One list-contacts call through the grouped service (ap.contacts.listContacts()): convenient, keeps every table.
import { AgentPhone } from "@agentphone-effect/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export async function main(baseUrl, token) {
  const program = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.contacts.listContacts())
  const live = AgentPhone.layer({ apiKey: Redacted.make(token), baseUrl }).pipe(Layer.provide(FetchHttpClient.layer))
  const list = await Effect.runPromise(Effect.provide(program, live))
  return list.data.length
}
