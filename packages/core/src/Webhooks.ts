/**
 * Webhooks: the account-level webhook that receives message and call events, and its delivery
 * log. Models and the endpoint table of the `webhooks` group (`ap.webhooks.*`).
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
 * The payload of both webhook upserts: `contextLimit` (messages of history sent with each event,
 * 0–50) and `timeout` (seconds the service waits for a voice reply).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.WebhookCreateRequest)
 * ```
 *
 * @since 0.1.0
 */
export const WebhookCreateRequest = Schema.Struct({
  url: Schema.String,
  contextLimit: Model.optionalNullable(Schema.Int.pipe(Schema.between(0, 50))),
  timeout: Model.optionalNullable(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * const body: Webhooks.WebhookCreateRequest = { url: "https://hooks.example.com/agentphone" }
 * const result = Webhooks.createOrUpdateWebhook({ body })
 * ```
 *
 * @since 0.1.0
 */
export type WebhookCreateRequest = typeof WebhookCreateRequest.Type

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // the request object of `Webhooks.getWebhook` (wire names, as the official SDK takes it)
 * const request: typeof Webhooks.GetWebhookRequest.Type = {}
 * const result = Webhooks.getWebhook(request)
 * ```
 *
 * @since 0.1.0
 */
export const GetWebhookRequest = Schema.Struct({
  ...Model.subAccountHeader
})

/**
 * The payload goes under `body`; on the wire the JSON body is that object itself.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // the request object of `Webhooks.createOrUpdateWebhook` (wire names, as the official SDK takes it)
 * const request: typeof Webhooks.CreateOrUpdateWebhookRequest.Type = { body: { url: "https://hooks.acme-outfitters.example/agentphone" } }
 * const result = Webhooks.createOrUpdateWebhook(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateOrUpdateWebhookRequest = Schema.Struct({
  ...Model.subAccountHeader,
  body: WebhookCreateRequest
})

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // the request object of `Webhooks.listDeliveries` (wire names, as the official SDK takes it)
 * const request: typeof Webhooks.ListDeliveriesRequest.Type = {}
 * const result = Webhooks.listDeliveries(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListDeliveriesRequest = Schema.Struct({
  limit: Model.optional(Schema.Int),
  offset: Model.optional(Schema.Int),
  hours: Model.optionalNullable(Schema.Int)
})

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // the request object of `Webhooks.deliveryStats` (wire names, as the official SDK takes it)
 * const request: typeof Webhooks.DeliveryStatsRequest.Type = {}
 * const result = Webhooks.deliveryStats(request)
 * ```
 *
 * @since 0.1.0
 */
export const DeliveryStatsRequest = Schema.Struct({
  hours: Model.optional(Schema.Int)
})

/**
 * `agentId` travels in the query string of this POST (no body).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // the request object of `Webhooks.testWebhook` (wire names, as the official SDK takes it)
 * const request: typeof Webhooks.TestWebhookRequest.Type = {}
 * const result = Webhooks.testWebhook(request)
 * ```
 *
 * @since 0.1.0
 */
export const TestWebhookRequest = Schema.Struct({
  agentId: Model.optionalNullable(Schema.String)
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

/**
 * A webhook (account-level or an agent's own). `secret` signs the deliveries: it is decoded as
 * `Redacted` so it never shows in logs; read it with `Redacted.value`. A fresh secret comes with
 * every upsert.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // what `Webhooks.getWebhook` succeeds with (as an Option: absent is None)
 * const response = Webhooks.getWebhook({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.WebhookResponse)
 * ```
 *
 * @since 0.1.0
 */
export class WebhookResponse extends Schema.Class<WebhookResponse>("WebhookResponse")({
  id: Schema.String,
  url: Schema.String,
  secret: Schema.Redacted(Schema.String),
  status: Model.openEnum("active", "inactive"),
  contextLimit: Schema.Finite,
  timeout: Schema.Finite,
  createdAt: Schema.String
}) {}

/**
 * One delivery attempt of a webhook event.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.WebhookDeliveryResponse)
 * ```
 *
 * @since 0.1.0
 */
export class WebhookDeliveryResponse extends Schema.Class<WebhookDeliveryResponse>("WebhookDeliveryResponse")({
  id: Schema.String,
  messageId: Schema.NullOr(Schema.String),
  eventType: Schema.NullOr(Model.openEnum("agent.message", "agent.call_ended", "agent.reaction")),
  channel: Schema.NullOr(Model.openEnum("sms", "mms", "imessage", "voice")),
  status: Model.openEnum("delivered", "failed", "pending"),
  httpStatus: Schema.NullOr(Schema.Finite),
  errorMessage: Schema.NullOr(Schema.String),
  responseBody: Schema.NullOr(Schema.String),
  attemptCount: Schema.Finite,
  lastAttemptAt: Schema.NullOr(Schema.String),
  nextRetryAt: Schema.NullOr(Schema.String),
  createdAt: Schema.String
}) {}

/**
 * A page of deliveries, as the API document describes it.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.PaginatedDeliveriesResponse)
 * ```
 *
 * @since 0.1.0
 */
export class PaginatedDeliveriesResponse
  extends Schema.Class<PaginatedDeliveriesResponse>("PaginatedDeliveriesResponse")({
    items: Schema.Array(WebhookDeliveryResponse),
    total: Schema.Finite,
    offset: Schema.Finite,
    limit: Schema.Finite
  })
{}

/**
 * A page of deliveries in the `{data, hasMore, total}` envelope some clients see.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.DeliveriesDataResponse)
 * ```
 *
 * @since 0.1.0
 */
export class DeliveriesDataResponse extends Schema.Class<DeliveriesDataResponse>("DeliveriesDataResponse")({
  data: Schema.Array(WebhookDeliveryResponse),
  hasMore: Schema.Boolean,
  total: Schema.Finite
}) {}

/**
 * `listDeliveries` answers in either envelope; both decode. `deliveriesOf` reads the items.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // what `Webhooks.listDeliveries` succeeds with
 * const response = Webhooks.listDeliveries({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.ListDeliveriesResponse)
 * ```
 *
 * @since 0.1.0
 */
export const ListDeliveriesResponse = Schema.Union(PaginatedDeliveriesResponse, DeliveriesDataResponse)

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // either page shape of `listDeliveries`; `deliveriesOf` reads both
 * const items = (page: Webhooks.ListDeliveriesResponse) => Webhooks.deliveriesOf(page)
 * ```
 *
 * @since 0.1.0
 */
export type ListDeliveriesResponse = typeof ListDeliveriesResponse.Type

/**
 * The deliveries of a `listDeliveries` page, whichever envelope it came in.
 *
 * @example
 * ```ts
 * import { AgentPhone, Webhooks } from "@agentphone-effect/core"
 * import { Effect } from "effect"
 *
 * const failed = Effect.flatMap(AgentPhone.AgentPhone, (ap) => ap.webhooks.listDeliveries({ hours: 24 })).pipe(
 *   Effect.map((page) => Webhooks.deliveriesOf(page).filter((d) => d.status === "failed"))
 * )
 * ```
 *
 * @since 0.1.0
 */
export const deliveriesOf = (page: ListDeliveriesResponse): ReadonlyArray<WebhookDeliveryResponse> =>
  "items" in page ? page.items : page.data

/**
 * Delivery aggregates over the last `hours`: `byEventType` maps an event type to counts by status;
 * `byHour` holds per-hour buckets (shape not published).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // what `Webhooks.deliveryStats` succeeds with
 * const response = Webhooks.deliveryStats({})
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.WebhookDeliveryStatsResponse)
 * ```
 *
 * @since 0.1.0
 */
export class WebhookDeliveryStatsResponse
  extends Schema.Class<WebhookDeliveryStatsResponse>("WebhookDeliveryStatsResponse")({
    total: Schema.Finite,
    success: Schema.Finite,
    failed: Schema.Finite,
    pending: Schema.Finite,
    successRate: Schema.Finite,
    byEventType: Schema.Record({
      key: Schema.String,
      value: Schema.Record({ key: Schema.String, value: Schema.Finite })
    }),
    byHour: Schema.Array(Model.JsonObject)
  })
{}

/**
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 * import { Schema } from "effect"
 *
 * // what `Webhooks.allTimeStats` succeeds with
 * const response = Webhooks.allTimeStats()
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(Webhooks.AllTimeStatsResponse)
 * ```
 *
 * @since 0.1.0
 */
export class AllTimeStatsResponse extends Schema.Class<AllTimeStatsResponse>("AllTimeStatsResponse")({
  total: Schema.Finite,
  success: Schema.Finite,
  failed: Schema.Finite,
  successRate: Schema.Finite
}) {}

// ---------------------------------------------------------------------------------------------
// Endpoints
// ---------------------------------------------------------------------------------------------

/**
 * `GET /v1/webhooks`: the row of `ap.webhooks.getWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.getWebhook({})
 * ```
 *
 * @since 0.1.0
 */
export const getWebhook = Endpoint.make("GET", "/v1/webhooks", {
  name: "webhooks.getWebhook",
  request: GetWebhookRequest,
  response: Endpoint.jsonOrNull(WebhookResponse)
})

/**
 * `POST /v1/webhooks`: the row of `ap.webhooks.createOrUpdateWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.createOrUpdateWebhook({ body: { url: "https://hooks.acme-outfitters.example/agentphone" } })
 * ```
 *
 * @since 0.1.0
 */
export const createOrUpdateWebhook = Endpoint.make("POST", "/v1/webhooks", {
  name: "webhooks.createOrUpdateWebhook",
  request: CreateOrUpdateWebhookRequest,
  body: { nested: "body" },
  response: Endpoint.json(WebhookResponse)
})

/**
 * `DELETE /v1/webhooks`: the row of `ap.webhooks.deleteWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.deleteWebhook()
 * ```
 *
 * @since 0.1.0
 */
export const deleteWebhook = Endpoint.make("DELETE", "/v1/webhooks", {
  name: "webhooks.deleteWebhook",
  request: Endpoint.NoRequest,
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * `GET /v1/webhooks/deliveries`: the row of `ap.webhooks.listDeliveries`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.listDeliveries({})
 * // every item of every page, fetched as far as you pull
 * const items = Webhooks.listDeliveries.stream({})
 * ```
 *
 * @since 0.1.0
 */
export const listDeliveries = Endpoint.make("GET", "/v1/webhooks/deliveries", {
  name: "webhooks.listDeliveries",
  request: ListDeliveriesRequest,
  query: ["limit", "offset", "hours"],
  response: Endpoint.json(ListDeliveriesResponse),
  paginate: Endpoint.offsetPaged(deliveriesOf)
})

/**
 * `GET /v1/webhooks/deliveries/stats`: the row of `ap.webhooks.deliveryStats`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.deliveryStats({})
 * ```
 *
 * @since 0.1.0
 */
export const deliveryStats = Endpoint.make("GET", "/v1/webhooks/deliveries/stats", {
  name: "webhooks.deliveryStats",
  request: DeliveryStatsRequest,
  query: ["hours"],
  response: Endpoint.json(WebhookDeliveryStatsResponse)
})

/**
 * `GET /v1/webhooks/deliveries/all-time`: the row of `ap.webhooks.allTimeStats`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.allTimeStats()
 * ```
 *
 * @since 0.1.0
 */
export const allTimeStats = Endpoint.make("GET", "/v1/webhooks/deliveries/all-time", {
  name: "webhooks.allTimeStats",
  request: Endpoint.NoRequest,
  response: Endpoint.json(AllTimeStatsResponse)
})

/**
 * `POST /v1/webhooks/test`: the row of `ap.webhooks.testWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = Webhooks.testWebhook({})
 * ```
 *
 * @since 0.1.0
 */
export const testWebhook = Endpoint.make("POST", "/v1/webhooks/test", {
  name: "webhooks.testWebhook",
  request: TestWebhookRequest,
  query: ["agentId"],
  body: "none",
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * The `webhooks` group: one row per official method; `listDeliveriesStream` pages deliveries.
 *
 * @example
 * ```ts
 * import * as Webhooks from "@agentphone-effect/core/Webhooks"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(Webhooks.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getWebhook,
  createOrUpdateWebhook,
  deleteWebhook,
  listDeliveries,
  deliveryStats,
  allTimeStats,
  testWebhook
} as const
