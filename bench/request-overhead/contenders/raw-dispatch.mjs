// The floor below undici.request: undici's dispatcher.dispatch with one plain handler per request
// (undici's current handler API), chunks collected and JSON.parse'd at the end. What
// `undici.request` adds over it (an async resource, an AbortSignal listener, a body Readable and
// promises per request) is what @agentphone-effect/node's UndiciHttpClient does without.
export default {
  name: "raw-dispatch",
  description: "undici dispatcher.dispatch + a handler collecting the chunks, JSON.parse, own Agent",
  async create({ baseUrl, token }) {
    const { Agent } = await import("undici")
    const dispatcher = new Agent()
    const { origin } = new URL(baseUrl)
    const headers = { authorization: `Bearer ${token}`, accept: "application/json" }
    const call = (opts) =>
      new Promise((resolve, reject) => {
        const chunks = []
        let status = 0
        dispatcher.dispatch({ origin, ...opts }, {
          onRequestStart() {},
          onResponseStart(_controller, statusCode) {
            status = statusCode
          },
          onResponseData(_controller, chunk) {
            chunks.push(chunk)
          },
          onResponseEnd() {
            if (status < 200 || status >= 300) return reject(new Error(`HTTP ${status}`))
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")))
          },
          onResponseError(_controller, error) {
            reject(error)
          }
        })
      })
    return {
      listContacts: async () => (await call({ path: "/v1/contacts", method: "GET", headers })).data.length,
      sendMessage: async (body) =>
        (await call({
          path: "/v1/messages",
          method: "POST",
          headers: { ...headers, "content-type": "application/json" },
          body: JSON.stringify(body)
        })).to_number,
      close: () => dispatcher.close()
    }
  }
}
