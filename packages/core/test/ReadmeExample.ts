// The README's usage example, kept here so `pnpm check` type-checks it. Keep the two in sync.
import { AgentPhone } from "@agentphone-effect/core"
import { FetchHttpClient } from "@effect/platform"
import { Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const ap = yield* AgentPhone.AgentPhone
  const { data: agents } = yield* ap.agents.listAgents()
  const contact = yield* ap.contacts.createContact({ phoneNumber: "+14155550123", name: "Ada" })
  yield* Effect.log(`${agents.length} agents; saved ${contact.name} as ${contact.id}`)
}).pipe(
  Effect.catchTag("ConflictError", () => Effect.log("that number is already a contact"))
)

// AGENTPHONE_API_KEY (and optionally AGENTPHONE_BASE_URL) come from the environment.
const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))

export const main = program.pipe(Effect.provide(AgentPhoneLive))
