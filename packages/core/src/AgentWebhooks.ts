/**
 * Agent webhooks: one agent's own webhook (its events go there instead of the account webhook)
 * and its recent deliveries. The endpoint table of the `agentWebhooks` group
 * (`ap.agentWebhooks.*`); the models are shared with `Webhooks`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Endpoint from "./Endpoint.js"
import * as Model from "./Model.js"
import { WebhookCreateRequest, WebhookDeliveryResponse, WebhookResponse } from "./Webhooks.js"

/**
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // the request object of `AgentWebhooks.getAgentWebhook` (wire names, as the official SDK takes it)
 * const request: typeof AgentWebhooks.AgentIdRequest.Type = { agent_id: "agent_7f3a" }
 * const result = AgentWebhooks.getAgentWebhook(request)
 * ```
 *
 * @since 0.1.0
 */
export const AgentIdRequest = Schema.Struct({
  agent_id: Schema.String
})

/**
 * The payload goes under `body`; on the wire the JSON body is that object itself.
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // the request object of `AgentWebhooks.createOrUpdateAgentWebhook` (wire names, as the official SDK takes it)
 * const request: typeof AgentWebhooks.CreateOrUpdateAgentWebhookRequest.Type = { agent_id: "agent_7f3a", body: { url: "https://hooks.acme-outfitters.example/agents/support" } }
 * const result = AgentWebhooks.createOrUpdateAgentWebhook(request)
 * ```
 *
 * @since 0.1.0
 */
export const CreateOrUpdateAgentWebhookRequest = Schema.Struct({
  agent_id: Schema.String,
  body: WebhookCreateRequest
})

/**
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // the request object of `AgentWebhooks.listAgentDeliveries` (wire names, as the official SDK takes it)
 * const request: typeof AgentWebhooks.ListAgentDeliveriesRequest.Type = { agent_id: "agent_7f3a" }
 * const result = AgentWebhooks.listAgentDeliveries(request)
 * ```
 *
 * @since 0.1.0
 */
export const ListAgentDeliveriesRequest = Schema.Struct({
  agent_id: Schema.String,
  limit: Model.optional(Schema.Int)
})

/**
 * Recent deliveries of one agent's webhook: a bare JSON array, newest first, no paging.
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 * import { Schema } from "effect"
 *
 * // what `AgentWebhooks.listAgentDeliveries` succeeds with
 * const response = AgentWebhooks.listAgentDeliveries({ agent_id: "agent_7f3a" })
 * // decode a JSON value you hold (e.g. a cached response) with the client's rules
 * const decode = Schema.decodeUnknownEither(AgentWebhooks.AgentDeliveriesResponse)
 * ```
 *
 * @since 0.1.0
 */
export const AgentDeliveriesResponse = Schema.Array(WebhookDeliveryResponse)

/**
 * `GET /v1/agents/{agent_id}/webhook`: the row of `ap.agentWebhooks.getAgentWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = AgentWebhooks.getAgentWebhook({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const getAgentWebhook = Endpoint.make("GET", "/v1/agents/{agent_id}/webhook", {
  name: "agentWebhooks.getAgentWebhook",
  request: AgentIdRequest,
  response: Endpoint.jsonOrNull(WebhookResponse)
})

/**
 * `POST /v1/agents/{agent_id}/webhook`: the row of `ap.agentWebhooks.createOrUpdateAgentWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = AgentWebhooks.createOrUpdateAgentWebhook({ agent_id: "agent_7f3a", body: { url: "https://hooks.acme-outfitters.example/agents/support" } })
 * ```
 *
 * @since 0.1.0
 */
export const createOrUpdateAgentWebhook = Endpoint.make("POST", "/v1/agents/{agent_id}/webhook", {
  name: "agentWebhooks.createOrUpdateAgentWebhook",
  request: CreateOrUpdateAgentWebhookRequest,
  body: { nested: "body" },
  response: Endpoint.json(WebhookResponse)
})

/**
 * `DELETE /v1/agents/{agent_id}/webhook`: the row of `ap.agentWebhooks.deleteAgentWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = AgentWebhooks.deleteAgentWebhook({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const deleteAgentWebhook = Endpoint.make("DELETE", "/v1/agents/{agent_id}/webhook", {
  name: "agentWebhooks.deleteAgentWebhook",
  request: AgentIdRequest,
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * `GET /v1/agents/{agent_id}/webhook/deliveries`: the row of `ap.agentWebhooks.listAgentDeliveries`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = AgentWebhooks.listAgentDeliveries({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const listAgentDeliveries = Endpoint.make("GET", "/v1/agents/{agent_id}/webhook/deliveries", {
  name: "agentWebhooks.listAgentDeliveries",
  request: ListAgentDeliveriesRequest,
  query: ["limit"],
  response: Endpoint.json(AgentDeliveriesResponse)
})

/**
 * `POST /v1/agents/{agent_id}/webhook/test`: the row of `ap.agentWebhooks.testAgentWebhook`, callable on its own (needs only `AgentPhoneClient`).
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // an Effect that needs only AgentPhoneClient (AgentPhone.layer provides it too)
 * const result = AgentWebhooks.testAgentWebhook({ agent_id: "agent_7f3a" })
 * ```
 *
 * @since 0.1.0
 */
export const testAgentWebhook = Endpoint.make("POST", "/v1/agents/{agent_id}/webhook/test", {
  name: "agentWebhooks.testAgentWebhook",
  request: AgentIdRequest,
  body: "none",
  response: Endpoint.json(Model.Acknowledgement)
})

/**
 * The `agentWebhooks` group: one row per official method.
 *
 * @example
 * ```ts
 * import * as AgentWebhooks from "@agentphone-effect/core/AgentWebhooks"
 *
 * // every row of the group: method, path and official name
 * const routes = Object.values(AgentWebhooks.endpoints).map((row) => `${row.name}: ${row.method} ${row.path}`)
 * ```
 *
 * @since 0.1.0
 */
export const endpoints = {
  getAgentWebhook,
  createOrUpdateAgentWebhook,
  deleteAgentWebhook,
  listAgentDeliveries,
  testAgentWebhook
} as const
