// Every endpoint table of agentphone-effect, each row touched: the upper bound a one-call bundle is
// compared with (tree-shaking works when the one-call bundle holds far fewer rows than this one).
import * as Core from "@agentphone-effect/core"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"

export const everything = Core

export async function main(baseUrl, token) {
  const program = Effect.flatMap(Core.AgentPhone.AgentPhone, (ap) => ap.contacts.listContacts())
  const live = Core.AgentPhone.layer({ apiKey: Redacted.make(token), baseUrl }).pipe(
    Layer.provide(FetchHttpClient.layer)
  )
  const list = await Effect.runPromise(Effect.provide(program, live))
  return list.data.length
}
