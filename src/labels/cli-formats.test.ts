/**
 * `fundtrace labels import` for every format, on a few rows written here
 * (shapes copied from each source's published samples), then `lookup`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { Command } from 'commander'
import { afterAll, describe, expect, test } from 'vitest'
import { registerLabelsCommand } from '../cli/commands/labels.js'

const tmp = mkdtempSync(join(tmpdir(), 'labels-formats-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

async function run(args: string[]) {
  let stdout = ''
  const program = new Command('fundtrace').exitOverride()
  registerLabelsCommand(program, {
    stdout: (s) => (stdout += s),
    stderr: () => {},
  })
  await program.parseAsync(args, { from: 'user' })
  return stdout
}

const EVM = '0x5770815b0c2a09a43c9e5aecb7e2f3886075b605'
const CHECKSUMMED = '0x5770815B0c2a09A43C9E5AEcb7e2f3886075B605'

// biome-ignore format: one row per format reads as a table
const CASES = [
  { format: 'csv', file: 'mine.csv', address: 'bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h',
    text: 'chain,address,entity,category,source,confidence,retrieved\nbitcoin,bc1qm34lsc65zpw79lxes69zkqmk6ee3ewf0j77s3h,My Exchange,exchange,case-notes.pdf,high,2025-01-01\n',
    line: /high\s+My Exchange\s+\(exchange\)\s+source: case-notes\.pdf\s+retrieved 2025-01-01/ },
  { format: 'json', file: 'mine.json', address: '0x2222222222222222222222222222222222222222',
    text: '[{"chain":"ethereum","address":"0x2222222222222222222222222222222222222222","entity":"JSON Corp","category":"exchange","source":"json-file","confidence":"low"}]',
    line: /low\s+JSON Corp\s+\(exchange\)\s+source: json-file/ },
  { format: 'tagpack', file: 'exchange-wallets-test.yaml', address: CHECKSUMMED,
    text: "title: Test wallets\ncreator: test\nconfidence: service_data\ncategory: exchange\nsource: https://test.example/wallets\nlastmod: 2022-11-16\nlabel: testex wallets\nactor: testex\ntags:\n- address: '0x5770815B0c2a09A43C9E5AEcb7e2f3886075B605'\n  currency: ETH\n",
    line: /official\s+testex wallets\s+\(exchange\)\s+source: https:\/\/test\.example\/wallets/ },
  { format: 'ofac', file: 'sanctioned_addresses_XBT.json', address: '12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h',
    text: '[\n  "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"\n]\n',
    line: /official\s+OFAC SDN listed\s+\(sanctioned\)\s+source: https:\/\/home\.treasury\.gov/ },
  { format: 'etherscan-labels', file: 'binance.csv', address: '0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be',
    text: ',Address,Name Tag,Balance,Txn Count\n0,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,Binance,0.08 ETH,17017624\n',
    line: /medium\s+Binance\s+\(exchange\)\s+source: .*binance\.csv/ },
  { format: 'eth-labels', file: 'okx/accounts.json', address: '0x6cc5f688a315f3dc28a7781717a9a798a59fda7b',
    text: '[{ "address": "0x6cc5f688a315f3dc28a7781717a9a798a59fda7b", "nameTag": "OKX" }]',
    line: /medium\s+OKX\s+\(exchange\)\s+source: .*accounts\.json/ },
  { format: 'spellbook', file: 'cex_bitcoin_addresses.csv', address: '1Cb1G5qFK91fShyaPPZWVFwYFBtqRG7h8D',
    text: 'blockchain,address,cex_name,distinct_name,added_by,added_date\nbitcoin,1Cb1G5qFK91fShyaPPZWVFwYFBtqRG7h8D,Coinbase,Coinbase 1,hildobby,2023-04-06\n',
    line: /medium\s+Coinbase\s+\(exchange\)\s+source: .*cex_bitcoin_addresses\.csv\s+retrieved 2023-04-06/ },
  { format: 'scamsniffer', file: 'blacklist/address.json', address: '0x8b2665081964d7f263bcb455cbde34a950a7da49',
    text: '[\n  "0x30467fdfaaac6b03a9bd694e0e4d206983fc951f",\n  "0x8b2665081964d7f263bcb455cbde34a950a7da49"\n]\n',
    line: /medium\s+ScamSniffer blacklist \(drainer\/phishing\)\s+\(scam\)\s+source: .*blacklist\/address\.json/ },
  { format: 'forta', file: 'labels/10/malicious_smart_contracts.csv', address: '0x0244b1c648a2dc1bbcebe00b205be6d970f96076',
    text: 'contract_address,contract_tag,contract_creator,contract_creator_tag,source,notes\n0x0244b1c648a2dc1bbcebe00b205be6d970f96076,Acme Exploiter Multisig,0x30467fdfaaac6b03a9bd694e0e4d206983fc951f,Acme Exploiter,https://optimistic.etherscan.io/,Acme Multisig Hack\n',
    line: /on optimism: Acme Exploiter Multisig \(hack\)[\s\S]*medium\s+Acme Exploiter Multisig\s+\(hack\)\s+source: .*malicious_smart_contracts\.csv/ },
]

describe.each(CASES)('labels import: $format', (c) => {
  const dir = join(tmp, c.format)
  const file = join(dir, c.file)
  const db = join(dir, 'labels.sqlite')
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, c.text)

  test.each([
    ['detected', []],
    ['named', ['--format', c.format]],
  ])('%s format, then lookup shows source and confidence', async (_, extra) => {
    const out = await run(['labels', 'import', file, '--db', db, ...extra])
    expect(out).toMatch(new RegExp(`as ${c.format} into`))
    const found = await run([
      'labels',
      'lookup',
      c.address,
      '--db',
      db,
      '--no-bundled',
    ])
    expect(found).toMatch(c.line)
  })
})

test('an undetectable file is refused with every format named', async () => {
  const file = join(tmp, 'addresses.json')
  writeFileSync(file, '["0x8b2665081964d7f263bcb455cbde34a950a7da49"]')
  const db = join(tmp, 'refused.sqlite')
  await expect(run(['labels', 'import', file, '--db', db])).rejects.toThrow(
    /pass --format .*\|scamsniffer\|forta/,
  )
})

test('a mixed-case address with a bad checksum is an error, not "no labels"', async () => {
  const bad = `${CHECKSUMMED.slice(0, -1)}6`
  await expect(run(['labels', 'lookup', bad, '--no-bundled'])).rejects.toThrow(
    'bad EIP-55 checksum',
  )
  expect(EVM).toBe(CHECKSUMMED.toLowerCase())
})
