/** How a batch file's headers and JSONL keys map onto the row fields. */

/** Column / key spellings accepted, mapped to the canonical field. */
export const FIELD_ALIASES: Record<string, string> = {
  case_id: 'case_id',
  caseid: 'case_id',
  id: 'case_id',
  case: 'case_id',
  chain: 'chain',
  tx: 'tx',
  txs: 'tx',
  txid: 'tx',
  tx_hash: 'tx',
  victim: 'victim',
  victims: 'victim',
  address: 'address',
  since: 'since',
  labels: 'labels',
  label_files: 'labels',
  labelfiles: 'labels',
  policy: 'policy',
  max_hops: 'max_hops',
  maxhops: 'max_hops',
  max_nodes: 'max_nodes',
  maxnodes: 'max_nodes',
  min_amount: 'min_amount',
  minamount: 'min_amount',
  note: 'note',
  explorer_url: 'explorer_url',
  explorerurl: 'explorer_url',
  explorer: 'explorer_url',
  explorer_kind: 'explorer_kind',
  explorerkind: 'explorer_kind',
  rpc_url: 'rpc_url',
  rpc_urls: 'rpc_url',
  rpcurl: 'rpc_url',
  rpc: 'rpc_url',
  notes: 'note',
  description: 'note',
  comment: 'note',
  name: 'note',
}

export function canonicalField(key: string): string | undefined {
  return FIELD_ALIASES[
    key
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_')
  ]
}
