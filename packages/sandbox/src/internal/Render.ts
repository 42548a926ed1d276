/**
 * Store records as the API's JSON (camelCase, ISO timestamps), before a response Schema
 * validates and encodes them.
 *
 * @since 0.1.0
 */
import { toIso } from "../SimClock.js"
import * as Simulation from "../Simulation.js"
import type * as Store from "../Store.js"

/** @since 0.1.0 */
export const agentNumber = (n: Store.NumberRecord) => ({
  id: n.id,
  phoneNumber: n.phoneNumber,
  status: n.status,
  type: n.type
})

/** @since 0.1.0 */
export const agent = (tenant: Store.Tenant, a: Store.AgentRecord) => ({
  id: a.id,
  ...a.config,
  createdAt: toIso(a.createdAt),
  numbers: Array.from(tenant.numbers.values()).filter((n) => n.agentId === a.id && n.status === "active").map(
    agentNumber
  )
})

/** @since 0.1.0 */
export const number = (n: Store.NumberRecord) => ({
  id: n.id,
  phoneNumber: n.phoneNumber,
  country: n.country,
  status: n.status,
  type: n.type,
  agentId: n.agentId,
  createdAt: toIso(n.createdAt)
})

/** @since 0.1.0 */
export const contact = (c: Store.ContactRecord) => ({
  id: c.id,
  phoneNumber: c.phoneNumber,
  name: c.name,
  email: c.email,
  notes: c.notes,
  createdAt: toIso(c.createdAt),
  updatedAt: toIso(c.updatedAt)
})

const messagesOf = (tenant: Store.Tenant, conversationId: string) =>
  Array.from(tenant.messages.values()).filter((m) => m.conversationId === conversationId)

/** @since 0.1.0 */
export const conversationSummary = (tenant: Store.Tenant, c: Store.ConversationRecord) => {
  const messages = messagesOf(tenant, c.id)
  const last = messages[messages.length - 1]
  return {
    id: c.id,
    agentId: c.agentId,
    phoneNumberId: c.numberId,
    phoneNumber: c.phoneNumber,
    participant: c.participant,
    isGroup: c.isGroup,
    groupId: c.groupId,
    groupName: c.groupName,
    groupIconUrl: null,
    participants: c.participants === null ? null : c.participants.map((identifier) => ({ identifier, name: null })),
    lastMessageAt: toIso(c.lastMessageAt),
    lastMessagePreview: last === undefined ? "" : last.body.slice(0, 100),
    messageCount: messages.length,
    metadata: c.metadata,
    createdAt: toIso(c.createdAt)
  }
}

/** @since 0.1.0 */
export const messageInConversation = (tenant: Store.Tenant, m: Store.MessageRecord) => {
  const parent = m.replyToId === null ? undefined : tenant.messages.get(m.replyToId)
  return {
    id: m.id,
    body: m.body,
    fromNumber: m.from,
    toNumber: m.to,
    direction: m.direction,
    senderIdentifier: m.senderIdentifier,
    channel: m.channel,
    mediaUrl: m.mediaUrls[0] ?? null,
    mediaUrls: m.mediaUrls,
    receivedAt: toIso(m.receivedAt),
    reactions: m.reactions.map((r) => ({
      id: r.id,
      reactionType: r.reactionType,
      fromNumber: r.fromNumber,
      direction: r.direction,
      createdAt: toIso(r.createdAt)
    })),
    replyTo: parent === undefined
      ? null
      : { messageId: parent.id, message: parent.body, mediaUrls: parent.mediaUrls }
  }
}

/** @since 0.1.0 */
export const conversationDetail = (tenant: Store.Tenant, c: Store.ConversationRecord, messageLimit: number) => {
  const { lastMessagePreview: _, ...summary } = conversationSummary(tenant, c)
  const messages = messagesOf(tenant, c.id)
  return {
    ...summary,
    messages: messages.slice(Math.max(0, messages.length - messageLimit)).map((m) => messageInConversation(tenant, m))
  }
}

/** The per-number message shape (`from_`, `to`). @since 0.1.0 */
export const numberMessage = (m: Store.MessageRecord) => ({
  id: m.id,
  from_: m.from,
  to: m.to,
  body: m.body,
  direction: m.direction,
  channel: m.channel,
  receivedAt: toIso(m.receivedAt)
})

/** @since 0.1.0 */
export const call = (c: Store.CallRecord, baseUrl: string) => {
  const last = c.turns[c.turns.length - 1]
  const recorded = c.status === "completed"
  return {
    id: c.id,
    agentId: c.agentId,
    phoneNumberId: c.numberId,
    phoneNumber: c.phoneNumber,
    fromNumber: c.fromNumber,
    toNumber: c.toNumber,
    direction: c.direction,
    status: c.status,
    startedAt: toIso(c.startedAt),
    endedAt: c.endedAt === null ? null : toIso(c.endedAt),
    durationSeconds: Simulation.durationSeconds(c),
    lastTranscriptSnippet: last === undefined ? null : (last.response ?? last.transcript).slice(0, 200),
    recordingUrl: recorded ? `${baseUrl}/v1/calls/${c.id}/recording` : null,
    recordingAvailable: recorded
  }
}

/** @since 0.1.0 */
export const webhook = (w: Store.WebhookRecord, secret: string) => ({
  id: w.id,
  url: w.url,
  secret,
  status: "active",
  contextLimit: w.contextLimit,
  timeout: w.timeout,
  createdAt: toIso(w.createdAt)
})

/** @since 0.1.0 */
export const delivery = (d: Store.DeliveryRecord) => ({
  id: d.id,
  messageId: d.messageId,
  eventType: d.eventType,
  channel: d.channel,
  status: d.status,
  httpStatus: d.httpStatus,
  errorMessage: d.errorMessage,
  responseBody: d.responseBody,
  attemptCount: d.attemptCount,
  lastAttemptAt: d.lastAttemptAt === null ? null : toIso(d.lastAttemptAt),
  nextRetryAt: d.nextRetryAt === null ? null : toIso(d.nextRetryAt),
  createdAt: toIso(d.createdAt)
})

/** @since 0.1.0 */
export const subAccount = (s: Store.SubAccountRecord) => ({ id: s.id, name: s.name, createdAt: toIso(s.createdAt) })
