// One list-contacts call with agentphone-effect over FetchHttpClient, as a size-minded user writes
// it: the callable row from its module subpath, run by the executor alone.
import * as AgentPhoneClient from "@agentphone-effect/core/AgentPhoneClient"
import * as Contacts from "@agentphone-effect/core/Contacts"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export async function main(baseUrl, token) {
  const live = AgentPhoneClient.layer({ apiKey: Redacted.make(token), baseUrl }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )
  const list = await Effect.runPromise(Effect.provide(Contacts.listContacts(), live))
  return list.data.length
}
