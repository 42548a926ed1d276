/**
 * Usage: plan limits and message / call / webhook counters, per day, month, number and agent.
 * Models and the endpoint table of the `usage` group (`ap.usage.*`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * `days`: the last N days, at most 365.
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // the request object of `Usage.getDailyUsage` (wire names, as the official SDK takes it)
 * const request: typeof Usage.GetDailyUsageRequest.Type = {}
 * const result = Usage.getDailyUsage(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetDailyUsageRequest = Schema.Struct({
  days: Model.optional(Schema.Int.pipe(Schema.lessThanOrEqualTo(365)))
})

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // the request object of `Usage.getMonthlyUsage` (wire names, as the official SDK takes it)
 * const request: typeof Usage.GetMonthlyUsageRequest.Type = {}
 * const result = Usage.getMonthlyUsage(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetMonthlyUsageRequest = Schema.Struct({
  months: Model.optional(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // one of the values the API sends or accepts
 * const value: typeof Usage.UsagePeriod.Type = "week"
 * ```
 *
 * @since 0.1.0
 */
export const UsagePeriod = Schema.Literal("week", "month", "year")

/**
 * Usage by agent for the current calendar `period`, in the IANA zone `tz` (e.g.
 * `America/New_York`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // the request object of `Usage.getUsageByAgent` (wire names, as the official SDK takes it)
 * const request: typeof Usage.GetUsageByAgentRequest.Type = { period: "week" }
 * const result = Usage.getUsageByAgent(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetUsageByAgentRequest = Schema.Struct({
  period: UsagePeriod,
  tz: Model.optionalNullable(Schema.String)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.PlanLimits)
 * ```
 *
 * @since 0.1.0
 */
export class PlanLimits extends Schema.Class<PlanLimits>("PlanLimits")({
  numbers: Schema.Finite,
  messagesPerMonth: Schema.Finite,
  voiceMinutesPerMonth: Schema.Finite,
  maxCallDurationMinutes: Schema.Finite,
  concurrentCalls: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.PlanInfo)
 * ```
 *
 * @since 0.1.0
 */
export class PlanInfo extends Schema.Class<PlanInfo>("PlanInfo")({
  name: Schema.String,
  limits: PlanLimits
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.NumberLimits)
 * ```
 *
 * @since 0.1.0
 */
export class NumberLimits extends Schema.Class<NumberLimits>("NumberLimits")({
  used: Schema.Finite,
  limit: Schema.Finite,
  remaining: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.UsageStats)
 * ```
 *
 * @since 0.1.0
 */
export class UsageStats extends Schema.Class<UsageStats>("UsageStats")({
  totalMessages: Schema.Finite,
  messagesLast24h: Schema.Finite,
  messagesLast7d: Schema.Finite,
  messagesLast30d: Schema.Finite,
  totalCalls: Schema.Finite,
  callsLast24h: Schema.Finite,
  callsLast7d: Schema.Finite,
  callsLast30d: Schema.Finite,
  totalWebhookDeliveries: Schema.Finite,
  successfulWebhookDeliveries: Schema.Finite,
  failedWebhookDeliveries: Schema.Finite
}) {}

/**
 * The plan, the number quota and the counters of the current period (ISO date-times).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // what `Usage.getUsage` succeeds with
 * const response = Usage.getUsage()
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.UsageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class UsageResponse extends Schema.Class<UsageResponse>("UsageResponse")({
  plan: PlanInfo,
  numbers: NumberLimits,
  stats: UsageStats,
  periodStart: Schema.String,
  periodEnd: Schema.String
}) {}

/**
 * One day (`date` like `2025-06-01`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.DailyUsagePoint)
 * ```
 *
 * @since 0.1.0
 */
export class DailyUsagePoint extends Schema.Class<DailyUsagePoint>("DailyUsagePoint")({
  date: Schema.String,
  messages: Schema.Finite,
  calls: Schema.Finite,
  webhooks: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // what `Usage.getDailyUsage` succeeds with
 * const response = Usage.getDailyUsage({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.DailyUsageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class DailyUsageResponse extends Schema.Class<DailyUsageResponse>("DailyUsageResponse")({
  data: Schema.Array(DailyUsagePoint),
  days: Schema.Finite
}) {}

/**
 * One month (`month` like `2025-06`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.MonthlyUsagePoint)
 * ```
 *
 * @since 0.1.0
 */
export class MonthlyUsagePoint extends Schema.Class<MonthlyUsagePoint>("MonthlyUsagePoint")({
  month: Schema.String,
  messages: Schema.Finite,
  calls: Schema.Finite,
  webhooks: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // what `Usage.getMonthlyUsage` succeeds with
 * const response = Usage.getMonthlyUsage({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.MonthlyUsageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class MonthlyUsageResponse extends Schema.Class<MonthlyUsageResponse>("MonthlyUsageResponse")({
  data: Schema.Array(MonthlyUsagePoint),
  months: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.NumberUsageItem)
 * ```
 *
 * @since 0.1.0
 */
export class NumberUsageItem extends Schema.Class<NumberUsageItem>("NumberUsageItem")({
  numberId: Schema.String,
  phoneNumber: Schema.String,
  country: Schema.String,
  status: Schema.String,
  agentId: Model.optionalNullable(Schema.String),
  agentName: Model.optionalNullable(Schema.String),
  messages: Schema.Finite,
  calls: Schema.Finite
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // what `Usage.getUsageByNumber` succeeds with
 * const response = Usage.getUsageByNumber()
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.NumberUsageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class NumberUsageResponse extends Schema.Class<NumberUsageResponse>("NumberUsageResponse")({
  data: Schema.Array(NumberUsageItem)
}) {}

/**
 * One agent's usage; `agentId` is `null` for the "Unassigned" bucket (`isOrphan: true`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.AgentUsageItem)
 * ```
 *
 * @since 0.1.0
 */
export class AgentUsageItem extends Schema.Class<AgentUsageItem>("AgentUsageItem")({
  agentId: Schema.NullOr(Schema.String),
  agentName: Schema.String,
  messages: Schema.Finite,
  calls: Schema.Finite,
  totalSeconds: Schema.Finite,
  isOrphan: Model.optional(Schema.Boolean)
}) {}

/**
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 * import { Schema } from "effect"
 *
 * // what `Usage.getUsageByAgent` succeeds with
 * const response = Usage.getUsageByAgent({ period: "week" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Usage.AgentUsageResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AgentUsageResponse extends Schema.Class<AgentUsageResponse>("AgentUsageResponse")({
  data: Schema.Array(AgentUsageItem),
  period: Model.openEnum("week", "month", "year"),
  periodStart: Schema.String,
  periodEnd: Schema.String
}) {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/usage`: the row of `ap.usage.getUsage`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Usage.getUsage()
 * ```
 *
 * @since 0.1.0
 */
export const getUsage = Endpoint.make("GET", "/v1/usage", {
  name: "usage.getUsage",
  request: Endpoint.NoRequest,
  response: Endpoint.json(UsageResponse)
})

/**
 * `GET /v1/usage/daily`: the row of `ap.usage.getDailyUsage`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Usage.getDailyUsage({})
 * ```
 *
 * @since 0.1.0
 */
export const getDailyUsage = Endpoint.make("GET", "/v1/usage/daily", {
  name: "usage.getDailyUsage",
  request: GetDailyUsageRequest,
  query: ["days"],
  response: Endpoint.json(DailyUsageResponse)
})

/**
 * `GET /v1/usage/monthly`: the row of `ap.usage.getMonthlyUsage`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Usage.getMonthlyUsage({})
 * ```
 *
 * @since 0.1.0
 */
export const getMonthlyUsage = Endpoint.make("GET", "/v1/usage/monthly", {
  name: "usage.getMonthlyUsage",
  request: GetMonthlyUsageRequest,
  query: ["months"],
  response: Endpoint.json(MonthlyUsageResponse)
})

/**
 * `GET /v1/usage/by-number`: the row of `ap.usage.getUsageByNumber`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Usage.getUsageByNumber()
 * ```
 *
 * @since 0.1.0
 */
export const getUsageByNumber = Endpoint.make("GET", "/v1/usage/by-number", {
  name: "usage.getUsageByNumber",
  request: Endpoint.NoRequest,
  response: Endpoint.json(NumberUsageResponse)
})

/**
 * `GET /v1/usage/by-agent`: the row of `ap.usage.getUsageByAgent`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Usage.getUsageByAgent({ period: "week" })
 * ```
 *
 * @since 0.1.0
 */
export const getUsageByAgent = Endpoint.make("GET", "/v1/usage/by-agent", {
  name: "usage.getUsageByAgent",
  request: GetUsageByAgentRequest,
  query: ["period", "tz"],
  response: Endpoint.json(AgentUsageResponse)
})

/**
 * The `usage` group: one row per official method.
 *
 * @example
 * ```ts
 * import * as Usage from "@agentphone-effect/core/Usage"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Usage.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getUsage,
  getDailyUsage,
  getMonthlyUsage,
  getUsageByNumber,
  getUsageByAgent
} as const
