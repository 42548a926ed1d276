// One list-contacts call with nothing but fetch: the floor for bundle size and import time.
export async function main(baseUrl, token) {
  const res = await fetch(`${baseUrl}/v1/contacts`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" }
  })
  if (!res.ok) throw new Error(`HTTP ${res.status}`)
  const list = await res.json()
  return list.data.length
}
