/** A minimal HttpClient over fetch for tests: no cache, no retries, no limits. */
import { HttpRequestError, NotFoundError } from '../../src/sources/errors.js'
import type { FetchFn, HttpClient } from '../../src/sources/types.js'

export function createSimpleHttp(
  fetchFn: FetchFn = (...args) => globalThis.fetch(...args),
): HttpClient & { requests(): string[] } {
  const seen: string[] = []
  return {
    async request(spec) {
      seen.push(spec.url)
      const method = spec.method ?? 'GET'
      const response = await fetchFn(spec.url, {
        method,
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(spec.signal ? { signal: spec.signal } : {}),
      })
      if (response.status === 404)
        throw new NotFoundError({ url: spec.url, method })
      if (!response.ok)
        throw new HttpRequestError({
          url: spec.url,
          method,
          status: response.status,
          details: await response.text(),
        })
      const body =
        spec.responseType === 'json'
          ? await response.json()
          : await response.text()
      return spec.schema.parse(body)
    },
    touched: () => new Map(),
    evidence: async function* () {},
    stats: () => [],
    close: async () => {},
    requests: () => [...seen],
  }
}
