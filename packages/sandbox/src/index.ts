/**
 * `@agentphone-effect/sandbox`: a local, stateful AgentPhone-compatible server with simulated
 * calls and messages, signed webhooks and fault injection.
 *
 * @since 0.1.0
 */

/**
 * The sandbox layers, service and control functions.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * // or, one module only: import * as Sandbox from "@agentphone-effect/sandbox/Sandbox"
 *
 * const layer = Sandbox.layerClient({ seed: 42 })
 * ```
 *
 * @since 0.1.0
 */
export * as Sandbox from "./Sandbox.js"

/**
 * Error responses in the API's shapes.
 *
 * @example
 * ```ts
 * import { ApiFailure } from "@agentphone-effect/sandbox"
 *
 * const failure = ApiFailure.notFound("Agent") // 404 {"detail": "Agent not found"}
 * ```
 *
 * @since 0.1.0
 */
export * as ApiFailure from "./ApiFailure.js"

/**
 * Webhook delivery, signing and voice replies.
 *
 * @example
 * ```ts
 * import { Delivery } from "@agentphone-effect/sandbox"
 *
 * // Sign a test payload the way the sandbox signs its deliveries.
 * const signature = Delivery.sign("whsec_test", "1772471045", `{"event":"agent.message"}`)
 * ```
 *
 * @since 0.1.0
 */
export * as Delivery from "./Delivery.js"

/**
 * Fault injection.
 *
 * @example
 * ```ts
 * import { Faults } from "@agentphone-effect/sandbox"
 *
 * const everyOtherRequestFails: Faults.FaultConfig = { serverError: { rate: 0.5 } }
 * ```
 *
 * @since 0.1.0
 */
export * as Faults from "./Faults.js"

/**
 * E.164 normalisation and number provisioning.
 *
 * @example
 * ```ts
 * import { Phone } from "@agentphone-effect/sandbox"
 *
 * const e164 = Phone.normalize("415-555-0123") // Option.some("+14155550123")
 * ```
 *
 * @since 0.1.0
 */
export * as Phone from "./Phone.js"

/**
 * Events published inside a sandbox.
 *
 * @example
 * ```ts
 * import type { SandboxEvent } from "@agentphone-effect/sandbox"
 *
 * const describe = (event: SandboxEvent.SandboxEvent) => event._tag === "CallEnded" ? `call ${event.callId} ended` : event._tag
 * ```
 *
 * @since 0.1.0
 */
export * as SandboxEvent from "./SandboxEvent.js"

/**
 * The simulation clock.
 *
 * @example
 * ```ts
 * import { SimClock } from "@agentphone-effect/sandbox"
 *
 * const stamp = SimClock.toIso(Date.UTC(2026, 0, 1)) // "2026-01-01T00:00:00.000Z"
 * ```
 *
 * @since 0.1.0
 */
export * as SimClock from "./SimClock.js"

/**
 * Simulated calls and transcript streams.
 *
 * @example
 * ```ts
 * import { Sandbox, Simulation } from "@agentphone-effect/sandbox"
 *
 * // The default script, answered more slowly.
 * const layer = Sandbox.layer({ script: Simulation.defaultScript, timing: { turnInterval: "8 seconds" } })
 * ```
 *
 * @since 0.1.0
 */
export * as Simulation from "./Simulation.js"

/**
 * The in-memory store.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import type { Store } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const inbound = Effect.map(Sandbox.Sandbox, ({ store }): ReadonlyArray<Store.MessageRecord> =>
 *   Array.from(store.root.messages.values()).filter((m) => m.direction === "inbound"))
 * ```
 *
 * @since 0.1.0
 */
export * as Store from "./Store.js"
