/**
 * What happens inside a sandbox, published for tests and demos (`Sandbox.events`): a test can
 * wait for "the delivery was attempted" instead of sleeping.
 *
 * @since 0.1.0
 */
import * as Data from "effect/Data"

/**
 * A sandbox event. Wait for one instead of sleeping: subscribe, act, then take the first match.
 *
 * @example
 * ```ts
 * import { Sandbox, SandboxEvent } from "@agentphone-effect/sandbox"
 * import { Effect, Stream } from "effect"
 *
 * // Inject a message and wait until its webhook delivery was attempted.
 * const delivered = Effect.scoped(Effect.gen(function*() {
 *   const events = yield* Sandbox.subscribe
 *   yield* Sandbox.injectMessage({ from: "+14155550123", body: "Hello" })
 *   return yield* events.pipe(
 *     Stream.filter(SandboxEvent.SandboxEvent.$is("DeliveryAttempted")),
 *     Stream.runHead
 *   )
 * }))
 * ```
 *
 * @since 0.1.0
 */
export type SandboxEvent = Data.TaggedEnum<{
  /** A webhook delivery attempt finished (its record is updated). */
  DeliveryAttempted: {
    readonly deliveryId: string
    readonly eventType: string
    readonly status: "pending" | "delivered" | "failed"
    readonly attemptCount: number
    readonly httpStatus: number | null
    /** Simulated epoch ms of the next retry, when one is scheduled. */
    readonly nextRetryAt: number | null
  }
  /** A transcript turn was appended to a call. */
  TurnAdded: { readonly callId: string; readonly turnId: string; readonly index: number }
  /** A call ended. */
  CallEnded: { readonly callId: string; readonly reason: string }
  /** A transcript stream connection closed (call ended, dropped, or the client went away). */
  TranscriptStreamClosed: { readonly callId: string }
  /** A message was stored (inbound or outbound). */
  MessageStored: { readonly messageId: string; readonly direction: "inbound" | "outbound" }
}>

/**
 * Constructors and matchers.
 *
 * @example
 * ```ts
 * import { SandboxEvent } from "@agentphone-effect/sandbox"
 *
 * const e = SandboxEvent.SandboxEvent.CallEnded({ callId: "call_1", reason: "api_hangup" })
 * ```
 *
 * @since 0.1.0
 */
export const SandboxEvent = Data.taggedEnum<SandboxEvent>()
