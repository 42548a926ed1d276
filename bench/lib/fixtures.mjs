// Response bodies the benchmarks share: the request-overhead server answers them, and core's
// decode bench decodes the same bytes.

/** A ContactListResponse of `n` contacts (20 give the ~4.5 KB list the request-overhead bench serves). */
export function contacts(n = 20) {
  const first = ["Maria", "John", "Aiko", "Pierre", "Fatima", "Liam", "Sofia", "Chen", "Olga", "Kwame"]
  const last = ["Gomez", "Smith", "Tanaka", "Dubois", "Khan", "Murphy", "Rossi", "Wei", "Ivanova", "Mensah"]
  const data = Array.from({ length: n }, (_, i) => ({
    id: `ct_${(0x1f3a9c00 + i * 7919).toString(16)}a7c4e1d2b3`,
    phoneNumber: `+1415555${String(1000 + i * 37).padStart(4, "0")}`,
    name: `${first[i % 10]} ${last[(i * 3) % 10]}`,
    email: i % 4 === 3 ? null : `${first[i % 10].toLowerCase()}.${last[(i * 3) % 10].toLowerCase()}@example.com`,
    notes: i % 3 === 0 ? null : `Prefers SMS after 5pm; account #A-${10040 + i}.`,
    createdAt: `2026-01-${String(1 + i).padStart(2, "0")}T09:15:00.000Z`,
    updatedAt: `2026-03-${String(1 + (i % 28)).padStart(2, "0")}T17:04:05.000Z`
  }))
  return { data, hasMore: false, total: n }
}
