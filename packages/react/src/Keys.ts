/**
 * The query keys the ready-made hooks use, so that writes refresh the right reads.
 *
 * @example
 * ```ts
 * import { Keys } from "@agentphone-effect/react"
 * const everyCallQuery = Keys.calls // ["calls"]: lists and details
 * ```
 *
 * @since 0.1.0
 */
import type * as Store from "./Store.js"

/**
 * The query keys the resource hooks use. Invalidate a prefix (`Keys.calls`) to refresh every
 * list and detail under it.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { Keys, useInvalidate } from "@agentphone-effect/react"
 * const useReloadCalls = () => {
 *   const invalidate = useInvalidate()
 *   return () => invalidate(Keys.calls)
 * }
 * ```
 */
export const Keys = {
  calls: ["calls"],
  callList: (request: unknown): Store.Key => ["calls", "list", request ?? {}],
  call: (callId: string): Store.Key => ["calls", "detail", callId],
  conversations: ["conversations"],
  conversationList: (request: unknown): Store.Key => ["conversations", "list", request ?? {}],
  conversationMessages: (conversationId: string, request: unknown): Store.Key => [
    "conversations",
    "messages",
    conversationId,
    request ?? {}
  ],
  contacts: ["contacts"],
  contactList: (request: unknown): Store.Key => ["contacts", "list", request ?? {}],
  agents: ["agents"],
  agentList: (request: unknown): Store.Key => ["agents", "list", request ?? {}],
  numbers: ["numbers"],
  numberList: (request: unknown): Store.Key => ["numbers", "list", request ?? {}],
  usage: ["usage"],
  transcript: (callId: string): Store.Key => ["transcript", callId]
} as const
