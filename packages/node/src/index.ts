/**
 * `@agentphone-effect/node`: Node-only pieces for Effect programs that call AgentPhone.
 *
 * @since 0.1.0
 */

/**
 * A lean `HttpClient` over undici: `make(dispatcher)`, `layer` (an `Agent` of its own),
 * `layerGlobal` (undici's global dispatcher).
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { UndiciHttpClient } from "@agentphone-effect/node"
 * import { Layer } from "effect"
 *
 * export const AgentPhoneLive = AgentPhone.layerConfig().pipe(Layer.provide(UndiciHttpClient.layer))
 * ```
 *
 * @since 0.1.0
 */
export * as UndiciHttpClient from "./UndiciHttpClient.js"
