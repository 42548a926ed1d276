/**
 * Agents: AI personas that answer calls and messages on their numbers. Models and the endpoint
 * table of the `agents` group (`ap.agents.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.VoiceMode.Type = "webhook"
 * ```
 *
 * @since 0.1.0
 */
export const VoiceMode = Schema.Literal("webhook", "hosted")
/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.ModelTier.Type = "turbo"
 * ```
 *
 * @since 0.1.0
 */
export const ModelTier = Schema.Literal("turbo", "balanced", "max")
/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.SttMode.Type = "fast"
 * ```
 *
 * @since 0.1.0
 */
export const SttMode = Schema.Literal("fast", "accurate")
/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.AmbientSound.Type = "none"
 * ```
 *
 * @since 0.1.0
 */
export const AmbientSound = Schema.Literal("none", "office", "coffee-shop", "outdoor")
/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.DenoisingMode.Type = "noise-cancellation"
 * ```
 *
 * @since 0.1.0
 */
export const DenoisingMode = Schema.Literal("noise-cancellation", "noise-and-background-speech-cancellation")

/**
 * The 63 BCP-47 codes an agent can speak.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Agents.Language.Type = "af-ZA"
 * ```
 *
 * @since 0.1.0
 */
export const Language = Schema.Literal(
  "af-ZA",
  "ar-SA",
  "az-AZ",
  "bg-BG",
  "bs-BA",
  "ca-ES",
  "cs-CZ",
  "cy-GB",
  "da-DK",
  "de-DE",
  "el-GR",
  "en-AU",
  "en-GB",
  "en-IN",
  "en-NZ",
  "en-US",
  "es-419",
  "es-ES",
  "fa-IR",
  "fi-FI",
  "fil-PH",
  "fr-CA",
  "fr-FR",
  "gl-ES",
  "he-IL",
  "hi-IN",
  "hr-HR",
  "hu-HU",
  "hy-AM",
  "id-ID",
  "is-IS",
  "it-IT",
  "ja-JP",
  "kk-KZ",
  "kn-IN",
  "ko-KR",
  "lt-LT",
  "lv-LV",
  "mk-MK",
  "mr-IN",
  "ms-MY",
  "ne-NP",
  "nl-BE",
  "nl-NL",
  "no-NO",
  "pl-PL",
  "pt-BR",
  "pt-PT",
  "ro-RO",
  "ru-RU",
  "sk-SK",
  "sl-SI",
  "sr-RS",
  "sv-SE",
  "sw-KE",
  "ta-IN",
  "th-TH",
  "tr-TR",
  "uk-UA",
  "ur-IN",
  "vi-VN",
  "yue-CN",
  "zh-CN"
) // dprint-ignore

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * A tool a hosted agent can call during a conversation (`customTools[]`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.CustomToolParam)
 * ```
 *
 * @since 0.1.0
 */
export const CustomToolParam = Schema.Struct({
  /** Letters, digits, `_` and `-`, at most 64 characters. */
  name: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]{1,64}$/)),
  description: Schema.String,
  url: Schema.String,
  method: Model.optional(Schema.Literal("GET", "POST")),
  headers: Model.optionalNullable(Schema.Record({ key: Schema.String, value: Schema.NullOr(Schema.String) })),
  parameters: Model.optionalNullable(Model.JsonObject),
  timeoutMs: Model.optionalNullable(Schema.Int.pipe(Schema.between(1000, 120000))),
  speakDuringExecution: Model.optionalNullable(Schema.Boolean),
  executionMessage: Model.optionalNullable(Schema.String)
})

/**
 * @example
 * ```ts
 * import type * as Agents from "@agentphone-effect/core/Agents"
 *
 * // a parameter of a custom tool, as an agent's `tools` entry lists it
 * const describe = (param: Agents.CustomToolParam): string => `${param.name} (${param.method ?? "POST"} ${param.url})`
 * ```
 *
 * @since 0.1.0
 */
export type CustomToolParam = typeof CustomToolParam.Type

const agentConfigFields = {
  description: Model.optionalNullable(Schema.String),
  voiceMode: Model.optional(VoiceMode),
  enableMessaging: Model.optionalNullable(Schema.Boolean),
  modelTier: Model.optional(ModelTier),
  systemPrompt: Model.optionalNullable(Schema.String),
  beginMessage: Model.optionalNullable(Schema.String),
  voice: Model.optionalNullable(Schema.String),
  transferNumber: Model.optionalNullable(Schema.String),
  customTools: Model.optionalNullable(Schema.Array(CustomToolParam).pipe(Schema.maxItems(20))),
  voicemailMessage: Model.optionalNullable(Schema.String),
  callScreeningIdentity: Model.optionalNullable(Schema.String),
  callScreeningPurpose: Model.optionalNullable(Schema.String),
  sttMode: Model.optional(SttMode),
  ambientSound: Model.optional(AmbientSound),
  denoisingMode: Model.optional(DenoisingMode),
  maxSilenceMs: Model.optionalNullable(Schema.Int.pipe(Schema.between(10000, 3600000))),
  voiceSpeed: Model.optionalNullable(Schema.Finite.pipe(Schema.between(0.5, 2))),
  interruptionSensitivity: Model.optionalNullable(Schema.Finite.pipe(Schema.between(0, 1))),
  enableBackchannel: Model.optionalNullable(Schema.Boolean),
  language: Model.optional(Language)
}

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.listAgents` (wire names, as the official SDK takes it)
 * const request: typeof Agents.ListAgentsRequest.Type = {}
 * const result = Agents.listAgents(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListAgentsRequest = Schema.Struct({
  ...Model.subAccountHeader,
  offset: Model.optional(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.createAgent` (wire names, as the official SDK takes it)
 * const request: typeof Agents.CreateAgentRequest.Type = { name: "Support Bot" }
 * const result = Agents.createAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateAgentRequest = Schema.Struct({
  ...Model.subAccountHeader,
  name: Schema.String,
  ...agentConfigFields
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.updateAgent` (wire names, as the official SDK takes it)
 * const request: typeof Agents.UpdateAgentRequest.Type = { agent_id: "agent_7f3a" }
 * const result = Agents.updateAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const UpdateAgentRequest = Schema.Struct({
  ...Model.subAccountHeader,
  agent_id: Schema.String,
  name: Model.optionalNullable(Schema.String),
  ...agentConfigFields
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.getAgent` (wire names, as the official SDK takes it)
 * const request: typeof Agents.AgentIdRequest.Type = { agent_id: "agent_7f3a" }
 * const result = Agents.getAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const AgentIdRequest = Schema.Struct({
  ...Model.subAccountHeader,
  agent_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.attachNumberToAgent` (wire names, as the official SDK takes it)
 * const request: typeof Agents.AttachNumberRequest.Type = { agent_id: "agent_7f3a", numberId: "num_12ab" }
 * const result = Agents.attachNumberToAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const AttachNumberRequest = Schema.Struct({
  agent_id: Schema.String,
  numberId: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.detachNumberFromAgent` (wire names, as the official SDK takes it)
 * const request: typeof Agents.DetachNumberRequest.Type = { agent_id: "agent_7f3a", number_id: "num_12ab" }
 * const result = Agents.detachNumberFromAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const DetachNumberRequest = Schema.Struct({
  agent_id: Schema.String,
  number_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // the request object of `Agents.listAgentConversations` (wire names, as the official SDK takes it)
 * const request: typeof Agents.ListAgentItemsRequest.Type = { agent_id: "agent_7f3a" }
 * const result = Agents.listAgentConversations(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListAgentItemsRequest = Schema.Struct({
  agent_id: Schema.String,
  limit: Model.optional(Schema.Int),
  offset: Model.optional(Schema.Int)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * A number attached to an agent.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AgentNumberResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AgentNumberResponse extends Schema.Class<AgentNumberResponse>("AgentNumberResponse")({
  id: Schema.String,
  phoneNumber: Schema.String,
  status: Schema.String,
  type: Model.optional(Schema.String)
}) {}

/**
 * An agent, with its configuration and attached numbers.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.createAgent` succeeds with
 * const response = Agents.createAgent({ name: "Support Bot" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AgentResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AgentResponse extends Schema.Class<AgentResponse>("AgentResponse")({
  id: Schema.String,
  name: Schema.String,
  description: Schema.NullOr(Schema.String),
  voiceMode: Model.openEnum("webhook", "hosted"),
  enableMessaging: Model.optional(Schema.Boolean),
  modelTier: Model.optional(Model.openEnum("turbo", "balanced", "max")),
  systemPrompt: Model.optionalNullable(Schema.String),
  beginMessage: Model.optionalNullable(Schema.String),
  voice: Schema.String,
  transferNumber: Model.optionalNullable(Schema.String),
  customTools: Model.optionalNullable(Schema.Array(Model.JsonObject)),
  voicemailMessage: Model.optionalNullable(Schema.String),
  callScreeningIdentity: Model.optionalNullable(Schema.String),
  callScreeningPurpose: Model.optionalNullable(Schema.String),
  sttMode: Model.optional(Model.openEnum("fast", "accurate")),
  ambientSound: Model.optional(Model.openEnum("none", "office", "coffee-shop", "outdoor")),
  denoisingMode: Model.optional(Model.openEnum("noise-cancellation", "noise-and-background-speech-cancellation")),
  maxSilenceMs: Model.optional(Schema.Finite),
  voiceSpeed: Model.optional(Schema.Finite),
  interruptionSensitivity: Model.optional(Schema.Finite),
  enableBackchannel: Model.optional(Schema.Boolean),
  language: Model.optional(Schema.String),
  createdAt: Schema.String,
  numbers: Model.optionalNullable(Schema.Array(AgentNumberResponse))
}) {}

/**
 * A page of agents. It has no `hasMore`: page by `offset` until `total`.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.listAgents` succeeds with
 * const response = Agents.listAgents({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AgentListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AgentListResponse extends Schema.Class<AgentListResponse>("AgentListResponse")({
  data: Schema.Array(AgentResponse),
  total: Schema.Finite
}) {}

/**
 * The deleted agent, echoed.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.deleteAgent` succeeds with
 * const response = Agents.deleteAgent({ agent_id: "agent_7f3a" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.DeleteAgentResponse)
 * ```
 *
 * @since 0.1.0
 */
export class DeleteAgentResponse extends Schema.Class<DeleteAgentResponse>("DeleteAgentResponse")({
  success: Schema.Boolean,
  id: Schema.String,
  name: Schema.String
}) {}

/**
 * The agent and the number now attached to it.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.attachNumberToAgent` succeeds with
 * const response = Agents.attachNumberToAgent({ agent_id: "agent_7f3a", numberId: "num_12ab" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AttachNumberResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AttachNumberResponse extends Schema.Class<AttachNumberResponse>("AttachNumberResponse")({
  agentId: Schema.String,
  number: AgentNumberResponse
}) {}

/**
 * The acknowledgement of a detach. Not published: decoded leniently (every key optional).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.detachNumberFromAgent` succeeds with
 * const response = Agents.detachNumberFromAgent({ agent_id: "agent_7f3a", number_id: "num_12ab" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.DetachNumberResponse)
 * ```
 *
 * @since 0.1.0
 */
export const DetachNumberResponse = Schema.Struct({
  success: Model.optional(Schema.Boolean),
  message: Model.optional(Schema.String),
  agentId: Model.optionalNullable(Schema.String),
  numberId: Model.optionalNullable(Schema.String)
})

/**
 * A voice an agent can use (`voice` field). Snake_case on the wire, as the service sends it.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.Voice)
 * ```
 *
 * @since 0.1.0
 */
export class Voice extends Schema.Class<Voice>("Voice")({
  voice_id: Schema.String,
  voice_name: Model.optionalNullable(Schema.String),
  provider: Model.optionalNullable(Schema.String),
  gender: Model.optionalNullable(Schema.String),
  accent: Model.optionalNullable(Schema.String),
  preview_audio_url: Model.optionalNullable(Schema.String)
}) {}

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.listVoices` succeeds with
 * const response = Agents.listVoices()
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.ListVoicesResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ListVoicesResponse extends Schema.Class<ListVoicesResponse>("ListVoicesResponse")({
  data: Schema.Array(Voice)
}) {}

/**
 * A conversation as listed under one agent.
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AgentConversationSummary)
 * ```
 *
 * @since 0.1.0
 */
export class AgentConversationSummary extends Schema.Class<AgentConversationSummary>("AgentConversationSummary")({
  id: Schema.String,
  agentId: Schema.NullOr(Schema.String),
  phoneNumberId: Schema.String,
  phoneNumber: Schema.String,
  participant: Schema.String,
  lastMessageAt: Schema.String,
  lastMessagePreview: Schema.String,
  messageCount: Schema.Finite,
  createdAt: Schema.String
}) {}

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.listAgentConversations` succeeds with
 * const response = Agents.listAgentConversations({ agent_id: "agent_7f3a" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.AgentConversationListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AgentConversationListResponse
  extends Schema.Class<AgentConversationListResponse>("AgentConversationListResponse")({
    data: Schema.Array(AgentConversationSummary),
    hasMore: Schema.Boolean,
    total: Schema.Finite
  })
{}

/**
 * A call as listed under one agent (no direction or recording fields).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.CallSummary)
 * ```
 *
 * @since 0.1.0
 */
export class CallSummary extends Schema.Class<CallSummary>("CallSummary")({
  id: Schema.String,
  agentId: Schema.NullOr(Schema.String),
  phoneNumberId: Schema.NullOr(Schema.String),
  phoneNumber: Schema.NullOr(Schema.String),
  fromNumber: Schema.String,
  toNumber: Schema.String,
  status: Schema.String,
  startedAt: Schema.String,
  endedAt: Schema.NullOr(Schema.String),
  durationSeconds: Schema.NullOr(Schema.Finite),
  lastTranscriptSnippet: Schema.NullOr(Schema.String)
}) {}

/**
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 * import { Schema } from "effect"
 *
 * // what `Agents.listAgentCalls` succeeds with
 * const response = Agents.listAgentCalls({ agent_id: "agent_7f3a" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Agents.CallListResponse)
 * ```
 *
 * @since 0.1.0
 */
export class CallListResponse extends Schema.Class<CallListResponse>("CallListResponse")({
  data: Schema.Array(CallSummary),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/agents/voices`: the row of `ap.agents.listVoices`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.listVoices()
 * ```
 *
 * @since 0.1.0
 */
export const listVoices = Endpoint.make("GET", "/v1/agents/voices", {
  name: "agents.listVoices",
  response: Endpoint.json(ListVoicesResponse)
})

/**
 * `GET /v1/agents`: the row of `ap.agents.listAgents`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.listAgents({})
 * // every item of every page, fetched as far as you pull
 * const items = Agents.listAgents.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listAgents = Endpoint.make("GET", "/v1/agents", {
  name: "agents.listAgents",
  request: ListAgentsRequest,
  query: ["offset"],
  response: Endpoint.json(AgentListResponse),
  paginate: Endpoint.offsetPaged((page: AgentListResponse) => page.data)
})

/**
 * `POST /v1/agents`: the row of `ap.agents.createAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.createAgent({ name: "Support Bot" })
 * ```
 *
 * @since 0.1.0
 */
export const createAgent = Endpoint.make("POST", "/v1/agents", {
  name: "agents.createAgent",
  request: CreateAgentRequest,
  response: Endpoint.json(AgentResponse)
})

/**
 * `GET /v1/agents/{agent_id}`: the row of `ap.agents.getAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.getAgent({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const getAgent = Endpoint.make("GET", "/v1/agents/{agent_id}", {
  name: "agents.getAgent",
  request: AgentIdRequest,
  response: Endpoint.json(AgentResponse)
})

/**
 * `DELETE /v1/agents/{agent_id}`: the row of `ap.agents.deleteAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.deleteAgent({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteAgent = Endpoint.make("DELETE", "/v1/agents/{agent_id}", {
  name: "agents.deleteAgent",
  request: AgentIdRequest,
  response: Endpoint.json(DeleteAgentResponse)
})

/**
 * `PATCH /v1/agents/{agent_id}`: the row of `ap.agents.updateAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.updateAgent({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const updateAgent = Endpoint.make("PATCH", "/v1/agents/{agent_id}", {
  name: "agents.updateAgent",
  request: UpdateAgentRequest,
  response: Endpoint.json(AgentResponse)
})

/**
 * `POST /v1/agents/{agent_id}/numbers`: the row of `ap.agents.attachNumberToAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.attachNumberToAgent({ agent_id: "agent_7f3a", numberId: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const attachNumberToAgent = Endpoint.make("POST", "/v1/agents/{agent_id}/numbers", {
  name: "agents.attachNumberToAgent",
  request: AttachNumberRequest,
  response: Endpoint.json(AttachNumberResponse)
})

/**
 * `DELETE /v1/agents/{agent_id}/numbers/{number_id}`: the row of `ap.agents.detachNumberFromAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.detachNumberFromAgent({ agent_id: "agent_7f3a", number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const detachNumberFromAgent = Endpoint.make("DELETE", "/v1/agents/{agent_id}/numbers/{number_id}", {
  name: "agents.detachNumberFromAgent",
  request: DetachNumberRequest,
  response: Endpoint.json(DetachNumberResponse)
})

/**
 * `GET /v1/agents/{agent_id}/conversations`: the row of `ap.agents.listAgentConversations`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.listAgentConversations({ agent_id: "agent_7f3a" })
 * // every item of every page, fetched as far as you pull
 * const items = Agents.listAgentConversations.stream({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const listAgentConversations = Endpoint.make("GET", "/v1/agents/{agent_id}/conversations", {
  name: "agents.listAgentConversations",
  request: ListAgentItemsRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(AgentConversationListResponse),
  paginate: Endpoint.offsetPaged((page: AgentConversationListResponse) => page.data)
})

/**
 * `GET /v1/agents/{agent_id}/calls`: the row of `ap.agents.listAgentCalls`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Agents.listAgentCalls({ agent_id: "agent_7f3a" })
 * // every item of every page, fetched as far as you pull
 * const items = Agents.listAgentCalls.stream({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const listAgentCalls = Endpoint.make("GET", "/v1/agents/{agent_id}/calls", {
  name: "agents.listAgentCalls",
  request: ListAgentItemsRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(CallListResponse),
  paginate: Endpoint.offsetPaged((page: CallListResponse) => page.data)
})

/**
 * The `agents` group: one row per official method, plus `listAgentsStream`,
 * `listAgentConversationsStream` and `listAgentCallsStream` (every item, page by page).
 *
 * @example
 * ```ts
 * import * as Agents from "@agentphone-effect/core/Agents"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Agents.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listVoices,
  listAgents,
  createAgent,
  getAgent,
  deleteAgent,
  updateAgent,
  attachNumberToAgent,
  detachNumberFromAgent,
  listAgentConversations,
  listAgentCalls
} as const
