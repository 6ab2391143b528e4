/** A stored raw response: the evidence and the cache are the same thing. */
export type EvidenceRecord = {
  /** sha256 of method + redacted URL + body: never contains a secret. */
  key: string
  method: 'GET' | 'POST'
  /** The URL with every secret replaced by ***. */
  url: string
  requestBody?: string | undefined
  status: number
  contentType: string | null
  /** UTC ISO time of retrieval. */
  retrievedAt: string
  /** sha256 hex of `body`. */
  sha256: string
  body: string
}
/** What a client remembers of a record it used; the body stays in a store. */
export type EvidenceRef = Pick<EvidenceRecord, 'key' | 'sha256' | 'retrievedAt'>
export type EvidenceStore = {
  /** Returns undefined on a miss, or when the stored body fails its checksum. */
  get(key: string): Promise<EvidenceRecord | undefined>
  /** Atomic: a crash mid-write never leaves a readable torn record. */
  put(record: EvidenceRecord): Promise<void>
}
