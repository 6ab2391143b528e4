/** Keys and checksums of evidence records. */
import { createHash } from 'node:crypto'
import type { EvidenceRecord } from './types.js'

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** The request's identity. Pass the redacted URL: the key is published with the evidence. */
export function evidenceKey(request: {
  method: 'GET' | 'POST'
  url: string
  body?: string | undefined
}): string {
  return sha256Hex(`${request.method} ${request.url}\n${request.body ?? ''}`)
}

const KEY_RE = /^[0-9a-f]{64}$/

export function isEvidenceKey(key: string): boolean {
  return KEY_RE.test(key)
}

/** True when the record sits under its own key and its body matches its checksum. */
export function isIntact(record: EvidenceRecord, key: string): boolean {
  return (
    record.key === key &&
    record.key ===
      evidenceKey({
        method: record.method,
        url: record.url,
        body: record.requestBody,
      }) &&
    sha256Hex(record.body) === record.sha256
  )
}
