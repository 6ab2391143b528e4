/** What a trace starts from. */
export type Seed =
  /** A theft tx; `outputs` pins which outputs were stolen (default: all not paying the victim or back to the sender). */
  | { kind: 'tx'; txid: string; outputs?: number[] | undefined }
  /** An address whose outflows from `since` on are stolen funds. */
  | { kind: 'address'; address: string; since?: number | undefined }
