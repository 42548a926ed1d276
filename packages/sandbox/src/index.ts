/**
 * `@agentphone-effect/sandbox`: a local, stateful AgentPhone-compatible server with simulated
 * calls and messages, signed webhooks and fault injection.
 *
 * @since 0.1.0
 */

/**
 * The sandbox layers, service and control functions.
 *
 * @since 0.1.0
 */
export * as Sandbox from "./Sandbox.js"

/**
 * Error responses in the API's shapes.
 *
 * @since 0.1.0
 */
export * as ApiFailure from "./ApiFailure.js"

/**
 * Webhook delivery, signing and voice replies.
 *
 * @since 0.1.0
 */
export * as Delivery from "./Delivery.js"

/**
 * Fault injection.
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * Request and response helpers.
 *
 * @since 0.1.0
 */
export * as Http from "./Http.js"

/**
 * E.164 normalisation and number provisioning.
 *
 * @since 0.1.0
 */
export * as Phone from "./Phone.js"

/**
 * Events published inside a sandbox.
 *
 * @since 0.1.0
 */
export * as SandboxEvent from "./SandboxEvent.js"

/**
 * The simulation clock.
 *
 * @since 0.1.0
 */
export * as SimClock from "./SimClock.js"

/**
 * Simulated calls and transcript streams.
 *
 * @since 0.1.0
 */
export * as Simulation from "./Simulation.js"

/**
 * The in-memory store.
 *
 * @since 0.1.0
 */
export * as Store from "./Store.js"
