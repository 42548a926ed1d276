/**
 * `@agentphone-effect/core`: the Effect-native AgentPhone client.
 *
 * @since 0.1.0
 */

/**
 * The `AgentPhone` service, its layers and request options.
 *
 * @since 0.1.0
 */
export * as AgentPhone from "./AgentPhone.js"

/**
 * The executor every endpoint runs through (`AgentPhoneClient`), its layers and options; each
 * callable row (`Contacts.listContacts(...)`) needs only this.
 *
 * @since 0.1.0
 */
export * as AgentPhoneClient from "./AgentPhoneClient.js"

/**
 * The typed errors of every call.
 *
 * @since 0.1.0
 */
export * as AgentPhoneError from "./AgentPhoneError.js"

/**
 * Agents: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Agents from "./Agents.js"

/**
 * Contacts: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Contacts from "./Contacts.js"

/**
 * The endpoint table's row type and builders.
 *
 * @since 0.1.0
 */
export * as Endpoint from "./Endpoint.js"

/**
 * Building blocks for wire models.
 *
 * @since 0.1.0
 */
export * as Model from "./Model.js"

/**
 * Agent webhooks (an agent's own webhook): endpoint table.
 *
 * @since 0.1.0
 */
export * as AgentWebhooks from "./AgentWebhooks.js"

/**
 * Calls: models and endpoint table (recordings, transcripts, the transcript stream).
 *
 * @since 0.1.0
 */
export * as Calls from "./Calls.js"

/**
 * Contact cards: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as ContactCards from "./ContactCards.js"

/**
 * Conversations: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Conversations from "./Conversations.js"

/**
 * Location: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Location from "./Location.js"

/**
 * Messages: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Messages from "./Messages.js"

/**
 * Numbers: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Numbers from "./Numbers.js"

/**
 * A2P registration: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Registration from "./Registration.js"

/**
 * Sub-accounts: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as SubAccounts from "./SubAccounts.js"

/**
 * Usage: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Usage from "./Usage.js"

/**
 * Webhooks: models and endpoint table.
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"
