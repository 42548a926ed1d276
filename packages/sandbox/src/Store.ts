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

/** @since 0.1.0 */
export interface AgentRecord {
  readonly id: string
  readonly createdAt: number
  /** The camelCase configuration fields, as the API returns them. */
  config: Record<string, unknown>
}

/** @since 0.1.0 */
export interface NumberRecord {
  readonly id: string
  readonly phoneNumber: string
  readonly country: string
  status: "active" | "released"
  readonly type: string
  agentId: string | null
  readonly createdAt: number
}

/** @since 0.1.0 */
export interface ContactRecord {
  readonly id: string
  phoneNumber: string
  name: string
  email: string | null
  notes: string | null
  readonly createdAt: number
  updatedAt: number
}

/** @since 0.1.0 */
export interface ReactionRecord {
  readonly id: string
  readonly messageId: string
  readonly reactionType: string
  readonly fromNumber: string
  readonly direction: "inbound" | "outbound"
  readonly createdAt: number
}

/** @since 0.1.0 */
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

/** @since 0.1.0 */
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

/** @since 0.1.0 */
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
 * @since 0.1.0
 */
export type CallEvent =
  | { readonly _tag: "Turn"; readonly index: number; readonly turn: TurnRecord }
  | { readonly _tag: "Ended" }

/** @since 0.1.0 */
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

/** @since 0.1.0 */
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

/** @since 0.1.0 */
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

/** @since 0.1.0 */
export interface ContactCardRecord {
  firstName: string | null
  lastName: string | null
  displayName: string | null
  avatarUrl: string | null
}

/** @since 0.1.0 */
export interface RegistrationRecord {
  readonly submittedAt: number
  readonly registrationType: string
  readonly subAccountId: string | null
}

/** @since 0.1.0 */
export interface SubAccountRecord {
  readonly id: string
  name: string
  readonly createdAt: number
}

/**
 * Everything one account owns.
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
 * The store service.
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
 * @since 0.1.0
 */
export class Store extends Context.Tag("@agentphone-effect/sandbox/Store")<Store, Service>() {}

/**
 * Build an empty store. With a `seed` every id and secret is reproducible.
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
 * @since 0.1.0
 */
export const layer = (options?: Parameters<typeof make>[0]): Layer.Layer<Store, never, SimClock.SimClock> =>
  Layer.effect(Store, make(options))
