/**
 * A transport that can send a request under an `Abort` handle: what lets a call keep its
 * attempt's deadline without a fiber of its own.
 *
 * An attempt's timeout normally runs the attempt on a fiber of its own, which is interrupted when
 * the deadline passes: the only way to stop an arbitrary `HttpClient` (its middleware may wait on
 * anything). A transport that is given an `Abort` can stop itself: the attempt then runs on the
 * caller's fiber, a host timer aborts it at the deadline, and the transport fails the request, or
 * the body being received, with its own error (the call fails with a `TimeoutError`). In the
 * request-overhead bench the fiber per attempt was about a quarter of a call's CPU. (`Abort` is
 * not an `AbortSignal`: in Node an `AbortController` per request cost about as much again.)
 *
 * The client `AgentPhoneClient` is given is used this way only when it carries the method itself
 * (a client derived from it with `HttpClient.mapRequest`, `tap`, … does not, so its middleware runs
 * under the fiber-based deadline as before), under Effect's live clock. The protocol is a global
 * symbol (`Symbol.for`), so a transport implements it without depending on this package:
 * `@agentphone-effect/node`'s `UndiciHttpClient` does, and so does `FetchTransport` here.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import type * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"

/**
 * The key of the method (`Symbol.for("@agentphone-effect/core/AbortableHttpClient")`).
 *
 * @example
 * ```ts
 * import { AbortableHttpClient } from "@agentphone-effect/core"
 *
 * const same = AbortableHttpClient.TypeId === Symbol.for("@agentphone-effect/core/AbortableHttpClient") // true
 * ```
 *
 * @since 0.1.0
 */
export const TypeId: unique symbol = Symbol.for("@agentphone-effect/core/AbortableHttpClient")

/**
 * What aborts one request: `aborted` once it has, and `onAbort` to be told when it does.
 *
 * @example
 * ```ts
 * import type { AbortableHttpClient } from "@agentphone-effect/core"
 *
 * // aborted by hand (a call's deadline is one that a timer aborts)
 * class Handle implements AbortableHttpClient.Abort {
 *   aborted = false
 *   private listener: (() => void) | undefined
 *   onAbort(listener: () => void) {
 *     this.listener = listener
 *   }
 *   abort() {
 *     this.aborted = true
 *     this.listener?.()
 *   }
 * }
 * ```
 *
 * @since 0.1.0
 */
export interface Abort {
  /** Whether it has aborted. */
  readonly aborted: boolean
  /** Call `listener` once it aborts (one listener: a later one replaces it). */
  readonly onAbort: (listener: () => void) => void
}

/**
 * How a transport sends `request` under `abort`: as its `execute` does, except that once `abort`
 * aborts, the request (while it waits for its response) and its body (while it is received) fail
 * with the transport's own `RequestError` or `ResponseError`; a body already received stays
 * readable. It runs no Effect code that reads the caller's fiber refs or span (no middleware, no
 * `http.client` span of its own).
 *
 * @example
 * ```ts
 * import type { AbortableHttpClient } from "@agentphone-effect/core"
 * import { HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * // a transport that takes an `Abort` only to honour one already aborted
 * const send = (client: HttpClient.HttpClient): AbortableHttpClient.ExecuteAbortable => (request, abort) =>
 *   abort.aborted ? Effect.dieMessage("aborted before it was sent") : client.execute(request)
 * ```
 *
 * @since 0.1.0
 */
export type ExecuteAbortable = (
  request: HttpClientRequest.HttpClientRequest,
  abort: Abort
) => Effect.Effect<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>

/**
 * An `HttpClient` that can also send a request under an `Abort`.
 *
 * @example
 * ```ts
 * import { AbortableHttpClient } from "@agentphone-effect/core"
 * import { HttpClientRequest } from "@effect/platform"
 *
 * // a request that is never aborted
 * const never: AbortableHttpClient.Abort = { aborted: false, onAbort: () => {} }
 * const send = (client: AbortableHttpClient.AbortableHttpClient) =>
 *   client[AbortableHttpClient.TypeId](HttpClientRequest.get("https://api.agentphone.ai/v1/agents"), never)
 * ```
 *
 * @since 0.1.0
 */
export interface AbortableHttpClient extends HttpClient.HttpClient {
  readonly [TypeId]: ExecuteAbortable
}

/**
 * Whether `client` can send a request under an `Abort` (it carries the method itself).
 *
 * @example
 * ```ts
 * import { AbortableHttpClient } from "@agentphone-effect/core"
 * import { FetchHttpClient, HttpClient } from "@effect/platform"
 * import { Effect } from "effect"
 *
 * const program = Effect.map(HttpClient.HttpClient, AbortableHttpClient.isAbortable).pipe(
 *   Effect.provide(FetchHttpClient.layer)
 * ) // false: the platform's clients take no signal from their caller
 * ```
 *
 * @since 0.1.0
 */
export const isAbortable = (client: HttpClient.HttpClient): client is AbortableHttpClient =>
  Predicate.hasProperty(client, TypeId) && typeof client[TypeId] === "function"
