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
