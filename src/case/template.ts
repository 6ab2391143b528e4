/** The commented case file `fundtrace case init` writes. It must load as-is (tested). */
export const CASE_TEMPLATE = `# fundtrace case file — the facts the blockchain cannot show.
# Pass it to a trace with:  fundtrace trace --tx <txid> --case case.yaml --out report
#
# Everything below is an EXAMPLE: replace every value, delete what you do not
# know. Empty values are fine (e.g. "ic3:" with nothing after it).
# Quote a value if it contains ": " or starts with a special character.
# The police copy of the report shows all of this; the victim copy
# (--redact-victim) hides your name, your contact details and your addresses.

# Your home time zone (IANA name: Europe/London, America/New_York,
# Australia/Sydney, America/Toronto, UTC ...). Used for every chronology entry
# that does not name its own zone.
timezone: Europe/London

victim:
  name: Jane Example
  # How the police can reach you: email, phone, postal address — free text.
  contact: jane@example.org, +44 7700 900123

# Reference numbers you already have. Leave empty if not yet filed.
reports:
  police: ""          # crime / case / occurrence reference from your police force
  policeAgency: ""    # which force or agency, e.g. Metropolitan Police
  # officer: "DC A. Example, badge 1234, a.example@police.example, +44 20 7946 0000"
  # legalBasis: "Proceeds of Crime Act 2002, account freezing order AFO-2026-001"
  ic3: ""             # FBI Internet Crime Complaint Center (US)
  reportFraud: ""     # Report Fraud (UK, replaced Action Fraud in Dec 2025)
  actionFraud: ""     # an older Action Fraud (UK) reference
  reportCyber: ""     # ReportCyber (Australia)
  cafc: ""            # Canadian Anti-Fraud Centre
  # other:
  #   - name: Police Scotland
  #     id: "PS-2026-000"

# What happened, in your own words (optional). Start with how contact began.
narrative: |
  A person I met on a dating app recommended an investment website.
  I sent bitcoin to a deposit address the website showed me and could not withdraw.

# What happened and when, one entry per event. time is your LOCAL clock time
# as YYYY-MM-DDTHH:MM (seconds optional) in the entry's timezone (or the
# timezone above). A time ending in Z or +01:00 is taken as written.
# The report converts every entry to UTC and merges it with the on-chain events.
chronology:
  - time: 2026-02-20T19:00
    what: First contact on the dating app from "Alex"
  - time: 2026-03-01T10:55
    timezone: Europe/London
    what: Sent 1 BTC from my wallet to the address the website gave me

# Websites, domains, apps and platforms involved. Never visit a scam site again
# to check; just write down what you used.
platforms:
  - name: Example dating app
    kind: app
  - name: fake-invest.example
    kind: website
    domain: fake-invest.example

# Your own addresses (the ones the coins were taken or sent from), and how you
# can show they are yours: exchange withdrawal record, wallet app screenshot,
# a signed message ...
victimAddresses:
  - address: bc1qexamplevictimaddress000000000000000000
    chain: bitcoin
    ownership: Withdrawal record from my exchange account (screenshot attached)

# What you know about the other side: names used, emails, phone numbers,
# usernames, websites, their addresses. The report always marks these
# "victim-provided, unverified": they are leads, not findings.
suspectIdentifiers:
  - kind: handle
    value: "@alex_invests"
    notes: Dating app and Telegram username
  - kind: email
    value: support@fake-invest.example
`
