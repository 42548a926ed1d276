/**
 * Ready-made hooks for the main AgentPhone resources, with the official method names and
 * request objects, and the keys they share so that writes refresh the right reads.
 *
 * @example
 * ```tsx
 * import { Result, useCalls, useEndCall } from "@agentphone-effect/react"
 *
 * export const LiveCalls = () => {
 *   const calls = useCalls({ status: "in-progress" })
 *   const end = useEndCall()
 *   return Result.match(calls, {
 *     onInitial: () => <p>Loading calls…</p>,
 *     onSuccess: (page) => (
 *       <ul>
 *         {page.data.map((call) => (
 *           <li key={call.id}>{call.toNumber} <button onClick={() => end.run(call.id)}>End</button></li>
 *         ))}
 *       </ul>
 *     ),
 *     onFailure: (error) => <p role="alert">{error.message}</p>
 *   })
 * }
 * ```
 *
 * @since 0.1.0
 */
import * as AgentPhone from "@agentphone-effect/core/AgentPhone"
import type * as AgentPhoneError from "@agentphone-effect/core/AgentPhoneError"
import * as Effect from "effect/Effect"
import { type Mutation, useAgentPhone, useMutation } from "./Hooks.js"
import { Keys } from "./Keys.js"
import type * as Result from "./Result.js"

type Service = AgentPhone.Service
type Success<F> = F extends (...args: ReadonlyArray<any>) => Effect.Effect<infer A, any, any> ? A : never
type Req<F> = F extends (request: infer R, ...rest: ReadonlyArray<any>) => any ? R : never
type Error = AgentPhoneError.AgentPhoneError

const withService = <A, E>(f: (ap: Service) => Effect.Effect<A, E>): Effect.Effect<A, E, AgentPhone.AgentPhone> =>
  Effect.flatMap(AgentPhone.AgentPhone, f)

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

/**
 * `calls.listCalls` (recent calls first; filters `status`, `direction`, `type`, `search`).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useCalls } from "@agentphone-effect/react"
 * const useFailedCalls = () => useCalls({ status: "failed" })
 * ```
 */
export const useCalls = (
  request?: Req<Service["calls"]["listCalls"]>
): Result.Result<Success<Service["calls"]["listCalls"]>, Error> =>
  useAgentPhone(Keys.callList(request), (ap) => ap.calls.listCalls(request))

/**
 * `calls.getCall`: one call with its transcript turns.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useCall } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 * import { Option } from "effect"
 *
 * // How many turns the call has so far (None while loading or on failure).
 * const useTurnCount = (callId: string) => Option.map(Result.value(useCall(callId)), (call) => call.transcripts.length)
 * ```
 */
export const useCall = (callId: string): Result.Result<Success<Service["calls"]["getCall"]>, Error> =>
  useAgentPhone(Keys.call(callId), (ap) => ap.calls.getCall({ call_id: callId }))

/**
 * `conversations.listConversations` (most recently active first).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useConversations } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 * import { Option } from "effect"
 *
 * // An inbox: who, and a preview of their last message.
 * const useInbox = () =>
 *   Option.map(Result.value(useConversations()), (page) =>
 *     page.data.map((c) => `${c.participant}: ${c.lastMessagePreview}`))
 * ```
 */
export const useConversations = (
  request?: Req<Service["conversations"]["listConversations"]>
): Result.Result<Success<Service["conversations"]["listConversations"]>, Error> =>
  useAgentPhone(Keys.conversationList(request), (ap) => ap.conversations.listConversations(request))

/**
 * `conversations.getConversationMessages`: a conversation's messages (newest first).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useConversationMessages } from "@agentphone-effect/react"
 * const useThread = (id: string) => useConversationMessages(id, { limit: 50 })
 * ```
 */
export const useConversationMessages = (
  conversationId: string,
  request?: Omit<Req<Service["conversations"]["getConversationMessages"]>, "conversation_id">
): Result.Result<Success<Service["conversations"]["getConversationMessages"]>, Error> =>
  useAgentPhone(
    Keys.conversationMessages(conversationId, request),
    (ap) => ap.conversations.getConversationMessages({ ...request, conversation_id: conversationId })
  )

/**
 * `contacts.listContacts`.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useContacts } from "@agentphone-effect/react"
 * const useFirstContacts = () => useContacts({ limit: 20 })
 * ```
 */
export const useContacts = (
  request?: Req<Service["contacts"]["listContacts"]>
): Result.Result<Success<Service["contacts"]["listContacts"]>, Error> =>
  useAgentPhone(Keys.contactList(request), (ap) => ap.contacts.listContacts(request))

/**
 * `agents.listAgents`.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useAgents } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 *
 * const useAgentNames = () => Result.match(useAgents(), {
 *   onInitial: () => [],
 *   onSuccess: (page) => page.data.map((agent) => agent.name),
 *   onFailure: () => []
 * })
 * ```
 */
export const useAgents = (
  request?: Req<Service["agents"]["listAgents"]>
): Result.Result<Success<Service["agents"]["listAgents"]>, Error> =>
  useAgentPhone(Keys.agentList(request), (ap) => ap.agents.listAgents(request))

/**
 * `numbers.listNumbers` (active numbers).
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useNumbers } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 * import { Option } from "effect"
 *
 * // The numbers to offer in a "send from" picker.
 * const useSenderNumbers = () =>
 *   Option.match(Result.value(useNumbers()), { onNone: () => [], onSome: (page) => page.data.map((n) => n.phoneNumber) })
 * ```
 */
export const useNumbers = (
  request?: Req<Service["numbers"]["listNumbers"]>
): Result.Result<Success<Service["numbers"]["listNumbers"]>, Error> =>
  useAgentPhone(Keys.numberList(request), (ap) => ap.numbers.listNumbers(request))

/**
 * `usage.getUsage`: plan, number quota and counters.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useUsage } from "@agentphone-effect/react"
 * import { Result } from "@agentphone-effect/react"
 * import { Option } from "effect"
 *
 * // "3 of 5 numbers used"
 * const useNumberQuota = () =>
 *   Option.map(Result.value(useUsage()), (usage) => `${usage.numbers.used} of ${usage.numbers.limit} numbers used`)
 * ```
 */
export const useUsage = (): Result.Result<Success<Service["usage"]["getUsage"]>, Error> =>
  useAgentPhone(Keys.usage, (ap) => ap.usage.getUsage())

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/**
 * `messages.sendMessage`; refreshes conversations and their messages.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useSendMessage } from "@agentphone-effect/react"
 * const useReply = (agentId: string, to: string) => {
 *   const send = useSendMessage()
 *   return (body: string) => send.run({ agent_id: agentId, to_number: to, body })
 * }
 * ```
 */
export const useSendMessage = (): Mutation<
  Req<Service["messages"]["sendMessage"]>,
  Success<Service["messages"]["sendMessage"]>,
  Error
> =>
  useMutation(
    (request: Req<Service["messages"]["sendMessage"]>) => withService((ap) => ap.messages.sendMessage(request)),
    { invalidates: [Keys.conversations] }
  )

/**
 * `calls.createOutboundCall`; refreshes the call lists.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useCreateCall } from "@agentphone-effect/react"
 * const useDial = (agentId: string) => {
 *   const create = useCreateCall()
 *   return (toNumber: string) => create.run({ agentId, toNumber })
 * }
 * ```
 */
export const useCreateCall = (): Mutation<
  Req<Service["calls"]["createOutboundCall"]>,
  Success<Service["calls"]["createOutboundCall"]>,
  Error
> =>
  useMutation(
    (request: Req<Service["calls"]["createOutboundCall"]>) => withService((ap) => ap.calls.createOutboundCall(request)),
    { invalidates: [Keys.calls] }
  )

/**
 * `calls.endCall` (by call id); refreshes the calls.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useEndCall } from "@agentphone-effect/react"
 * import { Exit } from "effect"
 *
 * const useHangUp = () => {
 *   const end = useEndCall()
 *   return async (callId: string) => Exit.isSuccess(await end.run(callId))
 * }
 * ```
 */
export const useEndCall = (): Mutation<string, Success<Service["calls"]["endCall"]>, Error> =>
  useMutation(
    (callId: string) => withService((ap) => ap.calls.endCall({ call_id: callId })),
    { invalidates: [Keys.calls] }
  )

/**
 * `contacts.createContact`; refreshes the contacts.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useCreateContact } from "@agentphone-effect/react"
 * const useSave = () => {
 *   const create = useCreateContact()
 *   return () => create.run({ name: "Ada", phoneNumber: "+14155550123" })
 * }
 * ```
 */
export const useCreateContact = (): Mutation<
  Req<Service["contacts"]["createContact"]>,
  Success<Service["contacts"]["createContact"]>,
  Error
> =>
  useMutation(
    (request: Req<Service["contacts"]["createContact"]>) => withService((ap) => ap.contacts.createContact(request)),
    { invalidates: [Keys.contacts] }
  )

/**
 * `contacts.updateContact` (partial); refreshes the contacts.
 *
 * @since 0.1.0
 * @example
 * ```ts
 * import { useUpdateContact } from "@agentphone-effect/react"
 * const useRename = (id: string) => {
 *   const update = useUpdateContact()
 *   return (name: string) => update.run({ contact_id: id, name })
 * }
 * ```
 */
export const useUpdateContact = (): Mutation<
  Req<Service["contacts"]["updateContact"]>,
  Success<Service["contacts"]["updateContact"]>,
  Error
> =>
  useMutation(
    (request: Req<Service["contacts"]["updateContact"]>) => withService((ap) => ap.contacts.updateContact(request)),
    { invalidates: [Keys.contacts] }
  )
