/**
 * The sandbox's in-memory state, one `Tenant` per account (the main account and each
 * sub-account, selected by `X-Sub-Account-Id`). Records are plain mutable objects changed only
 * inside synchronous sections of an Effect, so every request sees a consistent store.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as PubSub from "effect/PubSub"
import * as Random from "effect/Random"
import type * as Redacted from "effect/Redacted"
import * as ApiFailure from "./ApiFailure.js"
import * as SimClock from "./SimClock.js"

/**
 * An agent as the sandbox stores it (its configuration in the API's camelCase fields).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // The names of the agents the main account has created.
 * const names = Effect.map(Sandbox.Sandbox, ({ store }) =>
 *   Array.from(store.root.agents.values(), (agent) => agent.config.name))
 * ```
 *
 * @since 0.1.0
 */
export interface AgentRecord {
  readonly id: string
  readonly createdAt: number
  /** The camelCase configuration fields, as the API returns them. */
  config: Record<string, unknown>
}

/**
 * A provisioned phone number (`released` once deleted; it stays in the store).
 *
 * @example
 * ```ts
 * import { Sandbox, type Store } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const isActive = (n: Store.NumberRecord) => n.status === "active"
 * const activeNumbers = Effect.map(Sandbox.Sandbox, ({ store }) =>
 *   Array.from(store.root.numbers.values()).filter(isActive).map((n) => n.phoneNumber))
 * ```
 *
 * @since 0.1.0
 */
export interface NumberRecord {
  readonly id: string
  readonly phoneNumber: string
  readonly country: string
  status: "active" | "released"
  readonly type: string
  agentId: string | null
  readonly createdAt: number
}

/**
 * A saved contact (phone number in E.164).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const contactNamed = (name: string) =>
 *   Effect.map(Sandbox.Sandbox, ({ store }) =>
 *     Array.from(store.root.contacts.values()).find((contact) => contact.name === name))
 * ```
 *
 * @since 0.1.0
 */
export interface ContactRecord {
  readonly id: string
  phoneNumber: string
  name: string
  email: string | null
  notes: string | null
  readonly createdAt: number
  updatedAt: number
}

/**
 * An iMessage reaction (tapback) on a message, inbound or sent through the API.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // React to a stored message as the other party, then read the stored reaction back.
 * const react = (messageId: string) =>
 *   Effect.map(Sandbox.injectReaction({ messageId, reaction: "love" }), (reaction) => reaction.reactionType)
 * ```
 *
 * @since 0.1.0
 */
export interface ReactionRecord {
  readonly id: string
  readonly messageId: string
  readonly reactionType: string
  readonly fromNumber: string
  readonly direction: "inbound" | "outbound"
  readonly createdAt: number
}

/**
 * A stored message (what `Sandbox.injectMessage` returns).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const conversationOfInbound = Effect.map(
 *   Sandbox.injectMessage({ from: "+14155550123", body: "Is the store open today?" }),
 *   (message) => message.conversationId
 * )
 * ```
 *
 * @since 0.1.0
 */
export interface MessageRecord {
  readonly id: string
  readonly conversationId: string
  readonly numberId: string
  readonly from: string
  readonly to: string
  readonly body: string
  readonly direction: "inbound" | "outbound"
  readonly channel: string
  readonly mediaUrls: ReadonlyArray<string>
  readonly senderIdentifier: string | null
  readonly receivedAt: number
  readonly replyToId: string | null
  readonly reactions: Array<ReactionRecord>
}

/**
 * A conversation: one participant (or a group) on one of the account's numbers.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const whoWrote = (conversationId: string) =>
 *   Effect.map(Sandbox.Sandbox, ({ store }) => store.root.conversations.get(conversationId)?.participant)
 * ```
 *
 * @since 0.1.0
 */
export interface ConversationRecord {
  readonly id: string
  agentId: string | null
  readonly numberId: string
  readonly phoneNumber: string
  readonly participant: string
  readonly channel: string
  readonly isGroup: boolean
  readonly groupId: string | null
  groupName: string | null
  readonly participants: ReadonlyArray<string> | null
  metadata: Record<string, unknown> | null
  readonly createdAt: number
  lastMessageAt: number
  background: { readonly id: string; readonly url: string; version: number } | null
}

/**
 * One turn of a call: what the caller said and the agent's answer (`null` when silent).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * // The caller's lines of a call so far.
 * const transcript = (callId: string) =>
 *   Effect.map(Sandbox.Sandbox, ({ store }) => store.findCall(callId)?.call.turns.map((turn) => turn.transcript) ?? [])
 * ```
 *
 * @since 0.1.0
 */
export interface TurnRecord {
  readonly id: string
  readonly transcript: string
  readonly confidence: number
  readonly response: string | null
  readonly createdAt: number
}

/**
 * What the transcript stream of a call publishes.
 *
 * @example
 * ```ts
 * import type { Store } from "@agentphone-effect/sandbox"
 * import { Option, Stream } from "effect"
 *
 * // A call's turns from now until it ends.
 * const liveTurns = (call: Store.CallRecord) =>
 *   Stream.fromPubSub(call.events).pipe(
 *     Stream.takeWhile((event: Store.CallEvent) => event._tag !== "Ended"),
 *     Stream.filterMap((event) => event._tag === "Turn" ? Option.some(event.turn) : Option.none())
 *   )
 * ```
 *
 * @since 0.1.0
 */
export type CallEvent =
  | { readonly _tag: "Turn"; readonly index: number; readonly turn: TurnRecord }
  | { readonly _tag: "Ended" }

/**
 * A call (PSTN or web) and its turns so far; `status` becomes `completed` when it ends.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect, Stream } from "effect"
 *
 * const callStatus = Effect.scoped(Effect.gen(function*() {
 *   const events = yield* Sandbox.subscribe
 *   const call = yield* Sandbox.startInboundCall({ from: "+14155550123" })
 *   yield* Sandbox.advance("1 minute") // the default script is over after 17 s
 *   yield* events.pipe(Stream.filter((event) => event._tag === "CallEnded"), Stream.runHead)
 *   return call.status // "completed"
 * }))
 * ```
 *
 * @since 0.1.0
 */
export interface CallRecord {
  readonly id: string
  agentId: string | null
  readonly numberId: string | null
  readonly phoneNumber: string | null
  readonly fromNumber: string
  readonly toNumber: string
  readonly direction: "inbound" | "outbound" | "web"
  readonly type: "pstn" | "web"
  status: "in-progress" | "completed" | "failed"
  readonly startedAt: number
  endedAt: number | null
  disconnectionReason: string | null
  readonly turns: Array<TurnRecord>
  readonly events: PubSub.PubSub<CallEvent>
  /** Set when the call should hang up (endCall, a webhook's `hangup`). */
  hangup: string | null
}

/**
 * A webhook (the account's, or one agent's), with its signing secret.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const accountWebhookUrl = Effect.map(Sandbox.Sandbox, ({ store }) => store.root.webhook?.url)
 * ```
 *
 * @since 0.1.0
 */
export interface WebhookRecord {
  readonly id: string
  url: string
  secret: Redacted.Redacted<string>
  contextLimit: number
  timeout: number
  readonly createdAt: number
  /** `null` for the account webhook. */
  readonly agentId: string | null
}

/**
 * One webhook delivery and its attempts (`pending` while retries remain).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const failedDeliveries = Effect.map(Sandbox.Sandbox, ({ store }) =>
 *   Array.from(store.root.deliveries.values()).filter((delivery) => delivery.status === "failed"))
 * ```
 *
 * @since 0.1.0
 */
export interface DeliveryRecord {
  readonly id: string
  readonly webhookId: string
  readonly agentId: string | null
  readonly messageId: string | null
  readonly eventType: string
  readonly channel: string | null
  status: "pending" | "delivered" | "failed"
  httpStatus: number | null
  errorMessage: string | null
  responseBody: string | null
  attemptCount: number
  lastAttemptAt: number | null
  nextRetryAt: number | null
  readonly createdAt: number
}

/**
 * The contact card shared from a number (keyed by the number's id).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const cardName = (numberId: string) =>
 *   Effect.map(Sandbox.Sandbox, ({ store }) => store.root.contactCards.get(numberId)?.displayName ?? null)
 * ```
 *
 * @since 0.1.0
 */
export interface ContactCardRecord {
  firstName: string | null
  lastName: string | null
  displayName: string | null
  avatarUrl: string | null
}

/**
 * A submitted 10DLC registration.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const registered = Effect.map(Sandbox.Sandbox, ({ store }) => store.root.registration !== null)
 * ```
 *
 * @since 0.1.0
 */
export interface RegistrationRecord {
  readonly submittedAt: number
  readonly registrationType: string
  readonly subAccountId: string | null
}

/**
 * A sub-account (its state is its own `Tenant` in `Service.tenants`).
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const subAccountNames = Effect.map(Sandbox.Sandbox, ({ store }) =>
 *   Array.from(store.subAccounts.values(), (sub) => sub.name))
 * ```
 *
 * @since 0.1.0
 */
export interface SubAccountRecord {
  readonly id: string
  name: string
  readonly createdAt: number
}

/**
 * Everything one account owns: the main account is `Service.root`, a sub-account's tenant comes
 * from `Service.tenant(id)`.
 *
 * @example
 * ```ts
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const agentCount = (subAccountId: string) =>
 *   Effect.gen(function*() {
 *     const { store } = yield* Sandbox.Sandbox
 *     const tenant = yield* store.tenant(subAccountId) // ApiFailure 404 for an unknown sub-account
 *     return tenant.agents.size
 *   })
 * ```
 *
 * @since 0.1.0
 */
export interface Tenant {
  /** `undefined` for the main account. */
  readonly subAccountId: string | undefined
  readonly agents: Map<string, AgentRecord>
  readonly numbers: Map<string, NumberRecord>
  readonly contacts: Map<string, ContactRecord>
  readonly conversations: Map<string, ConversationRecord>
  readonly messages: Map<string, MessageRecord>
  readonly calls: Map<string, CallRecord>
  webhook: WebhookRecord | null
  readonly agentWebhooks: Map<string, WebhookRecord>
  readonly deliveries: Map<string, DeliveryRecord>
  readonly contactCards: Map<string, ContactCardRecord>
  registration: RegistrationRecord | null
}

/**
 * An empty tenant.
 *
 * @internal
 * @since 0.1.0
 */
export const makeTenant = (subAccountId: string | undefined): Tenant => ({
  subAccountId,
  agents: new Map(),
  numbers: new Map(),
  contacts: new Map(),
  conversations: new Map(),
  messages: new Map(),
  calls: new Map(),
  webhook: null,
  agentWebhooks: new Map(),
  deliveries: new Map(),
  contactCards: new Map(),
  registration: null
})

/**
 * The store service (`Sandbox.Service.store`): every tenant's records, and the seeded source of
 * ids, secrets and numbers. Read it in tests to check what the API calls did.
 *
 * @example
 * ```ts
 * import { AgentPhone } from "@agentphone-effect/core"
 * import { Sandbox } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function*() {
 *   const ap = yield* AgentPhone.AgentPhone
 *   const { store } = yield* Sandbox.Sandbox
 *   const agent = yield* ap.agents.createAgent({ name: "Support" })
 *   return store.root.agents.has(agent.id) // true
 * }).pipe(Effect.provide(Sandbox.layerClient({ seed: 1 })))
 * ```
 *
 * @since 0.1.0
 */
export interface Service {
  readonly root: Tenant
  readonly subAccounts: Map<string, SubAccountRecord>
  readonly tenants: Map<string, Tenant>
  /** The tenant an `X-Sub-Account-Id` selects (404 for an unknown sub-account). */
  readonly tenant: (subAccountId: string | undefined) => Effect.Effect<Tenant, ApiFailure.ApiFailure>
  /** A fresh id with this prefix, from the seeded random source. */
  readonly id: (prefix: string) => Effect.Effect<string>
  /** A hex string of `bytes` random bytes (secrets, tokens). */
  readonly hex: (bytes: number) => Effect.Effect<string>
  /** An integer in `[0, max)`. */
  readonly nextInt: (max: number) => Effect.Effect<number>
  /** A float in `[0, 1)`. */
  readonly nextFloat: Effect.Effect<number>
  /** Simulated time for a new record: strictly increasing, so timestamp cursors never tie. */
  readonly timestamp: Effect.Effect<number>
  /** The call with this id in any tenant (the recording download has no credentials). */
  readonly findCall: (id: string) => { readonly tenant: Tenant; readonly call: CallRecord } | undefined
  readonly random: Random.Random
}

/**
 * The store as a service, for code that runs next to a store it did not build.
 *
 * @example
 * ```ts
 * import { SimClock, Store } from "@agentphone-effect/sandbox"
 * import { Effect, Layer } from "effect"
 *
 * const freshId = Effect.flatMap(Store.Store, (store) => store.id("agt")).pipe(
 *   Effect.provide(Store.layer({ seed: 7 }).pipe(Layer.provide(SimClock.layer())))
 * ) // the same id on every run
 * ```
 *
 * @since 0.1.0
 */
export class Store extends Context.Tag("@agentphone-effect/sandbox/Store")<Store, Service>() {}

/**
 * Build an empty store. With a `seed` every id and secret is reproducible.
 *
 * @example
 * ```ts
 * import { SimClock, Store } from "@agentphone-effect/sandbox"
 * import { Effect } from "effect"
 *
 * const ids = Effect.gen(function*() {
 *   const store = yield* Store.make({ seed: 42 })
 *   return [yield* store.id("agt"), yield* store.id("agt")] // two ids, the same two on every run
 * }).pipe(Effect.provide(SimClock.layer()))
 * ```
 *
 * @since 0.1.0
 */
export const make = (options: { readonly seed?: number | string | undefined } = {}): Effect.Effect<
  Service,
  never,
  SimClock.SimClock
> =>
  Effect.gen(function*() {
    const clock = yield* SimClock.SimClock
    const seed = options.seed ?? (yield* Random.nextIntBetween(0, 2 ** 31))
    const random = Random.make(seed)
    const root = makeTenant(undefined)
    const tenants = new Map<string, Tenant>()
    const subAccounts = new Map<string, SubAccountRecord>()
    const issued = new Set<string>()
    let last = 0
    const hex = (bytes: number) =>
      Effect.map(
        Effect.all(Array.from({ length: bytes }, () => random.nextIntBetween(0, 256))),
        (xs) => xs.map((x) => x.toString(16).padStart(2, "0")).join("")
      )
    const id = (prefix: string): Effect.Effect<string> =>
      Effect.flatMap(hex(4), (h) => {
        const candidate = `${prefix}_${h}`
        if (issued.has(candidate)) return id(prefix)
        issued.add(candidate)
        return Effect.succeed(candidate)
      })
    return {
      root,
      subAccounts,
      tenants,
      tenant: (subAccountId) => {
        if (subAccountId === undefined || subAccountId === "") return Effect.succeed(root)
        const t = tenants.get(subAccountId)
        return t === undefined ? Effect.fail(ApiFailure.notFound("Sub-account")) : Effect.succeed(t)
      },
      id,
      hex,
      nextInt: (max) => random.nextIntBetween(0, max),
      nextFloat: random.next,
      timestamp: Effect.map(clock.now, (now) => {
        last = Math.max(now, last + 1)
        return last
      }),
      findCall: (callId) => {
        for (const tenant of [root, ...tenants.values()]) {
          const call = tenant.calls.get(callId)
          if (call !== undefined) return { tenant, call }
        }
        return undefined
      },
      random
    }
  })

/**
 * A `Store` layer (see `make`); it needs a `SimClock`.
 *
 * @example
 * ```ts
 * import { SimClock, Store } from "@agentphone-effect/sandbox"
 * import { Layer } from "effect"
 *
 * const StoreLive = Store.layer({ seed: 42 }).pipe(Layer.provide(SimClock.layer({ paused: true })))
 * ```
 *
 * @since 0.1.0
 */
export const layer = (options?: Parameters<typeof make>[0]): Layer.Layer<Store, never, SimClock.SimClock> =>
  Layer.effect(Store, make(options))
