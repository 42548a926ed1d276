/**
 * Calls: outbound and web calls, call records, transcripts, recordings and the live transcript
 * stream. Models and the endpoint table of the `calls` group (`ap.calls.*`).
 *
 * The official SDK types every call response as `unknown`; the models here follow the public
 * documentation (call object, transcript turns, `{accessToken}`), decoded leniently: unknown keys
 * are kept and unknown enum values decode as strings.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { ModelTier } from "./Agents.js"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * Filters are free strings: `status` (completed, in-progress, failed), `direction` (inbound,
 * outbound), `type` (pstn, web), `search` (a substring of the from/to number).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the request object of `Calls.listCalls` (wire names, as the official SDK takes it)
 * const request: typeof Calls.ListCallsRequest.Type = {}
 * const result = Calls.listCalls(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListCallsRequest = Schema.Struct({
  offset: Model.optional(Schema.Int),
  status: Model.optionalNullable(Schema.String),
  direction: Model.optionalNullable(Schema.String),
  type: Model.optionalNullable(Schema.String),
  search: Model.optionalNullable(Schema.String),
  ...Model.subAccountHeader
})

/**
 * Start an outbound call from an agent to `toNumber` (E.164). `systemPrompt` switches the call
 * to the built-in LLM (`modelTier` applies only then); `variables` fill `{{name}}` placeholders.
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the request object of `Calls.createOutboundCall` (wire names, as the official SDK takes it)
 * const request: typeof Calls.CreateOutboundCallRequest.Type = { agentId: "agent_7f3a", toNumber: "+14155550123" }
 * const result = Calls.createOutboundCall(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateOutboundCallRequest = Schema.Struct({
  ...Model.subAccountHeader,
  agentId: Schema.String,
  toNumber: Schema.String,
  fromNumberId: Model.optionalNullable(Schema.String),
  initialGreeting: Model.optionalNullable(Schema.String),
  voice: Model.optionalNullable(Schema.String),
  systemPrompt: Model.optionalNullable(Schema.String),
  modelTier: Model.optional(ModelTier),
  variables: Model.optionalNullable(Model.NullableStringRecord),
  callScreeningIdentity: Model.optionalNullable(Schema.String),
  callScreeningPurpose: Model.optionalNullable(Schema.String)
})

/**
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the request object of `Calls.createWebCall` (wire names, as the official SDK takes it)
 * const request: typeof Calls.CreateWebCallRequest.Type = { agentId: "agent_7f3a" }
 * const result = Calls.createWebCall(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateWebCallRequest = Schema.Struct({
  agentId: Schema.String,
  metadata: Model.optionalNullable(Model.JsonObject),
  variables: Model.optionalNullable(Model.NullableStringRecord)
})

/**
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the request object of `Calls.getCall` (wire names, as the official SDK takes it)
 * const request: typeof Calls.CallIdRequest.Type = { call_id: "call_9c2e" }
 * const result = Calls.getCall(request)
 * ```
 *
 * @since 0.1.0
 */
export const CallIdRequest = Schema.Struct({
  call_id: Schema.String
})

/**
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the request object of `Calls.listCallsForNumber` (wire names, as the official SDK takes it)
 * const request: typeof Calls.ListCallsForNumberRequest.Type = { number_id: "num_12ab" }
 * const result = Calls.listCallsForNumber(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListCallsForNumberRequest = Schema.Struct({
  number_id: Schema.String,
  limit: Model.optional(Schema.Int),
  offset: Model.optional(Schema.Int)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const callFields = {
  id: Schema.String,
  agentId: Schema.NullOr(Schema.String),
  phoneNumberId: Schema.NullOr(Schema.String),
  /** The agent's number (E.164). */
  phoneNumber: Schema.NullOr(Schema.String),
  fromNumber: Schema.String,
  toNumber: Schema.String,
  direction: Model.optional(Model.openEnum("inbound", "outbound", "web")),
  status: Model.openEnum("completed", "in-progress", "failed"),
  startedAt: Schema.String,
  endedAt: Schema.NullOr(Schema.String),
  durationSeconds: Schema.NullOr(Schema.Finite),
  lastTranscriptSnippet: Schema.NullOr(Schema.String),
  /** Set only while the recording add-on is active. */
  recordingUrl: Model.optionalNullable(Schema.String),
  /** May be true while `recordingUrl` is null. */
  recordingAvailable: Model.optional(Schema.Boolean)
}

/**
 * A call (documented shape; the official SDK leaves it `unknown`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // what `Calls.createOutboundCall` succeeds with
 * const response = Calls.createOutboundCall({ agentId: "agent_7f3a", toNumber: "+14155550123" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.Call)
 * ```
 *
 * @since 0.1.0
 */
export class Call extends Schema.Class<Call>("Call")(callFields) {}

/**
 * One transcript turn: the caller's utterance (`transcript`) and the agent's reply (`response`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.TranscriptTurn)
 * ```
 *
 * @since 0.1.0
 */
export class TranscriptTurn extends Schema.Class<TranscriptTurn>("TranscriptTurn")({
  id: Schema.String,
  transcript: Schema.String,
  /** 0–1. */
  confidence: Model.optionalNullable(Schema.Finite),
  response: Model.optionalNullable(Schema.String),
  createdAt: Schema.String
}) {}

/**
 * A call with its transcript turns (`getCall`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // what `Calls.getCall` succeeds with
 * const response = Calls.getCall({ call_id: "call_9c2e" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.CallDetail)
 * ```
 *
 * @since 0.1.0
 */
export class CallDetail extends Schema.Class<CallDetail>("CallDetail")({
  ...callFields,
  transcripts: Schema.Array(TranscriptTurn)
}) {}

/**
 * A page of calls (`listCalls`, `listCallsForNumber`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // what `Calls.listCalls` succeeds with
 * const response = Calls.listCalls({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.ListCallsResponse)
 * ```
 *
 * @since 0.1.0
 */
export class ListCallsResponse extends Schema.Class<ListCallsResponse>("ListCallsResponse")({
  data: Schema.Array(Call),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

/**
 * A browser call's access token for the web SDK (valid about 30 seconds).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // what `Calls.createWebCall` succeeds with
 * const response = Calls.createWebCall({ agentId: "agent_7f3a" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.WebCallResponse)
 * ```
 *
 * @since 0.1.0
 */
export class WebCallResponse extends Schema.Class<WebCallResponse>("WebCallResponse")({
  accessToken: Schema.String
}) {}

/**
 * A call's full transcript, in order.
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.CallTranscript)
 * ```
 *
 * @since 0.1.0
 */
export class CallTranscript extends Schema.Class<CallTranscript>("CallTranscript")({
  data: Schema.Array(TranscriptTurn)
}) {}

/**
 * `getCallTranscript` answers `{data: [...]}` or, in some deployments, `{transcripts: [...]}`;
 * both decode to `CallTranscript`.
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 * import { Schema } from "effect"
 *
 * // what `Calls.getCallTranscript` succeeds with
 * const response = Calls.getCallTranscript({ call_id: "call_9c2e" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Calls.CallTranscriptResponse)
 * ```
 *
 * @since 0.1.0
 */
export const CallTranscriptResponse = Schema.Union(
  CallTranscript,
  Schema.transform(
    Schema.Struct({ transcripts: Schema.Array(TranscriptTurn) }),
    Schema.typeSchema(CallTranscript),
    {
      strict: true,
      decode: ({ transcripts }) => new CallTranscript({ data: transcripts }),
      encode: ({ data }) => ({ transcripts: data })
    }
  )
)

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/calls`: the row of `ap.calls.listCalls`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.listCalls({})
 * // every item of every page, fetched as far as you pull
 * const items = Calls.listCalls.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listCalls = Endpoint.make("GET", "/v1/calls", {
  name: "calls.listCalls",
  request: ListCallsRequest,
  query: ["offset", "status", "direction", "type", "search"],
  response: Endpoint.json(ListCallsResponse),
  paginate: Endpoint.offsetPaged((page: ListCallsResponse) => page.data)
})

/**
 * `POST /v1/calls`: the row of `ap.calls.createOutboundCall`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.createOutboundCall({ agentId: "agent_7f3a", toNumber: "+14155550123" })
 * ```
 *
 * @since 0.1.0
 */
export const createOutboundCall = Endpoint.make("POST", "/v1/calls", {
  name: "calls.createOutboundCall",
  request: CreateOutboundCallRequest,
  response: Endpoint.json(Call)
})

/**
 * `POST /v1/calls/web`: the row of `ap.calls.createWebCall`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.createWebCall({ agentId: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const createWebCall = Endpoint.make("POST", "/v1/calls/web", {
  name: "calls.createWebCall",
  request: CreateWebCallRequest,
  response: Endpoint.json(WebCallResponse)
})

/**
 * `GET /v1/calls/{call_id}`: the row of `ap.calls.getCall`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.getCall({ call_id: "call_9c2e" })
 * ```
 *
 * @since 0.1.0
 */
export const getCall = Endpoint.make("GET", "/v1/calls/{call_id}", {
  name: "calls.getCall",
  request: CallIdRequest,
  response: Endpoint.json(CallDetail)
})

/**
 * `POST /v1/calls/{call_id}/end`: the row of `ap.calls.endCall`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.endCall({ call_id: "call_9c2e" })
 * ```
 *
 * @since 0.1.0
 */
export const endCall = Endpoint.make("POST", "/v1/calls/{call_id}/end", {
  name: "calls.endCall",
  request: CallIdRequest,
  body: "none",
  response: Endpoint.json(Call)
})

/**
 * `GET /v1/calls/{call_id}/recording`: the row of `ap.calls.getCallRecording`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.getCallRecording({ call_id: "call_9c2e" })
 * // the same bytes as a Stream
 * const bytes = Calls.getCallRecording.stream({ call_id: "call_9c2e" })
 * ```
 *
 * @since 0.1.0
 */
export const getCallRecording = Endpoint.make("GET", "/v1/calls/{call_id}/recording", {
  name: "calls.getCallRecording",
  request: CallIdRequest,
  auth: false,
  response: Endpoint.bytes
})

/**
 * `GET /v1/calls/{call_id}/transcript`: the row of `ap.calls.getCallTranscript`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.getCallTranscript({ call_id: "call_9c2e" })
 * ```
 *
 * @since 0.1.0
 */
export const getCallTranscript = Endpoint.make("GET", "/v1/calls/{call_id}/transcript", {
  name: "calls.getCallTranscript",
  request: CallIdRequest,
  response: Endpoint.json(CallTranscriptResponse)
})

/**
 * `GET /v1/calls/{call_id}/transcript/stream`: the row of `ap.calls.streamCallTranscript`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // the raw response body as a Stream of bytes (needs AgentPhoneClient)
 * const result = Calls.streamCallTranscript({ call_id: "call_9c2e" })
 * ```
 *
 * @since 0.1.0
 */
export const streamCallTranscript = Endpoint.make("GET", "/v1/calls/{call_id}/transcript/stream", {
  name: "calls.streamCallTranscript",
  request: CallIdRequest,
  response: Endpoint.byteStream("text/event-stream")
})

/**
 * `GET /v1/numbers/{number_id}/calls`: the row of `ap.calls.listCallsForNumber`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Calls.listCallsForNumber({ number_id: "num_12ab" })
 * // every item of every page, fetched as far as you pull
 * const items = Calls.listCallsForNumber.stream({ number_id: "num_12ab" })
 * ```
 *
 * @since 0.1.0
 */
export const listCallsForNumber = Endpoint.make("GET", "/v1/numbers/{number_id}/calls", {
  name: "calls.listCallsForNumber",
  request: ListCallsForNumberRequest,
  query: ["limit", "offset"],
  response: Endpoint.json(ListCallsResponse),
  paginate: Endpoint.offsetPaged((page: ListCallsResponse) => page.data)
})

/**
 * The `calls` group: one row per official method. Extra forms: `listCallsStream`,
 * `listCallsForNumberStream` (every call, page by page) and `getCallRecordingStream` (the audio
 * as a byte stream).
 *
 * - `getCallRecording` sends no `Authorization` header (the call id is the credential) and returns
 *   the WAV bytes intact.
 * - `streamCallTranscript` returns the raw `text/event-stream` body as a byte `Stream` (the
 *   request is made when the stream runs; the request timeout covers only the response head).
 *   Parse it with `@agentphone-effect/transcripts`.
 *
 * @example
 * ```ts
 * import * as Calls from "@agentphone-effect/core/Calls"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Calls.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  listCalls,
  createOutboundCall,
  createWebCall,
  getCall,
  endCall,
  getCallRecording,
  getCallTranscript,
  streamCallTranscript,
  listCallsForNumber
} as const
