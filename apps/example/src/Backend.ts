/**
 * What the app runs against: the embedded local sandbox (the default) or the real AgentPhone API
 * (when `AGENTPHONE_API_KEY` is set). The scenario talks to both through the same `AgentPhone`
 * service; this service holds only what differs: the sandbox's controls (inject an inbound SMS,
 * move simulated time forward) and a description for the narration.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import type * as Effect from "effect/Effect"

/**
 * An inbound SMS to inject (sandbox only).
 *
 * @since 0.1.0
 */
export interface InboundSms {
  /** The id of the receiving number. */
  readonly numberId: string
  /** The sender, E.164. */
  readonly from: string
  readonly body: string
}

/**
 * The backend service.
 *
 * @since 0.1.0
 */
export interface Service {
  readonly mode: "sandbox" | "live"
  /** One line for the narration, e.g. `local sandbox at http://127.0.0.1:41234`. */
  readonly description: string
  /** A number the outbound call can dial (the sandbox answers it with a simulated caller). */
  readonly callee: string
  /** Make an SMS arrive at one of the account's numbers, as if a person had sent it. */
  readonly injectInboundSms: (sms: InboundSms) => Effect.Effect<void, unknown>
  /**
   * Run `effect` (waiting for a delivery, following a live call) while simulated time moves on,
   * so the simulation advances quickly; against the real API it just runs `effect`.
   */
  readonly drive: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * The backend the app runs against.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Backend } from "./Backend.js"
 *
 * const program = Effect.flatMap(Backend, (b) => Effect.log(`running against ${b.description}`))
 * ```
 *
 * @since 0.1.0
 */
export class Backend extends Context.Tag("@agentphone-effect/example/Backend")<Backend, Service>() {}
