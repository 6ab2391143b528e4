/** Who could freeze funds at rest: an issuer only for the real token. */
import { KNOWN_TOKENS } from '../../chains/evm/erc20.js'
import type { AtRest, Report } from '../types.js'

const ISSUERS: Record<string, string> = {
  USDT: 'Tether can freeze USDT at a self-custody address on a verified law-enforcement request',
  USDC: 'Circle can blocklist USDC at an address on a legal order (US court order)',
}

/**
 * The issuer's name is only given for the real token: a contract is checked
 * against the known contracts, because anyone can deploy a token called USDT.
 */
function issuerFor(report: Report, rest: AtRest): string | undefined {
  const symbol = rest.asset.toUpperCase()
  const issuer = ISSUERS[symbol]
  if (!issuer) return undefined
  if (!rest.contract) return issuer
  const known = KNOWN_TOKENS[rest.chain || report.case.chain]?.[symbol]
  return known?.toLowerCase() === rest.contract.toLowerCase()
    ? issuer
    : undefined
}

/** Who could act on funds at rest, stated without overpromising. */
export function whoCanFreeze(report: Report, rest: AtRest): string {
  const issuer = issuerFor(report, rest)
  if (issuer) return issuer
  if (rest.contract)
    return `Token ${rest.asset} (contract ${rest.contract}): only its issuer could freeze it, if the contract allows; ask the issuer through its law-enforcement channel. Police can watch the address and seek seizure.`
  const unlabelled = !report.graph.nodes.some(
    (n) => n.address === rest.address && n.entity,
  )
  return unlabelled
    ? `Nobody can freeze native ${rest.asset} held at an unlabelled (self-custody) address. Police can watch it and seek seizure; if it moves to an exchange, request a freeze there.`
    : `The service operating this address, on a law-enforcement request.`
}
