/**
 * The sandbox's moving parts wired together, and the operations both the HTTP routes and the
 * Effect control functions use: storing messages, injecting inbound traffic, starting calls.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as PubSub from "effect/PubSub"
import type * as Redacted from "effect/Redacted"
import * as ApiFailure from "../ApiFailure.js"
import type * as Delivery from "../Delivery.js"
import type * as Faults from "../Faults.js"
import * as Phone from "../Phone.js"
import { SandboxEvent } from "../SandboxEvent.js"
import * as SimClock from "../SimClock.js"
import * as Simulation from "../Simulation.js"
import type * as Store from "../Store.js"

/**
 * An inbound SMS / MMS / iMessage to inject.
 *
 * @since 0.1.0
 */
export interface InboundMessage {
  /** The sender (any phone format, or an email for iMessage). */
  readonly from: string
  /** One of the account's numbers, by E.164 number … */
  readonly to?: string | undefined
  /** … or by id. Default: the account's first active number. */
  readonly numberId?: string | undefined
  readonly body: string
  /** Default `sms` (`mms` when media is attached). */
  readonly channel?: "sms" | "mms" | "imessage" | undefined
  readonly mediaUrls?: ReadonlyArray<string> | undefined
  readonly subAccountId?: string | undefined
}

/**
 * An inbound iMessage tapback on a stored message.
 *
 * @since 0.1.0
 */
export interface InboundReaction {
  readonly messageId: string
  readonly reaction: string
  /** Default: the other party of the message. */
  readonly from?: string | undefined
  readonly subAccountId?: string | undefined
}

/**
 * An inbound call to start.
 *
 * @since 0.1.0
 */
export interface InboundCall {
  /** The caller. */
  readonly from: string
  /** The number called, by E.164 number … */
  readonly to?: string | undefined
  /** … or by id, or the first number of this agent. Default: the first active number. */
  readonly numberId?: string | undefined
  readonly agentId?: string | undefined
  /** The caller's lines (and optional scripted agent answers). Default `Simulation.defaultScript`. */
  readonly script?: ReadonlyArray<string | Simulation.ScriptStep> | undefined
  readonly subAccountId?: string | undefined
}

/**
 * @since 0.1.0
 */
export interface Engine {
  readonly store: Store.Service
  readonly clock: SimClock.Service
  readonly delivery: Delivery.Service
  readonly simulation: Simulation.Service
  readonly faults: Faults.Service
  readonly events: PubSub.PubSub<SandboxEvent>
  readonly apiKey: Redacted.Redacted<string>
  readonly script: ReadonlyArray<Simulation.ScriptStep>
  readonly storeMessage: (
    tenant: Store.Tenant,
    number: Store.NumberRecord,
    input: {
      readonly participant: string
      readonly direction: "inbound" | "outbound"
      readonly body: string
      readonly channel: string
      readonly mediaUrls: ReadonlyArray<string>
      readonly replyToId: string | null
      readonly group?: { readonly groupId: string; readonly participants: ReadonlyArray<string> } | undefined
    }
  ) => Effect.Effect<{ readonly message: Store.MessageRecord; readonly conversation: Store.ConversationRecord }>
  readonly injectMessage: (input: InboundMessage) => Effect.Effect<Store.MessageRecord, ApiFailure.ApiFailure>
  readonly injectReaction: (input: InboundReaction) => Effect.Effect<Store.ReactionRecord, ApiFailure.ApiFailure>
  readonly startInboundCall: (input: InboundCall) => Effect.Effect<Store.CallRecord, ApiFailure.ApiFailure>
}

/**
 * A phone number from a request, in E.164, or a 422 at `loc`.
 *
 * @since 0.1.0
 */
export const e164 = (input: string, loc: ReadonlyArray<string | number>) =>
  Option.match(Phone.normalize(input), {
    onNone: () =>
      Effect.fail(
        ApiFailure.invalid(loc, `Invalid phone number ${JSON.stringify(input)}: expected E.164, e.g. +14155550123`)
      ),
    onSome: Effect.succeed
  })

/** The first active number of the agent, or of the account. */
const firstNumber = (tenant: Store.Tenant, agentId?: string | null) => {
  for (const n of tenant.numbers.values()) {
    if (n.status === "active" && (agentId === undefined || agentId === null || n.agentId === agentId)) return n
  }
  return undefined
}

/**
 * Resolve one of the account's active numbers by id, by E.164 number, or take the first.
 *
 * @since 0.1.0
 */
export const resolveNumber = (
  tenant: Store.Tenant,
  input: {
    readonly numberId?: string | undefined
    readonly to?: string | undefined
    readonly agentId?: string | undefined
  }
): Effect.Effect<Store.NumberRecord, ApiFailure.ApiFailure> => {
  if (input.numberId !== undefined) {
    const n = tenant.numbers.get(input.numberId)
    return n === undefined || n.status !== "active" ? Effect.fail(ApiFailure.notFound("Number")) : Effect.succeed(n)
  }
  if (input.to !== undefined) {
    return Effect.flatMap(e164(input.to, ["body", "to"]), (to) => {
      for (const n of tenant.numbers.values()) {
        if (n.status === "active" && n.phoneNumber === to) return Effect.succeed(n)
      }
      return Effect.fail(ApiFailure.notFound("Number"))
    })
  }
  const n = firstNumber(tenant, input.agentId)
  return n === undefined
    ? Effect.fail(ApiFailure.badRequest("No active phone number: provision one with POST /v1/numbers first"))
    : Effect.succeed(n)
}

/**
 * Wire the engine.
 *
 * @since 0.1.0
 */
export const make = (
  deps: Omit<Engine, "storeMessage" | "injectMessage" | "injectReaction" | "startInboundCall">
): Engine => {
  const { delivery, events, store } = deps

  const storeMessage: Engine["storeMessage"] = (tenant, number, input) =>
    Effect.gen(function*() {
      const participant = input.group?.groupId ?? input.participant
      let conversation: Store.ConversationRecord | undefined
      for (const c of tenant.conversations.values()) {
        if (c.numberId === number.id && c.participant === participant) conversation = c
      }
      const now = yield* store.timestamp
      if (conversation === undefined) {
        conversation = {
          id: yield* store.id("conv"),
          agentId: number.agentId,
          numberId: number.id,
          phoneNumber: number.phoneNumber,
          participant,
          channel: input.channel,
          isGroup: input.group !== undefined,
          groupId: input.group?.groupId ?? null,
          groupName: null,
          participants: input.group?.participants ?? null,
          metadata: null,
          createdAt: now,
          lastMessageAt: now,
          background: null
        }
        tenant.conversations.set(conversation.id, conversation)
      }
      conversation.lastMessageAt = now
      const message: Store.MessageRecord = {
        id: yield* store.id("msg"),
        conversationId: conversation.id,
        numberId: number.id,
        from: input.direction === "inbound" ? input.participant : number.phoneNumber,
        to: input.direction === "inbound" ? number.phoneNumber : participant,
        body: input.body,
        direction: input.direction,
        channel: input.channel,
        mediaUrls: input.mediaUrls,
        senderIdentifier: input.direction === "inbound" ? input.participant : null,
        receivedAt: now,
        replyToId: input.replyToId,
        reactions: []
      }
      tenant.messages.set(message.id, message)
      yield* events.publish(SandboxEvent.MessageStored({ messageId: message.id, direction: message.direction }))
      return { message, conversation }
    })

  const messageEvent = (
    tenant: Store.Tenant,
    message: Store.MessageRecord,
    conversation: Store.ConversationRecord
  ): Delivery.Outgoing => ({
    eventType: "agent.message",
    channel: message.channel,
    messageId: message.id,
    agentId: conversation.agentId,
    payload: (webhook) => {
      const history = Array.from(tenant.messages.values()).filter((m) =>
        m.conversationId === conversation.id && m.id !== message.id
      )
      return {
        event: "agent.message",
        channel: message.channel,
        timestamp: SimClock.toIso(message.receivedAt),
        agentId: conversation.agentId,
        data: {
          messageId: message.id,
          conversationId: conversation.id,
          numberId: message.numberId,
          from: message.from,
          to: message.to,
          contact: Simulation.contactFor(tenant, message.from),
          message: message.body,
          mediaUrl: message.mediaUrls[0] ?? null,
          mediaUrls: message.mediaUrls,
          direction: message.direction,
          receivedAt: SimClock.toIso(message.receivedAt)
        },
        conversationState: conversation.metadata,
        recentHistory: webhook.contextLimit === 0 ? [] : history.slice(-webhook.contextLimit).map((m) => ({
          content: m.body,
          direction: m.direction,
          channel: m.channel,
          at: SimClock.toIso(m.receivedAt),
          messageId: m.id
        }))
      }
    }
  })

  return {
    ...deps,
    storeMessage,
    injectMessage: (input) =>
      Effect.gen(function*() {
        const tenant = yield* store.tenant(input.subAccountId)
        const number = yield* resolveNumber(tenant, input)
        const from = input.from.includes("@") ? input.from : yield* e164(input.from, ["body", "from"])
        const mediaUrls = input.mediaUrls ?? []
        const { conversation, message } = yield* storeMessage(tenant, number, {
          participant: from,
          direction: "inbound",
          body: input.body,
          channel: input.channel ?? (mediaUrls.length > 0 ? "mms" : "sms"),
          mediaUrls,
          replyToId: null
        })
        yield* delivery.dispatch(tenant, messageEvent(tenant, message, conversation))
        return message
      }),
    injectReaction: (input) =>
      Effect.gen(function*() {
        const tenant = yield* store.tenant(input.subAccountId)
        const message = tenant.messages.get(input.messageId)
        if (message === undefined) return yield* ApiFailure.notFound("Message")
        const conversation = tenant.conversations.get(message.conversationId)
        const fromNumber = input.from ?? (message.direction === "outbound" ? message.to : message.from)
        const reaction: Store.ReactionRecord = {
          id: yield* store.id("rx"),
          messageId: message.id,
          reactionType: input.reaction,
          fromNumber,
          direction: "inbound",
          createdAt: yield* store.timestamp
        }
        message.reactions.push(reaction)
        const agentId = conversation?.agentId ?? null
        yield* delivery.dispatch(tenant, {
          eventType: "agent.reaction",
          channel: "imessage",
          messageId: message.id,
          agentId,
          payload: () => ({
            event: "agent.reaction",
            channel: "imessage",
            timestamp: SimClock.toIso(reaction.createdAt),
            agentId,
            data: {
              conversationId: message.conversationId,
              numberId: message.numberId,
              reactionType: reaction.reactionType,
              fromNumber,
              direction: "inbound",
              messageId: message.id,
              messageBody: message.body,
              messageMediaUrl: message.mediaUrls[0] ?? null,
              messageMediaUrls: message.mediaUrls,
              createdAt: SimClock.toIso(reaction.createdAt)
            }
          })
        })
        return reaction
      }),
    startInboundCall: (input) =>
      Effect.gen(function*() {
        const tenant = yield* store.tenant(input.subAccountId)
        if (input.agentId !== undefined && !tenant.agents.has(input.agentId)) return yield* ApiFailure.notFound("Agent")
        const number = yield* resolveNumber(tenant, input)
        const from = yield* e164(input.from, ["body", "from"])
        const script = input.script === undefined
          ? deps.script
          : input.script.map((s) => typeof s === "string" ? { caller: s } : s)
        return yield* deps.simulation.start(tenant, {
          id: yield* store.id("call"),
          agentId: number.agentId ?? input.agentId ?? null,
          numberId: number.id,
          phoneNumber: number.phoneNumber,
          fromNumber: from,
          toNumber: number.phoneNumber,
          direction: "inbound",
          type: "pstn",
          startedAt: yield* store.timestamp
        }, script)
      })
  }
}
