/**
 * `@agentphone-effect/core`: the Effect-native AgentPhone client.
 *
 * @since 0.1.0
 */

/**
 * The `AgentPhone` service, its layers and request options.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const agents = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.agents.listAgents())
 * ```
 *
 * @since 0.1.0
 */
export * as AgentPhone from "./AgentPhone.js"

/**
 * The protocol of a transport that can send a request under an `Abort` handle, which lets a call
 * keep its deadline without a fiber per attempt (`FetchTransport` and `@agentphone-effect/node`'s
 * client implement it).
 *
 * @example
 * ```ts
 * import { AbortableHttpClient } from "@agentphone-effect/core"
 * import { FetchHttpClient, HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const abortable = Effect.map(HttpClient.HttpClient, AbortableHttpClient.isAbortable).pipe(Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export * as AbortableHttpClient from "./AbortableHttpClient.js"

/**
 * The executor every endpoint runs through (`AgentPhoneClient`), its layers and options; each
 * callable row (`Contacts.listContacts(...)`) needs only this.
 *
 * @example
 * ```ts
 * import { AgentPhoneClient } from "@agentphone-effect/core"
 * import { FetchHttpClient } from "@effect/platform"
 * import { Layer } from "effect"
 *
 * const ClientLive = AgentPhoneClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export * as AgentPhoneClient from "./AgentPhoneClient.js"

/**
 * The platform's `FetchHttpClient`, which AgentPhone calls also use under an `Abort` (each
 * attempt's deadline aborts its `fetch`, with no fiber per attempt): the faster fetch transport.
 *
 * @example
 * ```ts
 * import { AgentPhone, FetchTransport } from "@agentphone-effect/core"
 * import { Layer } from "effect"
 *
 * const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(FetchTransport.layer))
 * ```
 *
 * @since 0.1.0
 */
export * as FetchTransport from "./FetchTransport.js"

/**
 * The typed errors of every call.
 *
 * @example
 * ```ts
 * import { AgentPhoneError, Contacts } from "@agentphone-effect/core"
 * import { Effect, Option } from "effect"
 *
 * const maybe = Contacts.getContact({ contact_id: "ct_3e8f" }).pipe(
 *   Effect.map(Option.some),
 *   Effect.catchTag("NotFoundError", (e: AgentPhoneError.NotFoundError) => Effect.succeed(Option.none()))
 * )
 * ```
 *
 * @since 0.1.0
 */
export * as AgentPhoneError from "./AgentPhoneError.js"

/**
 * Agents: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Agents } from "@agentphone-effect/core"
 *
 * const agent = Agents.getAgent({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export * as Agents from "./Agents.js"

/**
 * Contacts: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Contacts } from "@agentphone-effect/core"
 *
 * const page = Contacts.listContacts({ limit: 10 })
 * ```
 *
 * @since 0.1.0
 */
export * as Contacts from "./Contacts.js"

/**
 * The endpoint table's row type and builders.
 *
 * @example
 * ```ts
 * import { Endpoint } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const getThing = Endpoint.make("GET", "/v1/things/{thing_id}", {
 *   request: Schema.Struct({ thing_id: Schema.String }),
 *   response: Endpoint.json(Schema.Struct({ id: Schema.String }))
 * })
 * ```
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"

/**
 * Building blocks for wire models.
 *
 * @example
 * ```ts
 * import { Contacts, Model } from "@agentphone-effect/core"
 * import { Schema } from "effect"
 *
 * const fromText = Schema.decodeUnknownEither(Model.parseJson(Contacts.ContactResponse))
 * ```
 *
 * @since 0.1.0
 */
export * as Model from "./Model.js"

/**
 * Agent webhooks (an agent's own webhook): endpoint table.
 *
 * @example
 * ```ts
 * import { AgentWebhooks } from "@agentphone-effect/core"
 *
 * const hook = AgentWebhooks.getAgentWebhook({ agent_id: "agent_7f3a" }) // Option<WebhookResponse>
 * ```
 *
 * @since 0.1.0
 */
export * as AgentWebhooks from "./AgentWebhooks.js"

/**
 * Calls: models and endpoint table (recordings, transcripts, the transcript stream).
 *
 * @example
 * ```ts
 * import { Calls } from "@agentphone-effect/core"
 *
 * const call = Calls.createOutboundCall({ agentId: "agent_7f3a", toNumber: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export * as Calls from "./Calls.js"

/**
 * Contact cards: models and endpoint table.
 *
 * @example
 * ```ts
 * import { ContactCards } from "@agentphone-effect/core"
 *
 * const card = ContactCards.getContactCard({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export * as ContactCards from "./ContactCards.js"

/**
 * Conversations: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Conversations } from "@agentphone-effect/core"
 *
 * const conversations = Conversations.listConversations({})
 * ```
 *
 * @since 0.1.0
 */
export * as Conversations from "./Conversations.js"

/**
 * Location: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Location } from "@agentphone-effect/core"
 *
 * const where = Location.getLocation({ phone_number: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export * as Location from "./Location.js"

/**
 * Messages: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Messages } from "@agentphone-effect/core"
 *
 * const sent = Messages.sendMessage({ body: "Your order shipped", to_number: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export * as Messages from "./Messages.js"

/**
 * Numbers: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Numbers } from "@agentphone-effect/core"
 *
 * const numbers = Numbers.listNumbers({})
 * ```
 *
 * @since 0.1.0
 */
export * as Numbers from "./Numbers.js"

/**
 * A2P registration: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Registration } from "@agentphone-effect/core"
 *
 * const status = Registration.getRegistrationStatus({})
 * ```
 *
 * @since 0.1.0
 */
export * as Registration from "./Registration.js"

/**
 * Sub-accounts: models and endpoint table.
 *
 * @example
 * ```ts
 * import { SubAccounts } from "@agentphone-effect/core"
 *
 * const created = SubAccounts.createSubAccount({ name: "West Coast Clinics" })
 * ```
 *
 * @since 0.1.0
 */
export * as SubAccounts from "./SubAccounts.js"

/**
 * Usage: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Usage } from "@agentphone-effect/core"
 *
 * const usage = Usage.getUsage()
 * ```
 *
 * @since 0.1.0
 */
export * as Usage from "./Usage.js"

/**
 * Webhooks: models and endpoint table.
 *
 * @example
 * ```ts
 * import { Webhooks } from "@agentphone-effect/core"
 *
 * const webhook = Webhooks.getWebhook({}) // Option<WebhookResponse>
 * ```
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"
